import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy';
import { checkInOps, registrations } from '../db/schema';
import { demoId } from '../seed/seed-demo';
import { type TestDb } from '../testing/test-db';
import { createEvent } from '../events/events';
import { cancelRegistration, registerForEvent } from '../events/registration';
import { applyCheckInBatch, applyCheckInOp, maskName } from './checkin';
import { doorActivity, doorClosedReason, doorScreen, headcount, openDoor, searchByPhoneTail } from './door-views';
import { demoActors } from '../testing/demo-actors';
import { createDemoDb } from '../testing/demo-db';

const TODAY = '2026-11-28';
// 09:00 on the clinic's day in Chongqing.
const NOW = new Date('2026-11-28T01:00:00Z');
/** A volunteer of 区人民医院, whose event this is. */
const volunteer: Actor = demoActors.volunteer;
const cjqOrganizer: Actor = demoActors.cjqOrganizer;
let t: TestDb;
let eventId: string;
beforeEach(async () => {
	t = await createDemoDb('2026-11-25');
	eventId = await createEvent(t.db, { userId: null, name: '周晓梅' }, {
		kind: 'free_clinic',
		siteId: demoId('site:xinqiao'),
		title: '周末义诊',
		date: TODAY,
		startTime: '08:30',
		endTime: '11:30',
		capacity: 2
	});
});
afterEach(() => t.cleanup());

const register = (name: string, phone: string) =>
	registerForEvent(t.db, eventId, { name, phone, ageBand: '60_69', consent: true }, '2026-11-25', null, new Date(NOW.getTime() - 86_400_000));
const op = (id: string, rest: object) => ({ id: `op-${id}-00000`, ...rest });

describe('reading what the volunteer gives', () => {
	it('masks names', () => {
		expect(maskName('王秀兰')).toBe('王*兰');
		expect(maskName('王芳')).toBe('王*');
		expect(maskName('欧阳建国')).toBe('欧**国');
	});
});

