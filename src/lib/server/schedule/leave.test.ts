import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, expertLeaves, experts, sittingOverrides } from '../db/schema';
import { demoId } from '../seed/seed-demo';
import type { Actor } from '../auth/policy';
import { leaveDeskOfOrganizer, leaveForResolution, leavesOfExpert, pendingLeaveRequests, requestLeave, resolveLeave, sittingsDuringLeave } from './leave';
import { createRotation } from './rotations';
import { applySittingAction } from './sitting-actions';
import { listSittings } from './sittings';
import { demoActors } from '../testing/demo-actors';
import { demoDbForEachTest } from '../testing/demo-db';

const TODAY = '2026-11-25';
/** The demo expert account: 李康宁 (区人民医院), who asks for their own leave. */
const expertActor: Actor = demoActors.expert;
/** 区人民医院's organizer, who runs 新桥 and the other centers under it. */
const rmOrganizer: Actor = demoActors.rmOrganizer;
/** 陈家桥医院's organizer: their experts, their four centers, nothing of 区人民医院's. */
const cjqOrganizer: Actor = demoActors.cjqOrganizer;
const likangning = demoId('expert:likangning');
const xinqiao = demoId('site:xinqiao');
const t = demoDbForEachTest(TODAY);

const kangfuWeek = async () =>
	(await listSittings(t.db, { from: '2026-12-07', to: '2026-12-13', siteIds: [xinqiao] })).sittings.filter(
		(s) => s.rosteredExpertId === likangning
	);

describe('an expert requests leave and an organizer resolves it', () => {
	it('leaves sittings alone while the request waits, then covers one and cancels the other', async () => {
		const leaveId = await requestLeave(t.db, expertActor, { expertId: likangning, startDate: '2026-12-07', endDate: '2026-12-11', reason: '学术会议' });
		expect((await kangfuWeek()).every((s) => s.status === 'scheduled')).toBe(true);
		expect((await pendingLeaveRequests(t.db, rmOrganizer)).map((l) => l.id)).toEqual([leaveId]);
		expect(await pendingLeaveRequests(t.db, cjqOrganizer)).toEqual([]);
		// The expert who asked has no leave desk at all.
		expect(await pendingLeaveRequests(t.db, expertActor)).toEqual([]);

		const affected = await sittingsDuringLeave(t.db, { expertId: likangning, startDate: '2026-12-07', endDate: '2026-12-11' });
		expect(affected.map((s) => s.date)).toEqual(['2026-12-08', '2026-12-10']);
		const covers = { [affected[0]!.id]: demoId('expert:zhoumin'), [affected[1]!.id]: 'cancel' };
		// 李康宁 is 新桥's only 副高 that week: the approval names the target it breaks, and saves nothing...
		await expect(resolveLeave(t.db, rmOrganizer, leaveId, { decision: 'approve', covers })).rejects.toMatchObject({
			status: 409,
			field: 'confirmCoverage',
			message: expect.stringContaining('新桥社区卫生服务中心 12月7日–12月13日：本周副高坐诊 0 天，目标 1 天')
		});
		expect((await t.db.select().from(expertLeaves).where(eq(expertLeaves.id, leaveId)).get())!.status).toBe('requested');
		expect((await kangfuWeek()).every((s) => s.status === 'scheduled' && s.expert.name === '李康宁')).toBe(true);
		// ...until the organizer says they have seen it.
		await resolveLeave(t.db, rmOrganizer, leaveId, { decision: 'approve', covers, confirmCoverage: 'on' });
		const [tuesday, thursday] = await kangfuWeek();
		expect(tuesday!.status).toBe('scheduled');
		expect(tuesday!.expert.name).toBe('周敏');
		expect(thursday!.status).toBe('cancelled');
		expect(thursday!.reason).toContain('李康宁请假');
		// Only what this journey did (the demo seed records its own events too).
		const actions = (await t.db.select().from(auditLog))
			.map((a) => a.action)
			.filter((a) => a.startsWith('leave.') || a.startsWith('sitting.'))
			.sort();
		// Each change to a sitting also keeps who was told of it (sitting.notify).
		expect(actions).toEqual(['leave.approve', 'leave.request', 'sitting.cancel', 'sitting.notify', 'sitting.notify', 'sitting.substitute']);
		await expect(resolveLeave(t.db, rmOrganizer, leaveId, { decision: 'decline' })).rejects.toMatchObject({ status: 409 });
	});

	it('rolls everything back when one cover is invalid', async () => {
		const leaveId = await requestLeave(t.db, expertActor, { expertId: likangning, startDate: '2026-12-07', endDate: '2026-12-11' });
		const affected = await sittingsDuringLeave(t.db, { expertId: likangning, startDate: '2026-12-07', endDate: '2026-12-11' });
		await expect(
			resolveLeave(t.db, rmOrganizer, leaveId, {
				decision: 'approve',
				covers: { [affected[0]!.id]: 'cancel', [affected[1]!.id]: 'no-such-expert' }
			})
		).rejects.toMatchObject({ status: 400 });
		expect((await t.db.select().from(expertLeaves).where(eq(expertLeaves.id, leaveId)).get())!.status).toBe('requested');
		expect((await kangfuWeek()).every((s) => s.status === 'scheduled')).toBe(true);
	});
});

