import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addDays, todayIn } from '../../calendar-date';
import { m } from '../../i18n';
import type { Actor } from '../auth/policy';
import { events, registrations, sites, smsMessages } from '../db/schema';
import { cancelEvent } from '../events/cancellation';
import { createOrganizerEvent, updateEvent, type OrganizerEventInput } from '../events/manage';
import { registrationByLink } from '../events/manage-link';
import { cancelRegistration, registerForEvent, type RegistrationResult } from '../events/registration';
import { setSmsByLink } from '../events/registration-sms';
import { reregisterByLink } from '../events/reregistration';
import { queueDueReminders } from '../notify/reminders';
import { demoId } from '../seed/seed-demo';
import { demoActors } from '../testing/demo-actors';
import { type TestDb } from '../testing/test-db';
import { beijingDayStart, smsDailyCapFromEnv } from './daily-cap';
import { fitParam, smsText } from './kinds';
import { enqueueSms, listSmsBox, type SmsMessage } from './outbox';
import { smsBoxProvider } from './provider';
import { queueEventChangeSms, smsDateTime, smsDay } from './registrant-sms';
import { deliverDueSms } from './worker';
import { createDemoDb } from '../testing/demo-db';

const ORIGIN = 'https://yizhen.example.org';
// cancelEvent and updateEvent read the clock: the events are placed from the real Beijing today.
const TODAY = todayIn('Asia/Shanghai');
const SOON = addDays(TODAY, 5);
let t: TestDb;
let organizer: Actor;
beforeEach(async () => {
	t = await createDemoDb(TODAY);
	organizer = demoActors.rmOrganizer;
});
afterEach(() => {
	vi.unstubAllEnvs();
	t.cleanup();
});

const clinic = (extra: Partial<OrganizerEventInput> = {}): OrganizerEventInput => ({
	kind: 'free_clinic',
	siteId: demoId('site:xinqiao'),
	title: '冬季慢病义诊',
	date: SOON,
	startTime: '08:30',
	endTime: '11:30',
	capacity: 3,
	services: ['量血压'],
	...extra
});
const newClinic = (extra: Partial<OrganizerEventInput> = {}) => createOrganizerEvent(t.db, organizer, clinic(extra), { today: TODAY });
const phoneOf = (n: number) => `1370000${String(n).padStart(4, '0')}`;
const person = (n: number) => ({ name: `居民${n}`, phone: phoneOf(n), ageBand: '70_79', consent: true });
const register = (eventId: string, n: number) => registerForEvent(t.db, eventId, person(n), TODAY, null);

const queued = (kind?: string) => t.db.select().from(smsMessages).where(kind ? eq(smsMessages.kind, kind) : undefined);
const organizationOf = async (eventId: string) => (await t.db.select({ id: events.organizationId }).from(events).where(eq(events.id, eventId)).get())!.id;

/** Noon in Beijing after now: the worker delivers everything queued so far, outside quiet hours. */
function nextBeijingNoon(): Date {
	const noon = new Date(beijingDayStart(new Date()).getTime() + 12 * 3_600_000);
	return noon.getTime() > Date.now() ? noon : new Date(noon.getTime() + 24 * 3_600_000);
}
/** What the residents' phones received: the local SMS box after the worker ran, as the admin reads it. */
async function smsBox(): Promise<SmsMessage[]> {
	await deliverDueSms(t.db, smsBoxProvider('义诊', ORIGIN), 'test', nextBeijingNoon(), { limit: 1000 });
	return listSmsBox(t.db, { limit: 1000 });
}
const textOf = (message: SmsMessage) => smsText(message.kind as never, message.params, ORIGIN);