describe('checking in', () => {
	it('checks in by code once: the same operation replayed and a second scan both change nothing', async () => {
		const r = await register('王秀兰', '13812345678');
		const first = await applyCheckInOp(t.db, volunteer, eventId, op('a', { kind: 'code', code: r.checkInCode.toLowerCase() }), NOW);
		expect(first).toMatchObject({ outcome: 'checked_in', replayed: false, registrationId: r.id });
		expect(first.message).toContain('王*兰');
		const replay = await applyCheckInOp(t.db, volunteer, eventId, op('a', { kind: 'code', code: r.checkInCode }), new Date(NOW.getTime() + 60_000));
		expect(replay).toMatchObject({ outcome: 'checked_in', replayed: true });
		const again = await applyCheckInOp(t.db, volunteer, eventId, op('b', { kind: 'code', code: r.checkInCode }), NOW);
		expect(again.outcome).toBe('already');
		expect(again.message).toContain('王芳');
		expect(await headcount(t.db, volunteer, eventId)).toMatchObject({ checkedIn: 1, expected: 0, registered: 1 });
		expect(await t.db.select().from(checkInOps)).toHaveLength(2);
	});

	it('refuses a tampered code with a message and changes nothing', async () => {
		await register('王秀兰', '13812345678');
		const out = await applyCheckInOp(t.db, volunteer, eventId, op('c', { kind: 'code', code: 'ZZZZZZ' }), NOW);
		expect(out.outcome).toBe('rejected');
		expect(out.message).toContain('没有找到签到码 ZZZZZZ');
		expect((await headcount(t.db, volunteer, eventId)).checkedIn).toBe(0);
	});

	it('answers a scanned link with broken escapes as a code nobody holds, and takes the rest of the batch', async () => {
		const r = await register('王秀兰', '13812345678');
		const [broken, good] = await applyCheckInBatch(
			t.db,
			volunteer,
			eventId,
			[op('e', { kind: 'code', code: 'https://yizhen.example/console/checkin/x?code=%E0%A4' }), op('f', { kind: 'code', code: r.checkInCode })],
			NOW
		);
		expect(broken).toMatchObject({ outcome: 'rejected' });
		expect(good).toMatchObject({ outcome: 'checked_in' });
	});

	it('opens the door on the event day only, and judges an offline check-in by when it was made', async () => {
		const r = await register('王秀兰', '13812345678');
		const dayBefore = new Date(NOW.getTime() - 86_400_000);
		expect((await applyCheckInOp(t.db, volunteer, eventId, op('d', { kind: 'code', code: r.checkInCode }), dayBefore)).message).toContain('当天才能签到');
		// The page says so before anyone tries, and says nothing on the day.
		expect(await doorClosedReason(t.db, volunteer, eventId, dayBefore)).toContain('当天才能签到');
		expect(await doorClosedReason(t.db, volunteer, eventId, NOW)).toBeNull();
		// Made at the clinic on Saturday morning, sent on Sunday when the phone had signal again.
		const sunday = new Date(NOW.getTime() + 86_400_000);
		const late = await applyCheckInOp(t.db, volunteer, eventId, op('e', { kind: 'code', code: r.checkInCode, clientAt: NOW.toISOString() }), sunday);
		expect(late.outcome).toBe('checked_in');
		const row = (await t.db.select().from(registrations).where(eq(registrations.id, r.id)).get())!;
		expect(row.checkedInAt!.getTime()).toBe(NOW.getTime());
		const tooLate = await register('李建国', '13987654321').catch(() => null);
		expect(tooLate).not.toBeNull();
		expect((await applyCheckInOp(t.db, volunteer, eventId, op('f', { kind: 'code', code: tooLate!.checkInCode }), sunday)).message).toContain('已经结束');
	});

	it('shows a conflict for a cancelled registration, and for a waitlisted one when the event is full unless admitted', async () => {
		const a = await register('王秀兰', '13812345678');
		await register('李建国', '13987654321');
		const waiting = await register('张桂英', '13700001111');
		expect(waiting.status).toBe('waitlisted');
		const w = await applyCheckInOp(t.db, volunteer, eventId, op('g', { kind: 'code', code: waiting.checkInCode }), NOW);
		expect(w.outcome).toBe('conflict');
		expect(w.message).toContain('仍然签到');
		expect(w.admittable).toBe(true);
		const admitted = await applyCheckInOp(t.db, volunteer, eventId, op('h', { kind: 'registration', registrationId: waiting.id, admit: true }), NOW);
		expect(admitted).toMatchObject({ outcome: 'checked_in' });
		expect(admitted.message).toContain('候补转为正式');

		await cancelRegistration(t.db, a.manageToken, '2026-11-25');
		const c = await applyCheckInOp(t.db, volunteer, eventId, op('i', { kind: 'code', code: a.checkInCode }), NOW);
		expect(c.outcome).toBe('conflict');
		expect(c.message).toContain('已取消报名');
		expect(c.admittable).toBe(false);
	});

	it('registers a walk-in in one step, and a walk-in whose phone holds a place is checked in on it', async () => {
		const r = await register('王秀兰', '13812345678');
		const walk = await applyCheckInOp(t.db, volunteer, eventId, op('j', { kind: 'walk_in', name: '赵大爷', ageBand: '80_plus', consent: true }), NOW);
		expect(walk.outcome).toBe('checked_in');
		const same = await applyCheckInOp(t.db, volunteer, eventId, op('k', { kind: 'walk_in', name: '王秀兰', phone: '138 1234 5678', ageBand: '60_69', consent: true }), NOW);
		expect(same).toMatchObject({ outcome: 'checked_in', registrationId: r.id });
		expect(await headcount(t.db, volunteer, eventId)).toMatchObject({ checkedIn: 2, walkIns: 1 });
		await expect(applyCheckInOp(t.db, volunteer, eventId, op('l', { kind: 'walk_in', name: '', ageBand: '80_plus', consent: true }), NOW)).rejects.toMatchObject({
			status: 400,
			field: 'name'
		});
	});

	it('keys an operation by its event: the same id at another event (another hospital\'s) is a new check-in, not a replay', async () => {
		const otherEventId = await createEvent(t.db, { userId: null, name: '刘建华' }, {
			kind: 'free_clinic',
			siteId: demoId('site:jingkou'),
			title: '井口周末义诊',
			date: TODAY,
			startTime: '08:30',
			endTime: '11:30',
			capacity: 10
		});
		const here = await register('王秀兰', '13812345678');
		const there = await registerForEvent(t.db, otherEventId, { name: '李建国', phone: '13987654321', ageBand: '70_79', consent: true }, '2026-11-25', null, new Date(NOW.getTime() - 86_400_000));
		const sharedId = op('same', {}).id;

		const first = await applyCheckInOp(t.db, volunteer, eventId, { id: sharedId, kind: 'code', code: here.checkInCode }, NOW);
		expect(first).toMatchObject({ outcome: 'checked_in', replayed: false, registrationId: here.id });
		const elsewhere = await applyCheckInOp(t.db, cjqOrganizer, otherEventId, { id: sharedId, kind: 'code', code: there.checkInCode }, NOW);
		expect(elsewhere).toMatchObject({ outcome: 'checked_in', replayed: false, registrationId: there.id });
		expect(elsewhere.message).toContain('李*国');
		expect((await headcount(t.db, cjqOrganizer, otherEventId)).checkedIn).toBe(1);

		// Replayed at its own event, each still returns its own stored outcome and counts nobody twice.
		const replayHere = await applyCheckInOp(t.db, volunteer, eventId, { id: sharedId, kind: 'code', code: here.checkInCode }, NOW);
		expect(replayHere).toMatchObject({ outcome: 'checked_in', replayed: true, registrationId: here.id });
		const replayThere = await applyCheckInOp(t.db, cjqOrganizer, otherEventId, { id: sharedId, kind: 'code', code: there.checkInCode }, NOW);
		expect(replayThere).toMatchObject({ outcome: 'checked_in', replayed: true, registrationId: there.id });
		expect(await t.db.select().from(checkInOps)).toHaveLength(2);
		expect((await headcount(t.db, volunteer, eventId)).checkedIn).toBe(1);
		expect((await headcount(t.db, cjqOrganizer, otherEventId)).checkedIn).toBe(1);
	});

	it('finds people by the last four digits, masked, without cancelled ones', async () => {
		await register('王秀兰', '13812345678');
		const b = await register('李建国', '13900005678');
		await cancelRegistration(t.db, b.manageToken, '2026-11-25');
		const found = await searchByPhoneTail(t.db, volunteer, eventId, '5678');
		expect(found).toEqual([{ id: expect.any(String), name: '王*兰', phone: '138****5678', status: 'registered', checkedIn: false }]);
		expect(await searchByPhoneTail(t.db, volunteer, eventId, '56')).toEqual([]);
	});
});