describe('leave of an expert who sits at another organization’s center', () => {
	/** 赵磊 (陈家桥医院) also sits at 新桥, a 区人民医院 center, on Wednesday mornings. */
	async function zhaoleiAtXinqiao() {
		const zhaolei = demoId('expert:zhaolei');
		await createRotation(t.db, {
			expertId: zhaolei,
			siteId: xinqiao,
			departmentId: demoId('department:内分泌科'),
			rrule: 'FREQ=WEEKLY;BYDAY=WE',
			startTime: '08:30',
			endTime: '11:30',
			validFrom: '2026-11-30'
		});
		// 赵磊 has no account: 陈家桥's organizer enters the leave for them.
		const leaveId = await requestLeave(t.db, cjqOrganizer, { expertId: zhaolei, startDate: '2026-12-07', endDate: '2026-12-11', reason: '进修' });
		const [atXinqiao] = (await sittingsDuringLeave(t.db, { expertId: zhaolei, startDate: '2026-12-07', endDate: '2026-12-11' })).filter((s) => s.site.id === xinqiao);
		return { leaveId, sittingId: atXinqiao!.id };
	}

	it('lets the expert’s organizer approve it but not cancel or substitute the other organization’s sitting', async () => {
		const { leaveId, sittingId } = await zhaoleiAtXinqiao();
		for (const cover of ['cancel', demoId('expert:machao')]) {
			await expect(resolveLeave(t.db, cjqOrganizer, leaveId, { decision: 'approve', covers: { [sittingId]: cover } })).rejects.toMatchObject({
				status: 403,
				message: expect.stringContaining('新桥社区卫生服务中心的坐诊只能由其组织者安排')
			});
		}
		// Nothing was half-done: the leave still waits and the sitting is as rostered.
		expect((await t.db.select().from(expertLeaves).where(eq(expertLeaves.id, leaveId)).get())!.status).toBe('requested');
		const page = await leaveForResolution(t.db, cjqOrganizer, leaveId);
		expect(page.sittings.find((s) => s.id === sittingId)).toMatchObject({ status: 'scheduled', arrangedBy: '新桥社区卫生服务中心' });

		// Approved with that sitting left alone, it needs cover at 新桥, where 区人民医院 arranges it.
		// 陈家桥's organizer is told first that 区人民医院's centers fall short of their targets that week.
		await expect(resolveLeave(t.db, cjqOrganizer, leaveId, { decision: 'approve', covers: { [sittingId]: '' } })).rejects.toMatchObject({ field: 'confirmCoverage' });
		await resolveLeave(t.db, cjqOrganizer, leaveId, { decision: 'approve', covers: { [sittingId]: '' }, confirmCoverage: true });
		const [sitting] = (await listSittings(t.db, { from: '2026-12-07', to: '2026-12-13', siteIds: [xinqiao] })).sittings.filter((s) => s.id === sittingId);
		expect(sitting!.status).toBe('needs_cover');
		await applySittingAction(t.db, rmOrganizer, sittingId, { action: 'substitute', substituteExpertId: demoId('expert:zhoumin'), confirmOtherDepartment: '1' });
	});

	it('refuses an organizer of another hospital the leave itself, before anything else', async () => {
		const leaveId = await requestLeave(t.db, expertActor, { expertId: likangning, startDate: '2026-12-07', endDate: '2026-12-11' });
		await expect(resolveLeave(t.db, cjqOrganizer, leaveId, { decision: 'decline' })).rejects.toMatchObject({ status: 403 });
		await expect(leaveForResolution(t.db, cjqOrganizer, leaveId)).rejects.toMatchObject({ status: 403 });
		await expect(resolveLeave(t.db, cjqOrganizer, 'no-such-leave', { decision: 'decline' })).rejects.toMatchObject({ status: 404 });
	});
});