describe('registering', () => {
	it('texts exactly one confirmation, with the manage link, to the phone given, for the event’s organization', async () => {
		const eventId = await newClinic();
		const r = await registerForEvent(t.db, eventId, { ...person(1), phone: '137 0000 0001' }, TODAY, null);
		const box = await smsBox();
		expect(box).toHaveLength(1);
		expect(box[0]).toMatchObject({ kind: 'registration_confirmed', phone: phoneOf(1), organizationId: await organizationOf(eventId) });
		expect(textOf(box[0]!)).toBe(m.sms.registrationConfirmed({ event: '冬季慢病义诊', time: smsDay({ date: SOON, startTime: '08:30', endTime: '11:30' }), token: r.manageToken }, ORIGIN));
		expect(textOf(box[0]!)).toContain(`${ORIGIN}/r/${r.manageToken}`);
	});

	it('queues nothing when the registration rolls back, and registers nobody when the text cannot be queued', async () => {
		const eventId = await newClinic();
		// The text's insert fails inside the registration's transaction: both must be gone.
		await t.db.run(sql`create trigger sms_refused before insert on sms_messages begin select raise(abort, 'sms table refused'); end`);
		await expect(register(eventId, 1)).rejects.toThrow('insert into "sms_messages"');
		await t.db.run(sql`drop trigger sms_refused`);
		expect(await queued()).toHaveLength(0);
		expect(await t.db.select().from(registrations).where(eq(registrations.eventId, eventId))).toHaveLength(0);
		// A refused registration (the same phone twice) texts nothing either.
		await register(eventId, 1);
		await expect(register(eventId, 1)).rejects.toMatchObject({ status: 409 });
		expect(await queued()).toHaveLength(1);
	});

	it('tells a waiting resident they wait, texts them once when promoted, and confirms again when a cancelled registration is taken back', async () => {
		const eventId = await newClinic({ capacity: 1 });
		const first = await register(eventId, 1);
		const waiting = await register(eventId, 2);
		expect(waiting.status).toBe('waitlisted');
		expect((await queued()).map((s) => [s.kind, s.phone])).toEqual(
			expect.arrayContaining([
				['registration_confirmed', phoneOf(1)],
				['waitlist_joined', phoneOf(2)]
			])
		);
		expect(textOf((await queued('waitlist_joined'))[0]!)).toContain(`/r/${waiting.manageToken}`);

		await cancelRegistration(t.db, first.manageToken, TODAY);
		const promoted = await queued('waitlist_promoted');
		expect(promoted).toHaveLength(1);
		expect(promoted[0]).toMatchObject({ phone: phoneOf(2), organizationId: await organizationOf(eventId) });
		expect(textOf(promoted[0]!)).toBe(m.sms.waitlistPromoted({ event: '冬季慢病义诊', time: promoted[0]!.params.time! }));

		// Taking the cancelled registration back is a new registration: one more confirmation (now waiting).
		await reregisterByLink(t.db, first.manageToken, TODAY);
		await reregisterByLink(t.db, first.manageToken, TODAY);
		expect((await queued('waitlist_joined')).map((s) => s.phone).sort()).toEqual([phoneOf(1), phoneOf(2)]);
	});

	it('texts everyone a larger capacity lets in', async () => {
		const eventId = await newClinic({ capacity: 1 });
		await register(eventId, 1);
		await register(eventId, 2);
		await register(eventId, 3);
		await updateEvent(t.db, organizer, eventId, clinic({ capacity: 3 }), { expectedVersion: 1, today: TODAY });
		expect((await queued('waitlist_promoted')).map((s) => s.phone).sort()).toEqual([phoneOf(2), phoneOf(3)]);
		// Capacity is not the date, time or place: nobody is told the event moved.
		expect(await queued('event_moved')).toHaveLength(0);
	});
});

