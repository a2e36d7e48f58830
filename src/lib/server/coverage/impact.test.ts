import { describe, expect, it } from 'vitest';
import { applySittingAction, findSittingView } from '../schedule/sitting-actions';
import { listSittings } from '../schedule/sittings';
import { demoId } from '../seed/seed-demo';
import { demoActors } from '../testing/demo-actors';
import { demoDbForEachTest } from '../testing/demo-db';

const t = demoDbForEachTest('2026-11-25');

/** 赵磊 (副主任医师) at 石井坡 on Wednesday 12月9日: one of its two specialist days that week, and its only 副高 day. */
const wednesday = `${demoId('rotation:shijingpo-biweekly')}_2026-12-09`;
/** 李康宁 (康复科) at 新桥 on Tuesday 12月8日: 新桥 has three specialist days that week and two 副高 days. */
const tuesday = `${demoId('rotation:xinqiao-kangfu')}_2026-12-08`;

describe('a change that breaks a coverage target', () => {
	it('is named before it is saved, saves nothing, and goes ahead once the organizer confirms', async () => {
		const cancel = { action: 'cancel' as const, reason: '专家外出开会' };
		const refused = applySittingAction(t.db, demoActors.rmOrganizer, wednesday, cancel);
		await expect(refused).rejects.toMatchObject({ status: 409, field: 'confirmCoverage' });
		const message = (await refused.catch((e: Error) => e.message)) as string;
		expect(message).toContain('石井坡社区卫生服务中心 12月7日–12月13日：本周专科坐诊 1 天，目标 2 天');
		expect(message).toContain('石井坡社区卫生服务中心 12月7日–12月13日：本周副高坐诊 0 天，目标 1 天');
		expect((await findSittingView(t.db, wednesday))!.status).toBe('scheduled');

		await applySittingAction(t.db, demoActors.rmOrganizer, wednesday, { ...cancel, confirmCoverage: 'on' });
		expect((await findSittingView(t.db, wednesday))!.status).toBe('cancelled');
	});

	it('is not asked about a cancellation the center can spare', async () => {
		await applySittingAction(t.db, demoActors.rmOrganizer, tuesday, { action: 'cancel', reason: '专家外出开会' });
		expect((await findSittingView(t.db, tuesday))!.status).toBe('cancelled');
	});

	it('is not asked about a change that takes no sitting away, such as a quota', async () => {
		await expect(applySittingAction(t.db, demoActors.rmOrganizer, wednesday, { action: 'quota', quota: 15 })).resolves.toMatchObject({ summary: expect.any(String) });
	});

	it('is not asked about where no target concerns the center', async () => {
		// 陈家桥医院 keeps no targets in the demo; 井口 is one of its centers.
		const sittings = await listSittings(t.db, { from: '2026-12-07', to: '2026-12-20', siteIds: [demoId('site:jingkou')] });
		const one = sittings.sittings.find((s) => s.status === 'scheduled');
		expect(one).toBeDefined();
		await expect(applySittingAction(t.db, demoActors.cjqOrganizer, one!.id, { action: 'cancel', reason: '专家外出' })).resolves.toBeDefined();
	});
});
