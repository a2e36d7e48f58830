import { describe, expect, it } from 'vitest';
import { recordLeave } from '../schedule/rotations';
import { demoId } from '../seed/seed-demo';
import { planningMonth, planningWeek } from './planning';
import { sitesInScope } from './scope-lists';
import { demoDbForEachTest } from '../testing/demo-db';

const t = demoDbForEachTest('2026-11-25');

const rmOrganizer = { userId: 'u', name: '周晓梅', isAdmin: false, organizerOf: [demoId('org:rm')], volunteerOf: [], expertIds: [] };

describe('the planning grid', () => {
	it('shows the organizer\'s centers × seven days with this week\'s changes counted', async () => {
		const sites = await sitesInScope(t.db, rmOrganizer);
		expect(sites).toHaveLength(8);
		const week = await planningWeek(t.db, sites, '2026-11-25');
		expect(week.days.map((d) => d.date)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']);
		// A phone's line per day: the weekday over the date.
		expect(week.days.map((d) => d.weekday)).toEqual(['周一', '周二', '周三', '周四', '周五', '周六', '周日']);
		expect(week.days[0]).toMatchObject({ label: '11月23日 周一', monthDay: '11月23日' });
		expect(week.rows).toHaveLength(8);
		// The demo cancels at 小龙坎 and 渝碚路 (区人民医院's) and at 歌乐山 (区中医院's, not in this grid).
		expect(week.counts.cancelled).toBe(2);
		expect(week.counts.substituted).toBe(1);
	});

	it('outlines a sitting that needs cover, and spans a whole month in month view', async () => {
		const sites = await sitesInScope(t.db, rmOrganizer);
		await recordLeave(t.db, { expertId: demoId('expert:likangning'), startDate: '2026-12-08', endDate: '2026-12-08' });
		const month = await planningMonth(t.db, sites, '2026-12-15');
		expect(month.days).toHaveLength(31);
		expect(month.prevWeek).toBe('2026-11-01');
		expect(month.nextWeek).toBe('2027-01-01');
		const xinqiao = month.rows.find((r) => r.site.id === demoId('site:xinqiao'))!;
		const tuesday = xinqiao.cells[7]!.find((c) => c.expert === '李康宁')!;
		expect(tuesday).toMatchObject({ status: 'needs_cover', problem: true });
		expect(month.conflicts.some((c) => c.kind === 'needs_cover' && c.date === '2026-12-08')).toBe(true);
	});
});