describe('a batch from the door phone', () => {
	it('answers a malformed operation as rejected and still applies the ones around it, in order', async () => {
		const a = await register('王秀兰', '13812345678');
		const b = await register('李建国', '13912345678');
		const outcomes = await applyCheckInBatch(
			t.db,
			volunteer,
			eventId,
			[op('a', { kind: 'code', code: a.checkInCode }), op('b', { kind: 'code' }), { kind: 'code', code: b.checkInCode }, op('d', { kind: 'code', code: b.checkInCode })],
			NOW
		);
		expect(outcomes.map((o) => o.outcome)).toEqual(['checked_in', 'rejected', 'rejected', 'checked_in']);
		expect(outcomes[1]).toMatchObject({ opId: 'op-b-00000' });
		expect(outcomes[1]!.message).not.toBe('');
		expect(outcomes[2]).toMatchObject({ opId: undefined });
		expect(await headcount(t.db, volunteer, eventId)).toMatchObject({ checkedIn: 2 });
	});

	it('refuses someone who may not keep this door, whatever the batch holds', async () => {
		const a = await register('王秀兰', '13812345678');
		await expect(applyCheckInBatch(t.db, cjqOrganizer, eventId, [op('a', { kind: 'code', code: a.checkInCode })], NOW)).rejects.toMatchObject({ status: 403 });
		expect(await t.db.select().from(checkInOps).all()).toHaveLength(0);
	});
});

