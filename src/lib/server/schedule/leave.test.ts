import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, expertLeaves } from '../db/schema';
import { demoId, seedDemoData } from '../seed/seed-demo';
import { createTestDb, type TestDb } from '../testing/test-db';
import { pendingLeaveRequests, requestLeave, resolveLeave, sittingsDuringLeave } from './leave';
import { applySittingAction } from './sitting-actions';
import { listSittings } from './sittings';

const TODAY = '2026-11-25';
const expertActor = { userId: null, name: '李康宁' };
const organizer = { userId: null, name: '周晓梅' };
const likangning = demoId('expert:likangning');
const xinqiao = demoId('site:xinqiao');
let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
	await seedDemoData(t.db, { today: TODAY });
});
afterEach(() => t.cleanup());

const kangfuWeek = async () =>
	(await listSittings(t.db, { from: '2026-12-07', to: '2026-12-13', siteIds: [xinqiao] })).sittings.filter(
		(s) => s.rosteredExpertId === likangning
	);

describe('an expert requests leave and an organizer resolves it', () => {
	it('leaves sittings alone while the request waits, then covers one and cancels the other', async () => {
		const leaveId = await requestLeave(t.db, expertActor, { expertId: likangning, startDate: '2026-12-07', endDate: '2026-12-11', reason: '学术会议' });
		expect((await kangfuWeek()).every((s) => s.status === 'scheduled')).toBe(true);
		expect((await pendingLeaveRequests(t.db, new Set([demoId('org:rm')]))).map((l) => l.id)).toEqual([leaveId]);
		expect(await pendingLeaveRequests(t.db, new Set([demoId('org:cjq')]))).toEqual([]);

		const affected = await sittingsDuringLeave(t.db, { expertId: likangning, startDate: '2026-12-07', endDate: '2026-12-11' });
		expect(affected.map((s) => s.date)).toEqual(['2026-12-08', '2026-12-10']);
		await resolveLeave(t.db, organizer, leaveId, {
			decision: 'approve',
			covers: { [affected[0]!.id]: demoId('expert:zhoumin'), [affected[1]!.id]: 'cancel' }
		});
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
		expect(actions).toEqual(['leave.approve', 'leave.request', 'sitting.cancel', 'sitting.substitute']);
		await expect(resolveLeave(t.db, organizer, leaveId, { decision: 'decline' })).rejects.toMatchObject({ status: 409 });
	});

	it('rolls everything back when one cover is invalid', async () => {
		const leaveId = await requestLeave(t.db, expertActor, { expertId: likangning, startDate: '2026-12-07', endDate: '2026-12-11' });
		const affected = await sittingsDuringLeave(t.db, { expertId: likangning, startDate: '2026-12-07', endDate: '2026-12-11' });
		await expect(
			resolveLeave(t.db, organizer, leaveId, {
				decision: 'approve',
				covers: { [affected[0]!.id]: 'cancel', [affected[1]!.id]: 'no-such-expert' }
			})
		).rejects.toMatchObject({ status: 400 });
		expect((await t.db.select().from(expertLeaves).where(eq(expertLeaves.id, leaveId)).get())!.status).toBe('requested');
		expect((await kangfuWeek()).every((s) => s.status === 'scheduled')).toBe(true);
	});
});

describe('sitting actions keep each other', () => {
	it('changes the quota of a substituted sitting without undoing the substitution, and restores', async () => {
		const [tuesday] = await kangfuWeek();
		await applySittingAction(t.db, organizer, tuesday!.id, { action: 'substitute', substituteExpertId: demoId('expert:zhoumin') });
		await applySittingAction(t.db, organizer, tuesday!.id, { action: 'quota', quota: 12 });
		let [now] = await kangfuWeek();
		expect(now!.expert.name).toBe('周敏');
		expect(now!.quota).toBe(12);
		await applySittingAction(t.db, organizer, tuesday!.id, { action: 'restore' });
		[now] = await kangfuWeek();
		expect(now!.expert.name).toBe('李康宁');
		expect(now!.quota).toBe(tuesday!.quota);
	});

	it('requires a reason to cancel and refuses the rostered expert as their own substitute', async () => {
		const [tuesday] = await kangfuWeek();
		await expect(applySittingAction(t.db, organizer, tuesday!.id, { action: 'cancel', reason: ' ' })).rejects.toMatchObject({ field: 'reason' });
		await expect(
			applySittingAction(t.db, organizer, tuesday!.id, { action: 'substitute', substituteExpertId: likangning })
		).rejects.toMatchObject({ field: 'substituteExpertId' });
		await expect(applySittingAction(t.db, organizer, 'nonsense', { action: 'restore' })).rejects.toMatchObject({ status: 404 });
	});
});