describe('sitting actions keep each other', () => {
	it('changes the quota of a substituted sitting without undoing the substitution, and restores', async () => {
		const [tuesday] = await kangfuWeek();
		await applySittingAction(t.db, rmOrganizer, tuesday!.id, { action: 'substitute', substituteExpertId: demoId('expert:zhoumin') });
		await applySittingAction(t.db, rmOrganizer, tuesday!.id, { action: 'quota', quota: 12 });
		let [now] = await kangfuWeek();
		expect(now!.expert.name).toBe('周敏');
		expect(now!.quota).toBe(12);
		await applySittingAction(t.db, rmOrganizer, tuesday!.id, { action: 'restore' });
		[now] = await kangfuWeek();
		expect(now!.expert.name).toBe('李康宁');
		expect(now!.quota).toBe(tuesday!.quota);
	});

	it('requires a reason to cancel and refuses the rostered expert as their own substitute', async () => {
		const [tuesday] = await kangfuWeek();
		await expect(applySittingAction(t.db, rmOrganizer, tuesday!.id, { action: 'cancel', reason: ' ' })).rejects.toMatchObject({ field: 'reason' });
		await expect(
			applySittingAction(t.db, rmOrganizer, tuesday!.id, { action: 'substitute', substituteExpertId: likangning })
		).rejects.toMatchObject({ field: 'substituteExpertId' });
		await expect(applySittingAction(t.db, rmOrganizer, 'nonsense', { action: 'restore' })).rejects.toMatchObject({ status: 404 });
	});
});