describe('who keeps the door', () => {
	it('refuses another hospital\'s organizer with a 403 before reading the operation, and changes nothing', async () => {
		const r = await register('王秀兰', '13812345678');
		await expect(applyCheckInOp(t.db, cjqOrganizer, eventId, op('x', { kind: 'code', code: r.checkInCode }), NOW)).rejects.toMatchObject({ status: 403 });
		// Malformed as well: still a 403, never a 400 that would tell them what the door expects.
		await expect(applyCheckInOp(t.db, cjqOrganizer, eventId, { kind: 'walk_in' }, NOW)).rejects.toMatchObject({ status: 403 });
		await expect(applyCheckInOp(t.db, cjqOrganizer, 'no-such-event', op('y', { kind: 'code', code: r.checkInCode }), NOW)).rejects.toMatchObject({ status: 404 });
		expect(await t.db.select().from(checkInOps)).toHaveLength(0);
		expect((await t.db.select().from(registrations).where(eq(registrations.id, r.id)).get())!.checkedInAt).toBeNull();

		for (const read of [
			() => openDoor(t.db, cjqOrganizer, eventId, NOW),
			() => doorScreen(t.db, cjqOrganizer, eventId, { q: '5678', opId: null }, NOW),
			() => doorActivity(t.db, cjqOrganizer, eventId),
			() => headcount(t.db, cjqOrganizer, eventId),
			() => searchByPhoneTail(t.db, cjqOrganizer, eventId, '5678'),
			() => doorClosedReason(t.db, cjqOrganizer, eventId, NOW)
		]) {
			await expect(read()).rejects.toMatchObject({ status: 403 });
		}
	});

	it('lets the hospital\'s volunteer read the door screen and check in', async () => {
		const r = await register('王秀兰', '13812345678');
		const done = await applyCheckInOp(t.db, volunteer, eventId, op('z', { kind: 'code', code: r.checkInCode }), NOW);
		const screen = await doorScreen(t.db, volunteer, eventId, { q: '5678', opId: done.opId }, NOW);
		expect(screen.event).toMatchObject({ id: eventId, title: '周末义诊', closed: null });
		expect(screen.matches).toEqual([expect.objectContaining({ id: r.id, checkedIn: true })]);
		expect(screen.last).toMatchObject({ outcome: 'checked_in', registrationId: r.id });
		expect(screen.count.checkedIn).toBe(1);
		expect((await doorActivity(t.db, volunteer, eventId)).recent.map((o) => o.id)).toEqual([done.opId]);
	});

	it('finds no registration of another event by its id, even one the actor may check in there', async () => {
		const otherEventId = await createEvent(t.db, { userId: null, name: '周晓梅' }, {
			kind: 'free_clinic',
			siteId: demoId('site:xinqiao'),
			title: '另一场义诊',
			date: TODAY,
			startTime: '14:00',
			endTime: '16:00',
			capacity: 10
		});
		const elsewhere = await registerForEvent(t.db, otherEventId, { name: '李建国', phone: '13987654321', ageBand: '70_79', consent: true }, '2026-11-25', null, new Date(NOW.getTime() - 86_400_000));
		const out = await applyCheckInOp(t.db, volunteer, eventId, op('w', { kind: 'registration', registrationId: elsewhere.id }), NOW);
		expect(out).toMatchObject({ outcome: 'rejected', registrationId: null });
		expect((await t.db.select().from(registrations).where(eq(registrations.id, elsewhere.id)).get())!.checkedInAt).toBeNull();
	});
});
