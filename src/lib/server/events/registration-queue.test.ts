import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { registrationAttempts, registrations, smsMessages } from '../db/schema';
import { registerForEvent, waitlistPosition } from './registration';
import { makeDemoClinic } from '../testing/demo-clinic';
import { demoDbForEachTest } from '../testing/demo-db';

const TODAY = '2026-11-25';
const t = demoDbForEachTest(TODAY);

const clinic = (capacity: number | null) => makeDemoClinic(t.db, capacity);
const person = (n: number, extra: object = {}) => ({ name: `居民${n}`, phone: `1390000${String(n).padStart(4, '0')}`, ageBand: '60_69', consent: true, ...extra });
const source = { ip: '10.1.0.1', limits: { perPhone: 5, perIp: 1000 } };

describe('sign-ups arriving together', () => {
	it('give the places to the first comers, queue the rest, and text each of them once', async () => {
		const eventId = await clinic(5);
		const results = await Promise.all(Array.from({ length: 30 }, (_, i) => registerForEvent(t.db, eventId, person(i), TODAY, source)));
		expect(results.map((r) => r.status)).toEqual([...Array(5).fill('registered'), ...Array(25).fill('waitlisted')]);
		// Places 1 to 25, each once; within one millisecond the queue goes by id, as promotion does.
		expect(results.slice(5).map((r) => r.waitlistPosition).sort((x, y) => x! - y!)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
		for (const r of results.slice(5)) {
			const row = (await t.db.select().from(registrations).where(eq(registrations.id, r.id)).get())!;
			expect(await waitlistPosition(t.db, row)).toBe(r.waitlistPosition);
		}
		const texts = await t.db.select({ kind: smsMessages.kind, phone: smsMessages.phone }).from(smsMessages);
		expect(texts.filter((m) => m.kind === 'registration_confirmed')).toHaveLength(5);
		expect(texts.filter((m) => m.kind === 'waitlist_joined')).toHaveLength(25);
		expect(new Set(texts.map((m) => m.phone)).size).toBe(30);
		// Every attempt counted: 30 for the address, one for each phone.
		const [ipAttempts] = await t.db.select({ n: sql<number>`count(*)` }).from(registrationAttempts).where(eq(registrationAttempts.key, 'ip:10.1.0.1'));
		expect(ipAttempts!.n).toBe(30);
	});

	it('refuse the second sign-up of one phone in the same moment, and only that one', async () => {
		const eventId = await clinic(10);
		const outcomes = await Promise.allSettled([
			registerForEvent(t.db, eventId, person(1), TODAY, source),
			registerForEvent(t.db, eventId, person(2), TODAY, source),
			registerForEvent(t.db, eventId, person(1, { name: '又是居民1' }), TODAY, source),
			registerForEvent(t.db, eventId, person(3), TODAY, source)
		]);
		expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
		expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ status: 409, field: 'phone' });
		expect(await t.db.select().from(registrations).where(eq(registrations.eventId, eventId))).toHaveLength(3);
	});

	it('refuse everyone of the moment for an event that has closed, and count their attempts', async () => {
		const eventId = await clinic(10);
		const outcomes = await Promise.allSettled([1, 2, 3].map((n) => registerForEvent(t.db, eventId, person(n), '2026-11-29', source)));
		expect(outcomes.map((o) => (o as PromiseRejectedResult).reason?.status)).toEqual([409, 409, 409]);
		const attempts = await t.db.select().from(registrationAttempts);
		expect(attempts.filter((a) => a.key.startsWith('phone:'))).toHaveLength(3);
		expect(await t.db.select().from(registrations).where(eq(registrations.eventId, eventId))).toHaveLength(0);
	});

	it('keep everyone else when the database refuses one of them, and give that one the error', async () => {
		const eventId = await clinic(10);
		// Stands in for what no check foresees, such as two check-in codes clashing.
		await t.db.run(sql`CREATE TRIGGER refuse_one BEFORE INSERT ON registrations WHEN NEW.name = '出错的人' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
		const outcomes = await Promise.allSettled([
			registerForEvent(t.db, eventId, person(1), TODAY, source),
			registerForEvent(t.db, eventId, person(2, { name: '出错的人' }), TODAY, source),
			registerForEvent(t.db, eventId, person(3), TODAY, source)
		]);
		expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ cause: expect.objectContaining({ message: expect.stringContaining('refused by the test') }) });
		const rows = await t.db.select().from(registrations).where(eq(registrations.eventId, eventId));
		expect(rows.map((r) => r.name).sort()).toEqual(['居民1', '居民3']);
	});

	it('register people for different events in the same moment, each against their own places', async () => {
		const [a, b] = [await clinic(1), await clinic(2)];
		const results = await Promise.all([1, 2, 3, 4].map((n) => registerForEvent(t.db, n % 2 ? a : b, person(n), TODAY, null)));
		expect(results.map((r) => r.status)).toEqual(['registered', 'registered', 'waitlisted', 'registered']);
	});
});