describe('cancelling or moving an event', () => {
	/** Two with a place, one waiting, one who cancelled, one who stopped texts: three are to be told. */
	async function eventWithPeople(date = SOON): Promise<{ eventId: string; people: RegistrationResult[] }> {
		const eventId = await newClinic({ date, capacity: 3 });
		const people = [await register(eventId, 1), await register(eventId, 2), await register(eventId, 3), await register(eventId, 4), await register(eventId, 5)];
		await cancelRegistration(t.db, people[2]!.manageToken, TODAY); // 4 takes the place 3 left
		await setSmsByLink(t.db, people[4]!.manageToken, false);
		await t.db.delete(smsMessages);
		return { eventId, people };
	}
	const told = [phoneOf(1), phoneOf(2), phoneOf(4)];

	it('texts one cancellation to each registration still live, not to the cancelled or to those who stopped texts', async () => {
		const { eventId } = await eventWithPeople();
		await cancelEvent(t.db, organizer, eventId, { reason: '专家临时出诊' });
		const box = await smsBox();
		expect(box.map((s) => s.phone).sort()).toEqual(told);
		for (const s of box) {
			expect(s).toMatchObject({ kind: 'event_cancelled', urgent: false, organizationId: await organizationOf(eventId) });
			expect(textOf(s)).toBe(m.sms.eventCancelled({ event: '冬季慢病义诊', time: smsDay({ date: SOON, startTime: '08:30', endTime: '11:30' }) }));
		}
	});

	it('texts a move with the new time and place, under keys apart from the cancellation’s, and a retried change texts nobody again', async () => {
		const { eventId } = await eventWithPeople();
		const moved = clinic({ date: addDays(SOON, 1), startTime: '09:00', siteId: demoId('site:xinqiao') });
		await updateEvent(t.db, organizer, eventId, moved, { expectedVersion: 1, today: TODAY });
		const moves = await queued('event_moved');
		expect(moves.map((s) => s.phone).sort()).toEqual(told);
		const site = (await t.db.select({ name: sites.name }).from(sites).where(eq(sites.id, demoId('site:xinqiao'))).get())!;
		expect(textOf(moves[0]!)).toBe(
			m.sms.eventMoved({ event: '冬季慢病义诊', time: smsDateTime({ date: addDays(SOON, 1), startTime: '09:00', endTime: '11:30' }), place: fitParam(site.name) })
		);

		// The same change again (a retried transaction): the keys are taken, nothing new.
		expect(await t.db.transaction((tx) => queueEventChangeSms(tx, eventId, 'event_moved'))).toBe(3);
		expect(await queued()).toHaveLength(3);
		// An edit that moves nothing tells nobody.
		await updateEvent(t.db, organizer, eventId, { ...moved, description: '请空腹' }, { expectedVersion: 2, today: TODAY });
		expect(await queued()).toHaveLength(3);

		await cancelEvent(t.db, organizer, eventId, { reason: '专家临时出诊' });
		const cancels = await queued('event_cancelled');
		expect(cancels).toHaveLength(3);
		const moveKeys = new Set(moves.map((s) => s.dedupeKey));
		for (const c of cancels) expect(moveKeys.has(c.dedupeKey)).toBe(false);
		expect(await t.db.transaction((tx) => queueEventChangeSms(tx, eventId, 'event_cancelled'))).toBe(3);
		expect(await queued()).toHaveLength(6);
	});

	it('marks a cancellation of today urgent, sent in quiet hours too', async () => {
		const { eventId } = await eventWithPeople(TODAY);
		await cancelEvent(t.db, organizer, eventId, { reason: '停电' });
		const cancels = await queued('event_cancelled');
		expect(cancels).toHaveLength(3);
		expect(cancels.every((s) => s.urgent)).toBe(true);
	});
});

describe('the day-before reminder', () => {
	it('texts each resident holding a place once, however often the reminder job runs', async () => {
		const eventId = await newClinic({ capacity: 2 });
		const people = [await register(eventId, 1), await register(eventId, 2), await register(eventId, 3)];
		await setSmsByLink(t.db, people[0]!.manageToken, false);
		// 18:00 in Beijing the day before the clinic.
		const eveBefore = new Date(`${addDays(SOON, -1)}T18:00:00+08:00`);
		await queueDueReminders(t.db, eveBefore, 17);
		await queueDueReminders(t.db, new Date(eveBefore.getTime() + 5 * 60_000), 17);
		// The demo's own events may be due the same evening: only this clinic's people count here.
		const reminders = (await queued('event_reminder')).filter((s) => people.some((p) => s.dedupeKey.includes(p.id)));
		// 1 stopped texts, 3 waits for a place.
		expect(reminders.map((s) => s.phone)).toEqual([phoneOf(2)]);
		expect(reminders[0]).toMatchObject({ organizationId: await organizationOf(eventId), dedupeKey: expect.stringContaining(SOON) });
		expect(textOf(reminders[0]!)).toContain(smsDateTime({ date: SOON, startTime: '08:30', endTime: '11:30' }));
	});
});

