import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadActor } from '../auth/users';
import { openDatabase } from '../db/client';
import { auditLog, events, memberships, outboxMessages, users, volunteerShifts } from '../db/schema';
import { newId } from '../ids';
import { demoId } from '../seed/seed-demo';
import { eventPhase, type WallClock } from './event-phase';
import { eventVolunteerRoster, openRolesForVolunteer, rolesOfEvent, shiftsOfVolunteer, staffing, unfilledRoles } from './rosters';
import { assign, signUp, unassign, withdraw } from './shifts';
import { demoDbForEachTest } from '../testing/demo-db';

const TODAY = '2026-11-25';
const CLOCK: WallClock = { date: TODAY, time: '10:00' };
const SATURDAY = '2026-11-28';
const clinic = demoId('event:clinic-this-saturday');
const lecture = demoId('event:lecture-hypertension');
const role = (event: string, name: string) => demoId(`role:${event}:${name}`);
const user = (email: string) => demoId(`user:${email}`);

const t = demoDbForEachTest(TODAY);

async function actorOf(email: string) {
	const row = (await t.db.select().from(users).where(eq(users.email, email)).get())!;
	return loadActor(t.db, row);
}

/** A volunteer of the given demo hospital (区人民医院 by default). */
async function makeVolunteer(name: string, org = 'rm') {
	const id = newId();
	await t.db.insert(users).values({ id, email: `${id}@yizhen.example`, name });
	await t.db.insert(memberships).values({ id: newId(), userId: id, role: 'volunteer', organizationId: demoId(`org:${org}`) });
	return loadActor(t.db, { id, name, isAdmin: false });
}

describe('event phase and staffing', () => {
	it('reads before, running and over from the site clock', () => {
		const e = { date: SATURDAY, startTime: '08:30', endTime: '11:30' };
		expect(eventPhase(e, { date: '2026-11-27', time: '23:59' })).toBe('before');
		expect(eventPhase(e, { date: SATURDAY, time: '08:29' })).toBe('before');
		expect(eventPhase(e, { date: SATURDAY, time: '08:30' })).toBe('running');
		expect(eventPhase(e, { date: SATURDAY, time: '11:30' })).toBe('over');
		expect(eventPhase(e, { date: '2026-11-29', time: '00:00' })).toBe('over');
		expect(staffing(3, 1)).toEqual({ needed: 3, filled: 1, unfilled: 2, over: 0 });
		expect(staffing(2, 3)).toEqual({ needed: 2, filled: 3, unfilled: 0, over: 1 });
	});
});