describe('who may ask for leave', () => {
	const week = { startDate: '2026-12-07', endDate: '2026-12-11' };
	const leaveCount = async () => (await t.db.select().from(expertLeaves)).length;

	it('lets the expert ask for themself and their hospital’s organizer enter it, and nobody else', async () => {
		const before = await leaveCount();
		await expect(requestLeave(t.db, cjqOrganizer, { expertId: likangning, ...week })).rejects.toMatchObject({ status: 403 });
		await expect(requestLeave(t.db, expertActor, { expertId: demoId('expert:zhaolei'), ...week })).rejects.toMatchObject({ status: 403 });
		expect(await leaveCount()).toBe(before);

		const byOrganizer = await requestLeave(t.db, rmOrganizer, { expertId: likangning, ...week, reason: '电话请假' });
		const audit = await t.db.select().from(auditLog).where(eq(auditLog.objectId, byOrganizer)).get();
		expect(audit).toMatchObject({ action: 'leave.request', actorUserId: rmOrganizer.userId, actorName: '周晓梅' });
		expect(await requestLeave(t.db, expertActor, { expertId: likangning, ...week })).toEqual(expect.any(String));
		expect(await leaveCount()).toBe(before + 2);
		await expect(requestLeave(t.db, rmOrganizer, { expertId: 'no-such-expert', ...week })).rejects.toMatchObject({ status: 400, field: 'expertId' });
	});

	it('shows an expert’s leave to that expert only, and each organizer the desk of their own hospital', async () => {
		const leaveId = await requestLeave(t.db, expertActor, { expertId: likangning, ...week });
		expect((await leavesOfExpert(t.db, expertActor, likangning)).map((l) => l.id)).toContain(leaveId);
		await expect(leavesOfExpert(t.db, cjqOrganizer, likangning)).rejects.toMatchObject({ status: 403 });

		const rmDesk = await leaveDeskOfOrganizer(t.db, rmOrganizer);
		expect(rmDesk.leave.map((l) => l.id)).toEqual([leaveId]);
		expect(rmDesk.experts.some((e) => e.id === likangning)).toBe(true);
		const cjqDesk = await leaveDeskOfOrganizer(t.db, cjqOrganizer);
		expect(cjqDesk.leave).toEqual([]);
		expect(cjqDesk.experts.some((e) => e.id === likangning)).toBe(false);
	});
});

describe('who may change a sitting', () => {
	const overrideCount = async () => (await t.db.select().from(sittingOverrides)).length;

	it('refuses an organizer of another hospital every action and changes nothing, and lets the center’s organizer', async () => {
		const [tuesday] = await kangfuWeek();
		const before = await overrideCount();
		const actions = [
			{ action: 'cancel', reason: '暴雨' },
			{ action: 'substitute', substituteExpertId: demoId('expert:machao') },
			{ action: 'move', newDate: '2026-12-09', newStartTime: '14:00', newEndTime: '17:00' },
			{ action: 'quota', quota: 3 },
			{ action: 'restore' }
		] as const;
		for (const action of actions) {
			await expect(applySittingAction(t.db, cjqOrganizer, tuesday!.id, action)).rejects.toMatchObject({ status: 403 });
		}
		await expect(applySittingAction(t.db, expertActor, tuesday!.id, { action: 'cancel', reason: '我想休息' })).rejects.toMatchObject({ status: 403 });
		expect(await overrideCount()).toBe(before);
		expect((await kangfuWeek())[0]).toMatchObject({ status: 'scheduled', expertId: likangning });

		expect((await applySittingAction(t.db, rmOrganizer, tuesday!.id, { action: 'cancel', reason: '暴雨' })).summary).toContain('停诊');
		expect((await kangfuWeek())[0]!.status).toBe('cancelled');
	});

	it('takes a substitute of another organization, but never one who is unknown or deactivated', async () => {
		const [tuesday] = await kangfuWeek();
		// 马超 is 陈家桥医院's: the district's experts are one pool, the center's organizer arranges its sittings.
		// 马超 is a 消化内科 doctor on a 康复科 sitting: taken once the organizer confirms the other department.
		const substitute = { action: 'substitute', substituteExpertId: demoId('expert:machao'), confirmOtherDepartment: '1' } as const;
		expect((await applySittingAction(t.db, rmOrganizer, tuesday!.id, substitute)).summary).toContain('马超');
		await t.db.update(experts).set({ active: false }).where(eq(experts.id, demoId('expert:zhoumin')));
		for (const substituteExpertId of [demoId('expert:zhoumin'), 'no-such-expert']) {
			await expect(applySittingAction(t.db, rmOrganizer, tuesday!.id, { action: 'substitute', substituteExpertId })).rejects.toMatchObject({
				status: 400,
				field: 'substituteExpertId'
			});
		}
		expect((await kangfuWeek())[0]!.expert.name).toBe('马超');
	});
});
