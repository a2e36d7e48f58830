import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoId, seedDemoData } from '../seed/seed-demo';
import { listSittings } from '../schedule/sittings';
import { createTestDb, type TestDb } from '../testing/test-db';
import { setSwapDayChoice, updateOrganization, upcomingSwapDays } from './manage';

const organizer = { userId: null, name: '刘建华' };
let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
	await seedDemoData(t.db, { today: '2026-11-25' });
});
afterEach(() => t.cleanup());

describe('which roster a swapped working day follows', () => {
	it('follows the hospital default, then the date-specific choice, and says which days are swapped', async () => {
		const cjq = demoId('org:cjq');
		// Sunday 20 September 2026 is a swapped working day; 陈家桥医院's default is Friday's roster.
		const at = (date: string) => listSittings(t.db, { from: date, to: date, siteIds: [demoId('site:xiyong')] });
		expect((await at('2026-09-20')).sittings.map((s) => s.expert.name)).toEqual(['胡娜']); // 西永: 胡娜 on Fridays
		await setSwapDayChoice(t.db, organizer, cjq, '2026-09-20', '3');
		expect((await at('2026-09-20')).sittings.map((s) => s.expert.name)).toEqual(['贺建平']); // Wednesdays
		await updateOrganization(t.db, organizer, cjq, { name: '重庆市沙坪坝区陈家桥医院', shortName: '陈家桥医院', swapDayFollowsWeekday: '' });
		await setSwapDayChoice(t.db, organizer, cjq, '2026-09-20', '');
		expect((await at('2026-09-20')).sittings).toEqual([]);

		await expect(setSwapDayChoice(t.db, organizer, cjq, '2026-09-21', '1')).rejects.toThrow('不是调休上班日');
		const days = await upcomingSwapDays(t.db, cjq, '2026-01-01');
		expect(days.map((d) => d.date)).toContain('2026-10-10');
	});
});