describe('a volunteer signing up and withdrawing', () => {
	it('lists open roles, signs up, shows the shift, and withdraws before the event', async () => {
		const fang = await actorOf('volunteer@yizhen.example');
		const zhao = await makeVolunteer('赵敏');
		// 王芳 already serves at Saturday's clinic, so it is not offered to her again; 赵敏 sees it.
		expect((await openRolesForVolunteer(t.db, fang, CLOCK)).map((o) => o.event.id)).not.toContain(clinic);
		const open = await openRolesForVolunteer(t.db, zhao, CLOCK);
		const saturday = open.find((o) => o.event.id === clinic)!;
		expect(saturday.event.when).toBe('11月28日 周六 上午');
		expect(saturday.roles.map((r) => [r.name, r.unfilled])).toEqual([['导诊', 3], ['登记', 2], ['测血压', 3], ['秩序维护', 2]]);
		// Cancelled events and other hospitals' events are not offered.
		expect(open.map((o) => o.event.id)).not.toContain(demoId('event:lecture-cancelled'));
		expect(open.map((o) => o.event.id)).not.toContain(demoId('event:lecture-falls'));

		const { shiftId, summary } = await signUp(t.db, zhao, role('clinic-this-saturday', '测血压'), CLOCK);
		expect(summary).toContain('测血压');
		// The confirmation is queued with the shift.
		const [confirmation] = await t.db.select().from(outboxMessages).where(eq(outboxMessages.kind, 'volunteer_shift'));
		expect(confirmation).toMatchObject({ toName: '赵敏', subject: '志愿者岗位已确认：测血压 · 沙坪坝周末义诊：心血管和慢病咨询' });
		const mine = await shiftsOfVolunteer(t.db, zhao, CLOCK);
		expect(mine.map((s) => [s.roleName, s.event.siteName, s.canWithdraw])).toEqual([['测血压', '磁器口社区卫生服务中心', true]]);
		expect((await rolesOfEvent(t.db, clinic)).find((r) => r.name === '测血压')).toMatchObject({ filled: 1, needed: 3, people: [{ name: '赵敏', byOrganizer: false }] });

		await withdraw(t.db, zhao, shiftId, CLOCK);
		expect(await shiftsOfVolunteer(t.db, zhao, CLOCK)).toEqual([]);
		const trail = await t.db.select().from(auditLog).where(eq(auditLog.objectId, clinic));
		expect(trail.map((a) => a.action)).toEqual(expect.arrayContaining(['volunteer.signup', 'volunteer.withdraw']));
	});

	it('refuses a full role, a second role at the same event, the same role twice, and a role it cannot reach', async () => {
		const fang = await actorOf('volunteer@yizhen.example');
		const a = await makeVolunteer('赵敏');
		const b = await makeVolunteer('钱进');
		await signUp(t.db, a, role('lecture-hypertension', '签到'), CLOCK);
		await expect(signUp(t.db, b, role('lecture-hypertension', '签到'), CLOCK)).rejects.toMatchObject({ status: 409, message: expect.stringContaining('已经满员（1/1）') });
		await expect(signUp(t.db, a, role('lecture-hypertension', '签到'), CLOCK)).rejects.toThrow('您已经报名了「签到」');
		await expect(signUp(t.db, fang, role('clinic-this-saturday', '测血压'), CLOCK)).rejects.toThrow('一场活动只担任一个岗位');
		const outsider = await makeVolunteer('孙立', 'zy');
		await expect(signUp(t.db, outsider, role('clinic-this-saturday', '测血压'), CLOCK)).rejects.toMatchObject({ status: 403 });
		await expect(signUp(t.db, a, 'no-such-role', CLOCK)).rejects.toMatchObject({ status: 404 });
	});

	it('refuses a cancelled event, and an event that has started', async () => {
		const a = await makeVolunteer('赵敏');
		await t.db.update(events).set({ status: 'cancelled', cancelReason: '暴雨' }).where(eq(events.id, clinic));
		await expect(signUp(t.db, a, role('clinic-this-saturday', '测血压'), CLOCK)).rejects.toThrow('已取消');
		await expect(signUp(t.db, a, role('lecture-hypertension', '签到'), { date: '2026-12-02', time: '14:30' })).rejects.toThrow('已经开始或结束');
		await expect(signUp(t.db, a, role('lecture-hypertension', '签到'), { date: '2026-12-03', time: '08:00' })).rejects.toThrow('已经开始或结束');
	});

	it('lets two volunteers racing for the last place on separate connections both finish, one of them refused', async () => {
		const racers = await Promise.all(['甲', '乙', '丙', '丁', '戊', '己'].map((n) => makeVolunteer(`志愿者${n}`)));
		const connections = [t.db, (await openDatabase({ url: t.url })).db, (await openDatabase({ url: t.url })).db];
		const results = await Promise.allSettled(racers.map((r, i) => signUp(connections[i % 3]!, r, role('clinic-this-saturday', '测血压'), CLOCK)));
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
		for (const r of results.filter((r) => r.status === 'rejected')) expect((r as PromiseRejectedResult).reason).toMatchObject({ status: 409 });
		expect(await t.db.select().from(volunteerShifts).where(eq(volunteerShifts.roleId, role('clinic-this-saturday', '测血压')))).toHaveLength(3);
	});

	it('withdraws only your own shift, and not once the event has started', async () => {
		const fang = await actorOf('volunteer@yizhen.example');
		const a = await makeVolunteer('赵敏');
		const fangShift = demoId('shift:volunteer:clinic-this-saturday');
		await expect(withdraw(t.db, a, fangShift, CLOCK)).rejects.toMatchObject({ status: 403 });
		await expect(withdraw(t.db, fang, fangShift, { date: SATURDAY, time: '09:00' })).rejects.toThrow('活动已经开始');
		await expect(withdraw(t.db, fang, 'no-such-shift', CLOCK)).rejects.toMatchObject({ status: 404 });
		await withdraw(t.db, fang, fangShift, CLOCK);
		await expect(withdraw(t.db, fang, fangShift, CLOCK)).rejects.toMatchObject({ status: 404 });
	});
});