describe('不再接收短信 on the manage page', () => {
	it('shows the number masked, stops and resumes texts, and refuses a wrong link', async () => {
		const eventId = await newClinic();
		const r = await register(eventId, 1);
		expect((await registrationByLink(t.db, r.manageToken, TODAY))!.sms).toEqual({ to: '137****0001', receiving: true });
		await setSmsByLink(t.db, r.manageToken, false);
		await setSmsByLink(t.db, r.manageToken, false);
		expect((await registrationByLink(t.db, r.manageToken, TODAY))!.sms).toEqual({ to: '137****0001', receiving: false });
		await cancelEvent(t.db, organizer, eventId, { reason: '专家临时出诊' });
		expect(await queued('event_cancelled')).toHaveLength(0);

		await setSmsByLink(t.db, r.manageToken, true);
		expect((await registrationByLink(t.db, r.manageToken, TODAY))!.sms).toEqual({ to: '137****0001', receiving: true });
		await expect(setSmsByLink(t.db, 'a'.repeat(32), false)).rejects.toMatchObject({ status: 404 });
	});
});

describe('the per-phone daily cap', () => {
	const plain = (n: number, phone = phoneOf(9)) => ({
		kind: 'event_moved' as const,
		phone,
		params: { event: `义诊${n}`, time: '12月12日08:30', place: '新桥中心' },
		dedupeKey: `cap-test:${n}`,
		organizationId: null
	});

	it('stops the text over the cap, shown to the admin with the reason, and still lets a same-day cancellation and a code through', async () => {
		const cap = smsDailyCapFromEnv();
		for (let n = 0; n < cap; n++) await enqueueSms(t.db, plain(n));
		const over = await enqueueSms(t.db, plain(cap));
		const stopped = (await t.db.select().from(smsMessages).where(eq(smsMessages.id, over)).get())!;
		expect(stopped).toMatchObject({ status: 'dead', attempts: 0, lastError: m.console.sms.overDailyCap(cap) });
		// Another phone is not affected.
		const other = await enqueueSms(t.db, plain(cap + 1, phoneOf(8)));
		expect((await t.db.select().from(smsMessages).where(eq(smsMessages.id, other)).get())!.status).toBe('pending');

		// The phone registered for a clinic today, which is cancelled: that text goes, cap or not.
		const eventId = await newClinic({ date: TODAY });
		await registerForEvent(t.db, eventId, { ...person(9), phone: phoneOf(9) }, TODAY, null);
		expect((await queued('registration_confirmed'))[0]!.status).toBe('dead');
		await cancelEvent(t.db, organizer, eventId, { reason: '停电' });
		expect(await queued('event_cancelled')).toMatchObject([{ phone: phoneOf(9), urgent: true, status: 'pending' }]);
		const code = await enqueueSms(t.db, { kind: 'verification_code', phone: phoneOf(9), params: { code: '123456' }, dedupeKey: 'code:1', organizationId: null });
		expect((await t.db.select().from(smsMessages).where(eq(smsMessages.id, code)).get())!.status).toBe('pending');

		const box = await smsBox();
		expect(box.filter((s) => s.phone === phoneOf(9)).map((s) => s.kind).sort()).toEqual([...Array(cap).fill('event_moved'), 'event_cancelled', 'verification_code'].sort());
	});

	it('is set by SMS_DAILY_CAP_PER_PHONE, counts a Beijing day, and a dedupe key already queued stays one text', async () => {
		vi.stubEnv('SMS_DAILY_CAP_PER_PHONE', '2');
		const lateEvening = new Date('2026-12-20T23:30:00+08:00');
		await enqueueSms(t.db, plain(1), lateEvening);
		await enqueueSms(t.db, plain(1), lateEvening);
		await enqueueSms(t.db, plain(2), lateEvening);
		await enqueueSms(t.db, plain(3), lateEvening);
		const nextMorning = new Date('2026-12-21T00:10:00+08:00');
		await enqueueSms(t.db, plain(4), nextMorning);
		const rows = await t.db.select().from(smsMessages).where(eq(smsMessages.phone, phoneOf(9)));
		expect(Object.fromEntries(rows.map((r) => [r.dedupeKey, r.status]))).toEqual({
			'cap-test:1': 'pending',
			'cap-test:2': 'pending',
			'cap-test:3': 'dead',
			'cap-test:4': 'pending'
		});
		expect(smsDailyCapFromEnv({ SMS_DAILY_CAP_PER_PHONE: 'lots' })).toBe(smsDailyCapFromEnv({}));
	});
});
