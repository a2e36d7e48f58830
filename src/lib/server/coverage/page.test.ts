import { describe, expect, it } from 'vitest';
import { demoId } from '../seed/seed-demo';
import { demoActors } from '../testing/demo-actors';
import { coverageShortfallsAhead, coverageTargetPage, coverageTargetsPage, shortfallLines } from './page';
import type { CoverageRow } from './shortfalls';
import { demoDbForEachTest } from '../testing/demo-db';

const TODAY = '2026-11-25';
const rm = demoId('org:rm');

const row = (site: string, from: string, label: string, words: string): CoverageRow => ({
	targetId: words,
	kind: 'site_days_per_week',
	period: { kind: 'week', from, to: from, label },
	site: { id: site, name: site },
	expert: null,
	planned: 0,
	minimum: 1,
	required: 1,
	shortfall: 1,
	words
});

describe('the shortfalls in a few lines', () => {
	it('puts a center’s shortfalls of one week on one line, earliest week first', () => {
		const lines = shortfallLines([
			row('石井坡社区卫生服务中心', '2026-11-30', '11月30日–12月6日', '本周副高坐诊 0 天，目标 1 天'),
			row('小龙坎社区卫生服务中心', '2026-11-23', '11月23日–11月29日', '本周专科坐诊 1 天，目标 2 天'),
			row('石井坡社区卫生服务中心', '2026-11-30', '11月30日–12月6日', '本周专科坐诊 1 天，目标 2 天')
		]);
		expect(lines.map((l) => l.text)).toEqual([
			'小龙坎社区卫生服务中心 · 11月23日–11月29日：本周专科坐诊 1 天，目标 2 天',
			'石井坡社区卫生服务中心 · 11月30日–12月6日：本周副高坐诊 0 天，目标 1 天；本周专科坐诊 1 天，目标 2 天'
		]);
	});
});

describe('the coverage pages’ data', () => {
	const t = demoDbForEachTest(TODAY);

	it('shows an organizer their own organization’s targets, and another only if they organize it', async () => {
		const page = await coverageTargetsPage(t.db, demoActors.rmOrganizer, null);
		expect(page.organization.id).toBe(rm);
		expect(page.targets.length).toBeGreaterThan(0);
		expect(page.options.centers.length).toBeGreaterThan(0);
		// 陈家桥's organizer asking for 区人民医院 gets their own hospital instead.
		const other = await coverageTargetsPage(t.db, demoActors.cjqOrganizer, rm);
		expect(other.organization.id).not.toBe(rm);
		expect(other.targets).toEqual([]);
	});

	it('opens a target for editing only to those who may change it', async () => {
		const id = demoId('coverage:rm-senior-days');
		expect((await coverageTargetPage(t.db, demoActors.rmOrganizer, id)).values).toMatchObject({ kind: 'site_senior_days_per_week', minimum: '1', minTitle: '副主任医师' });
		await expect(coverageTargetPage(t.db, demoActors.cjqOrganizer, id)).rejects.toMatchObject({ status: 403 });
	});

	it('lists the next 4 weeks’ shortfalls of the organizer’s organization, or says there are no targets', async () => {
		const ahead = await coverageShortfallsAhead(t.db, demoActors.rmOrganizer, { limit: 3, range: { today: TODAY } });
		expect(ahead.lines).toHaveLength(3);
		expect(ahead.total).toBeGreaterThan(3);
		const all = await coverageShortfallsAhead(t.db, demoActors.rmOrganizer, { range: { today: TODAY } });
		const shijingpo = all.lines.find((l) => l.text.startsWith('石井坡社区卫生服务中心 · 11月30日–12月6日：'));
		expect(shijingpo?.text).toContain('本周副高坐诊 0 天，目标 1 天');
		const none = await coverageShortfallsAhead(t.db, demoActors.cjqOrganizer, { range: { today: TODAY } });
		expect(none).toMatchObject({ targetCount: 0, total: 0 });
	});
});