describe('an organizer staffing an event', () => {
	it('assigns a volunteer of the hospital, may go beyond what is needed, and removes', async () => {
		const organizer = await actorOf('organizer@yizhen.example');
		const a = await makeVolunteer('赵敏');
		const b = await makeVolunteer('钱进');
		await makeVolunteer('孙立', 'zy');
		const before = await eventVolunteerRoster(t.db, organizer, lecture, CLOCK);
		expect(before.event.when).toBe('12月2日 周三 下午');
		expect(before.totals).toMatchObject({ needed: 2, filled: 0, unfilled: 2 });
		// Volunteers of 区人民医院 only; 孙立 volunteers for 区中医院.
		expect(before.volunteers.map((v) => v.name).sort()).toEqual(['王芳', '赵敏', '钱进'].sort());

		await assign(t.db, organizer, lecture, role('lecture-hypertension', '签到'), a.userId, CLOCK);
		const { shiftId } = await assign(t.db, organizer, lecture, role('lecture-hypertension', '签到'), b.userId, CLOCK);
		const after = await eventVolunteerRoster(t.db, organizer, lecture, CLOCK);
		expect(after.roles.find((r) => r.name === '签到')).toMatchObject({ filled: 2, needed: 1, over: 1, unfilled: 0 });
		expect(after.volunteers.find((v) => v.name === '赵敏')!.roleName).toBe('签到');

		await unassign(t.db, organizer, lecture, shiftId, CLOCK);
		expect((await rolesOfEvent(t.db, lecture)).find((r) => r.name === '签到')!.people.map((p) => p.name)).toEqual(['赵敏']);
		const actions = (await t.db.select().from(auditLog).where(eq(auditLog.objectId, lecture))).map((x) => x.action);
		expect(actions.filter((x) => x === 'volunteer.assign')).toHaveLength(2);
		expect(actions).toContain('volunteer.unassign');
	});

	it('refuses people outside the hospital, a second role, other hospitals’ events, and events that are over or cancelled', async () => {
		const organizer = await actorOf('organizer@yizhen.example');
		const other = await actorOf('organizer.cjq@yizhen.example');
		const fang = await actorOf('volunteer@yizhen.example');
		const outsider = await makeVolunteer('孙立', 'zy');
		const bp = role('clinic-this-saturday', '测血压');
		await expect(assign(t.db, organizer, clinic, bp, outsider.userId, CLOCK)).rejects.toMatchObject({ field: 'userId', status: 400 });
		await expect(assign(t.db, organizer, clinic, bp, '', CLOCK)).rejects.toMatchObject({ field: 'userId' });
		await expect(assign(t.db, organizer, clinic, bp, fang.userId, CLOCK)).rejects.toMatchObject({ field: 'userId', message: expect.stringContaining('「导诊」') });
		await expect(assign(t.db, organizer, clinic, role('clinic-this-saturday', '导诊'), fang.userId, CLOCK)).rejects.toThrow('已经在「导诊」');
		await expect(assign(t.db, other, clinic, bp, fang.userId, CLOCK)).rejects.toMatchObject({ status: 403 });
		await expect(unassign(t.db, other, clinic, demoId('shift:volunteer:clinic-this-saturday'), CLOCK)).rejects.toMatchObject({ status: 403 });
		await expect(eventVolunteerRoster(t.db, other, clinic, CLOCK)).rejects.toMatchObject({ status: 403 });
		await expect(assign(t.db, fang, clinic, bp, fang.userId, CLOCK)).rejects.toMatchObject({ status: 403 });
		// The event in the URL is the one acted on: its organizer cannot reach another event's role or shift through it.
		const shifts = await t.db.select().from(volunteerShifts);
		await expect(assign(t.db, organizer, lecture, bp, (await makeVolunteer('周全')).userId, CLOCK)).rejects.toMatchObject({ status: 404 });
		await expect(unassign(t.db, organizer, lecture, demoId('shift:volunteer:clinic-this-saturday'), CLOCK)).rejects.toMatchObject({ status: 404 });
		expect(await t.db.select().from(volunteerShifts)).toEqual(shifts);

		const sunday = { date: '2026-11-29', time: '09:00' };
		await expect(assign(t.db, organizer, clinic, role('clinic-this-saturday', '登记'), (await makeVolunteer('赵敏')).userId, sunday)).rejects.toThrow('已经结束');
		await expect(unassign(t.db, organizer, clinic, demoId('shift:volunteer:clinic-this-saturday'), sunday)).rejects.toThrow('已经结束');
		await expect(unassign(t.db, organizer, clinic, 'no-such-shift', CLOCK)).rejects.toMatchObject({ status: 404 });
		await t.db.update(events).set({ status: 'cancelled' }).where(eq(events.id, clinic));
		await expect(assign(t.db, organizer, clinic, bp, outsider.userId, CLOCK)).rejects.toThrow('已取消');
	});

	it('lists unfilled roles over the organizer’s hospitals and dates only', async () => {
		const organizer = await actorOf('organizer@yizhen.example');
		const other = await actorOf('organizer.cjq@yizhen.example');
		const list = await unfilledRoles(t.db, organizer, { from: TODAY, to: '2026-12-31' }, CLOCK);
		expect(list.map((e) => e.event.id)).toEqual([clinic, lecture, demoId('event:clinic-next-saturday')]);
		expect(list[0]!.unfilled).toBe(10);
		expect(list[0]!.roles.find((r) => r.name === '导诊')).toMatchObject({ filled: 1, unfilled: 3 });
		expect((await unfilledRoles(t.db, organizer, { from: TODAY, to: '2026-11-30' }, CLOCK)).map((e) => e.event.id)).toEqual([clinic]);
		// 陈家桥医院's only event is cancelled: nothing to staff.
		expect(await unfilledRoles(t.db, other, { from: TODAY, to: '2026-12-31' }, CLOCK)).toEqual([]);
	});
});

