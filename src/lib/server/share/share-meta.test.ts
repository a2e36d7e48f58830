import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventDetail } from '../events/public-events';
import { centerWeek, expertSchedule } from '../schedule/public-schedule';
import { demoId, seedDemoData } from '../seed/seed-demo';
import { createTestDb, type TestDb } from '../testing/test-db';
import { centerShareMeta, eventShareMeta, expertShareMeta } from './share-meta';

const TODAY = '2026-11-25';
const ORIGIN = 'https://yizhen.example.org';
let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
	await seedDemoData(t.db, { today: TODAY });
});
afterEach(() => t.cleanup());

describe('share metadata', () => {
	it('tells a center week’s chat bubble who sits there and where, with that week’s poster', async () => {
		const id = demoId('site:xinqiao');
		const meta = centerShareMeta((await centerWeek(t.db, id, null, () => TODAY))!, ORIGIN);
		expect(meta.title).toBe('新桥社区卫生服务中心 · 11月23日–11月29日 专家坐诊');
		expect(meta.description).toContain('3 场专家坐诊：李康宁（康复科）、张丽（心内科）');
		expect(meta.description).toContain('地址：重庆市沙坪坝区新桥正街 116 号');
		expect(meta.url).toBe(`${ORIGIN}/centers/${id}`);
		expect(meta.image).toBe(`${ORIGIN}/centers/${id}/poster.png`);

		const next = centerShareMeta((await centerWeek(t.db, id, '2026-12-02', () => TODAY))!, ORIGIN);
		expect(next.url).toBe(`${ORIGIN}/centers/${id}?week=2026-11-30`);
		expect(next.posterPath).toBe(`/centers/${id}/poster.png?week=2026-11-30`);
		// A week the poster route will not draw shares this week's poster rather than a 400.
		const far = centerShareMeta((await centerWeek(t.db, id, '2027-06-02', () => TODAY))!, ORIGIN);
		expect(far.posterPath).toBe(`/centers/${id}/poster.png`);
	});

	it('gives an expert’s next sittings and an event’s when, where and offer, short enough for the bubble', async () => {
		const expertId = demoId('expert:likangning');
		const expert = expertShareMeta((await expertSchedule(t.db, expertId, TODAY))!, ORIGIN);
		expect(expert.title).toBe('李康宁 副主任医师 · 康复科 坐诊时间');
		expect(expert.description).toContain('近期坐诊：11月26日 周四 上午 新桥社区卫生服务中心');
		expect(expert.image).toBe(`${ORIGIN}/experts/${expertId}/poster.png`);

		const clinic = eventShareMeta((await eventDetail(t.db, demoId('event:clinic-this-saturday'), TODAY))!, ORIGIN);
		expect(clinic.title).toBe('义诊｜沙坪坝周末义诊：心血管和慢病咨询');
		expect(clinic.description).toBe('11月28日 周六 上午 08:30–11:30，磁器口社区卫生服务中心。量血压、测血糖、心电图、用药咨询。免费参加，点开即可报名。');
		const cancelled = eventShareMeta((await eventDetail(t.db, demoId('event:lecture-cancelled'), TODAY))!, ORIGIN);
		expect(cancelled.description).toMatch(/^活动已取消：主讲专家临时外出/);
		for (const meta of [expert, clinic, cancelled]) expect([...meta.description].length).toBeLessThanOrEqual(72);
	});
});
