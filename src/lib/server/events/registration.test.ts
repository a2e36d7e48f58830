import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client';
import { registrations } from '../db/schema';
import { demoId } from '../seed/seed-demo';
import { createSeries, type EventInput } from './events';
import { maskPhone, normalizeMobile } from './phone';
import { cancelRegistration, placesTaken, registerForEvent, waitlistPosition } from './registration';
import { makeDemoClinic } from '../testing/demo-clinic';
import { demoDbForEachTest } from '../testing/demo-db';

const TODAY = '2026-11-25';
const t = demoDbForEachTest(TODAY);

const clinic = (capacity: number | null, extra: Partial<EventInput> = {}) => makeDemoClinic(t.db, capacity, { services: ['量血压', '测血糖'], ...extra });
const person = (n: number) => ({ name: `居民${n}`, phone: `1380000${String(n).padStart(4, '0')}`, ageBand: '60_69', community: '新桥社区', consent: true });

describe('phones', () => {
	it('reads what residents type and masks it for everyone else', () => {
		expect(normalizeMobile('138 1234 5678')).toBe('13812345678');
		expect(normalizeMobile('+86 138-1234-5678')).toBe('13812345678');
		expect(normalizeMobile('12812345678')).toBeNull();
		expect(normalizeMobile('1381234567')).toBeNull();
		expect(maskPhone('13812345678')).toBe('138****5678');
	});
});

describe('registering', () => {
	it('gives a code and a manage link, refuses a second place for the same phone, and asks for consent', async () => {
		const eventId = await clinic(10);
		const r = await registerForEvent(t.db, eventId, person(1), TODAY, null);
		expect(r.status).toBe('registered');
		expect(r.checkInCode).toMatch(/^[A-Z0-9]{6}$/);
		await expect(registerForEvent(t.db, eventId, { ...person(1), phone: '138 0000 0001' }, TODAY, null)).rejects.toMatchObject({ field: 'phone', status: 409 });
		await expect(registerForEvent(t.db, eventId, { ...person(2), consent: false }, TODAY, null)).rejects.toMatchObject({ field: 'consent' });
		await expect(registerForEvent(t.db, eventId, { ...person(2), phone: '12345' }, TODAY, null)).rejects.toMatchObject({ field: 'phone' });
		await expect(registerForEvent(t.db, eventId, person(3), '2026-11-29', null)).rejects.toThrow('已经结束');
	});

	it('waitlists when full and promotes the longest-waiting person when someone cancels', async () => {
		const eventId = await clinic(2);
		const a = await registerForEvent(t.db, eventId, person(1), TODAY, null, new Date(1000));
		await registerForEvent(t.db, eventId, person(2), TODAY, null, new Date(2000));
		const c = await registerForEvent(t.db, eventId, person(3), TODAY, null, new Date(3000));
		const d = await registerForEvent(t.db, eventId, person(4), TODAY, null, new Date(4000));
		expect([c.status, c.waitlistPosition, d.waitlistPosition]).toEqual(['waitlisted', 1, 2]);

		expect(await cancelRegistration(t.db, a.manageToken, TODAY)).toEqual({ promotedId: c.id });
		expect((await t.db.select().from(registrations).where(eq(registrations.id, c.id)).get())!.status).toBe('registered');
		expect(await placesTaken(t.db, eventId)).toBe(2);
		// The day after the clinic, the link no longer cancels.
		await expect(cancelRegistration(t.db, c.manageToken, '2026-11-29')).rejects.toMatchObject({ status: 409, message: expect.stringContaining('已经结束') });
		await expect(cancelRegistration(t.db, a.manageToken, TODAY)).rejects.toMatchObject({ status: 409 });
		await expect(cancelRegistration(t.db, 'tampered', TODAY)).rejects.toMatchObject({ status: 404 });
		// The same phone may register again once its place is cancelled.
		expect((await registerForEvent(t.db, eventId, person(1), TODAY, null)).status).toBe('waitlisted');
	});

	it('tells a newcomer the queue place their manage page shows, when others signed up in the same millisecond too', async () => {
		const eventId = await clinic(1);
		await registerForEvent(t.db, eventId, person(1), TODAY, null, new Date(1000));
		const same = new Date(2000);
		const told: number[] = [];
		for (let n = 2; n <= 7; n++) {
			const r = await registerForEvent(t.db, eventId, person(n), TODAY, null, n === 7 ? new Date(1500) : same);
			const row = (await t.db.select().from(registrations).where(eq(registrations.id, r.id)).get())!;
			expect(r.status).toBe('waitlisted');
			expect(r.waitlistPosition).toBe(await waitlistPosition(t.db, row));
			told.push(r.waitlistPosition!);
		}
		// Five in one millisecond queue by id, so not always at the back; one from earlier goes first.
		expect(told.at(-1)).toBe(1);
		expect(told.slice(0, 5).every((p) => p >= 1 && p <= 5)).toBe(true);
	});

	it('never overbooks: 60 people on three connections at once for the last 5 places', async () => {
		const eventId = await clinic(5);
		const connections = [t.db, (await openDatabase({ url: t.url })).db, (await openDatabase({ url: t.url })).db];
		const results = await Promise.allSettled(
			Array.from({ length: 60 }, (_, i) => registerForEvent(connections[i % 3]!, eventId, person(100 + i), TODAY, null))
		);
		expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
		const statuses = results.map((r) => (r as PromiseFulfilledResult<{ status: string }>).value.status);
		expect(statuses.filter((s) => s === 'registered')).toHaveLength(5);
		expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(55);
		expect(await t.db.select().from(registrations).where(eq(registrations.eventId, eventId))).toHaveLength(60);
	});
});

describe('numbered series', () => {
	it('numbers each event of a series in turn', async () => {
		const seriesId = await createSeries(t.db, { organizationId: demoId('org:rm'), name: '沙坪坝周末义诊', kind: 'free_clinic', nextIssue: 441 });
		const first = await clinic(null, { seriesId });
		const second = await clinic(null, { seriesId, date: '2026-12-05' });
		const { events } = await import('../db/schema');
		const rows = await t.db.select({ id: events.id, issue: events.issueNumber }).from(events);
		expect(rows.find((r) => r.id === first)!.issue).toBe(441);
		expect(rows.find((r) => r.id === second)!.issue).toBe(442);
	});
});