describe('access before anything', () => {
	it('refuses another hospital with a 403 before looking at what was sent, and changes nothing', async () => {
		const other = await actorOf('organizer.cjq@yizhen.example');
		const cjqVolunteer = await makeVolunteer('孙立', 'cjq');
		const bp = role('clinic-this-saturday', '测血压');
		const shiftsBefore = await t.db.select().from(volunteerShifts);
		const auditsBefore = (await t.db.select().from(auditLog)).length;
		// A person that is nobody, and no person at all: still a 403, never the 400 that would check them.
		await expect(assign(t.db, other, clinic, bp, 'no-such-user', CLOCK)).rejects.toMatchObject({ status: 403 });
		await expect(assign(t.db, other, clinic, bp, '', CLOCK)).rejects.toMatchObject({ status: 403 });
		await expect(assign(t.db, other, clinic, bp, cjqVolunteer.userId, CLOCK)).rejects.toMatchObject({ status: 403 });
		await expect(signUp(t.db, cjqVolunteer, bp, CLOCK)).rejects.toMatchObject({ status: 403 });
		await expect(withdraw(t.db, cjqVolunteer, demoId('shift:volunteer:clinic-this-saturday'), CLOCK)).rejects.toMatchObject({ status: 403 });
		await expect(unassign(t.db, other, clinic, demoId('shift:volunteer:clinic-this-saturday'), CLOCK)).rejects.toMatchObject({ status: 403 });
		expect(await t.db.select().from(volunteerShifts)).toEqual(shiftsBefore);
		expect(await t.db.select().from(auditLog)).toHaveLength(auditsBefore);

		// The event's own organizer and volunteer get on with it.
		const organizer = await actorOf('organizer@yizhen.example');
		const rmVolunteer = await makeVolunteer('赵敏');
		await expect(signUp(t.db, rmVolunteer, bp, CLOCK)).resolves.toMatchObject({ summary: expect.stringContaining('已报名') });
		const helper = await makeVolunteer('钱进');
		await expect(assign(t.db, organizer, clinic, role('clinic-this-saturday', '登记'), helper.userId, CLOCK)).resolves.toMatchObject({ summary: expect.stringContaining('已安排') });
	});
});
