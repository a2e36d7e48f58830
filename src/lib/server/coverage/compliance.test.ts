import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { recordSittingVisits } from '../attendance/sitting-visits';
import type { Actor } from '../auth/policy';
import { auditLog, sittingTeaching } from '../db/schema';
import { changeSitting, recordLeave } from '../schedule/rotations';
import { applySittingAction } from '../schedule/sitting-actions';
import { makeOrganization, makeOrganizer, makeScheduleWorld } from '../testing/factories';
import { testDbForEachTest } from '../testing/each-test';
import { compliancePeriod, complianceReport, lastFullMonth, monthOfPeriod, periodKeyOf, weeksByThursday } from './compliance';
import { complianceCharts } from './compliance-chart';
import { parseComplianceQuery } from './compliance-page';
import { createCoverageTarget, type CoverageTargetInput } from './targets';

// November 2026 is over; its weeks by Thursday are 2–8, 9–15, 16–22 and 23–29 November.
const AFTER_NOVEMBER = '2026-12-02';
const NOVEMBER = compliancePeriod('month', '2026-11')!;

const { t, w: world } = testDbForEachTest(makeScheduleWorld);
let organizer: Actor;
beforeEach(async () => {
	organizer = await makeOrganizer(t.db, world.hospital.id);
});

const target = (input: CoverageTargetInput) => createCoverageTarget(t.db, organizer, world.hospital.id, input);
const report = (period = NOVEMBER, today = AFTER_NOVEMBER) => complianceReport(t.db, organizer, world.hospital.id, period, today);

describe('the periods a report is cut into', () => {
	it('reads months, quarters and years, and refuses what is not one', () => {
		expect(compliancePeriod('quarter', '2026-Q4')).toMatchObject({ from: '2026-10-01', to: '2026-12-31', label: '2026年第4季度' });
		expect(compliancePeriod('month', '2028-02')).toMatchObject({ from: '2028-02-01', to: '2028-02-29', label: '2028年2月' });
		expect(compliancePeriod('year', '2026')).toMatchObject({ from: '2026-01-01', to: '2026-12-31' });
		expect(compliancePeriod('month', '2026-13')).toBeNull();
		expect(compliancePeriod('quarter', '2026-Q5')).toBeNull();
		expect(periodKeyOf('quarter', '2026-08-15')).toBe('2026-Q3');
	});

	it('defaults to the last full month, across a year end', () => {
		expect(lastFullMonth('2026-11-25').key).toBe('2026-10');
		expect(lastFullMonth('2027-01-01').key).toBe('2026-12');
		expect(parseComplianceQuery(new URLSearchParams(''), '2026-11-25')).toEqual({ organizationId: null, kind: 'month', key: '2026-10' });
		expect(parseComplianceQuery(new URLSearchParams('kind=quarter&month=2026-01'), '2026-11-25')).toEqual({ organizationId: null, kind: 'quarter', key: '2026-Q4' });
		expect(() => parseComplianceQuery(new URLSearchParams('kind=quarter&quarter=2026-Q9'), '2026-11-25')).toThrow(/没有这个统计期间/);
		expect(() => parseComplianceQuery(new URLSearchParams('kind=week'), '2026-11-25')).toThrow(/按月/);
	});

	it('puts each week in the month of its Thursday, so the National Day week is October’s', () => {
		expect(weeksByThursday('2026-11-01', '2026-11-30')).toEqual({ from: '2026-11-02', to: '2026-11-29' });
		expect(weeksByThursday('2026-10-01', '2026-10-31')).toEqual({ from: '2026-09-28', to: '2026-11-01' });
		expect(monthOfPeriod({ kind: 'week', from: '2026-09-28' })).toBe('2026-10');
	});
});

describe('planned against delivered, per center and rule', () => {
	it('counts a cancelled sitting as planned but not delivered, and names the week that missed', async () => {
		const rotationId = await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU,TH' });
		await target({ kind: 'site_days_per_week', siteId: world.site.id, minimum: 2, holidayRule: 'pro_rata' });
		await changeSitting(t.db, rotationId, '2026-11-12', { cancelled: true, reason: '专家外出培训' });

		const [line] = (await report()).lines;
		expect(line).toMatchObject({
			ruleWords: '新桥社区卫生服务中心每周专科坐诊不少于 2 天',
			subject: { id: world.site.id, name: '新桥社区卫生服务中心' },
			periodsCounted: 4,
			planned: 8,
			required: 8,
			delivered: 7,
			credited: 7,
			missed: [{ label: '11月9日–11月15日', delivered: 1, required: 2 }]
		});
		expect(line!.percent).toBeCloseTo(7 / 8);
	});

	it('does not count a sitting left without cover by leave as delivered', async () => {
		await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=MO', expertId: world.colleague.id });
		await target({ kind: 'site_senior_days_per_week', siteId: world.site.id, minTitle: '副主任医师', minimum: 1, holidayRule: 'pro_rata' });
		await recordLeave(t.db, { expertId: world.colleague.id, startDate: '2026-11-16', endDate: '2026-11-20', reason: '外出进修' });
		expect((await report()).lines[0]).toMatchObject({ planned: 4, delivered: 3, missed: [{ label: '11月16日–11月22日', delivered: 0, required: 1 }] });
	});

	it('lets a busy week not make up for an empty one', async () => {
		const rotationId = await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU,TH' });
		await target({ kind: 'site_days_per_week', siteId: world.site.id, minimum: 1, holidayRule: 'pro_rata' });
		await changeSitting(t.db, rotationId, '2026-11-10', { cancelled: true, reason: '停电' });
		await changeSitting(t.db, rotationId, '2026-11-12', { cancelled: true, reason: '停电' });
		expect((await report()).lines[0]).toMatchObject({ required: 4, delivered: 6, credited: 3, percent: 0.75 });
	});

	it('judges only the weeks that are over, and only sittings on or before today', async () => {
		await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU,TH' });
		await target({ kind: 'site_days_per_week', siteId: world.site.id, minimum: 2, holidayRule: 'pro_rata' });
		const midMonth = await report(NOVEMBER, '2026-11-25');
		expect(midMonth.lines[0]).toMatchObject({ periodsCounted: 3, required: 6, delivered: 6, percent: 1 });
		// Seven sittings up to Tuesday 24 November took place; Thursday 26 November has not yet.
		expect(midMonth.centers.find((c) => c.id === world.site.id)).toMatchObject({ delivered: 7 });
	});

	it('leaves the National Day weeks out of an exempt rule and counts them apart', async () => {
		await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,TH' });
		await target({ kind: 'site_days_per_week', siteId: world.site.id, minimum: 3, holidayRule: 'exempt' });
		const october = await report(compliancePeriod('month', '2026-10')!);
		// Five weeks have their Thursday in October; 国庆节 takes weekdays of the first two (1–7 October).
		expect(october.lines[0]).toMatchObject({ periodsCounted: 3, periodsExempt: 2, required: 9 });
	});
});

describe('per expert: committed, delivered, 诊疗人次 and 教学及指导', () => {
	it('counts an expert’s sittings wherever they are against the monthly commitment, with visits and teaching', async () => {
		const rotationId = await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU' });
		await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TH', siteId: world.otherSite.id });
		await target({ kind: 'expert_sittings_per_month', expertId: world.expert.id, minimum: 10, holidayRule: 'pro_rata' });
		const sittingId = `${rotationId}_2026-11-10`;
		await recordSittingVisits(t.db, organizer, sittingId, 23, AFTER_NOVEMBER);
		await applySittingAction(t.db, organizer, sittingId, { action: 'teaching', kinds: ['teaching', 'ward_round'] });
		// Marked on a sitting still to come: it counts once it has taken place, not before.
		await applySittingAction(t.db, organizer, `${rotationId}_2026-12-08`, { action: 'teaching', kinds: ['guidance'] });

		const result = await report();
		expect(result.lines).toHaveLength(1);
		expect(result.lines[0]).toMatchObject({ subject: { name: '李康' }, required: 10, delivered: 8, missed: [{ label: '2026年11月', delivered: 8, required: 10 }] });
		const expert = result.experts.find((e) => e.id === world.expert.id)!;
		expect(expert).toMatchObject({ committed: 10, delivered: 8, percent: 0.8, patientsSeen: 23, visitsRecorded: 1, teaching: { teaching: 1, ward_round: 1, guidance: 0, sittings: 1 } });
		expect(result.centers.find((c) => c.id === world.site.id)).toMatchObject({ delivered: 4, patientsSeen: 23, teaching: { teaching: 1, ward_round: 1, sittings: 1 } });
		expect(result.centers.find((c) => c.id === world.otherSite.id)).toMatchObject({ delivered: 4, patientsSeen: 0, teaching: { sittings: 0 } });
	});
});

describe('compliance over the last 12 months', () => {
	it('has a point per month and target, none before the rotation’s weeks are judged', async () => {
		await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU', validFrom: '2026-06-01' });
		await target({ kind: 'site_days_per_week', siteId: world.site.id, minimum: 2, holidayRule: 'pro_rata' });
		const result = await report();
		expect(result.trendMonths.map((m) => m.key)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
		const [series] = result.trend;
		expect(series!.points[0]).toBe(0);
		expect(series!.points[11]).toBe(0.5);
		const [chart] = complianceCharts(result);
		expect(chart!.bars).toHaveLength(12);
		expect(chart!.bars[11]).toMatchObject({ valueText: '50%', title: '2026年11月 50%' });
		expect(chart!.description).toContain('2026年11月 50%');
	});
});

describe('marking a sitting as including teaching', () => {
	it('replaces the set, records it in the audit log, and can clear it', async () => {
		const rotationId = await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU' });
		const sittingId = `${rotationId}_2026-11-10`;
		const result = await applySittingAction(t.db, organizer, sittingId, { action: 'teaching', kinds: 'ward_round,teaching' });
		expect(result).toEqual({ summary: '教学及指导 11月10日 周二 上午 新桥社区卫生服务中心：带教、查房', notice: null, noticeId: null });
		await applySittingAction(t.db, organizer, sittingId, { action: 'teaching', kinds: '' });
		const rows = await t.db.select().from(sittingTeaching).where(and(eq(sittingTeaching.rotationId, rotationId), eq(sittingTeaching.originalDate, '2026-11-10')));
		expect(rows).toEqual([]);
		const trail = await t.db.select({ action: auditLog.action, after: auditLog.after }).from(auditLog).where(eq(auditLog.objectId, sittingId));
		expect(trail).toEqual([
			{ action: 'sitting.teaching', after: { kinds: ['teaching', 'ward_round'] } },
			{ action: 'sitting.teaching', after: { kinds: [] } }
		]);
	});

	it('refuses a cancelled sitting, a kind that is not one, and someone who may not change the sitting', async () => {
		const rotationId = await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU' });
		const sittingId = `${rotationId}_2026-11-10`;
		await expect(applySittingAction(t.db, organizer, sittingId, { action: 'teaching', kinds: 'lecture' })).rejects.toMatchObject({ status: 400 });
		const elsewhere = await makeOrganization(t.db, { name: '别区人民医院', kind: 'hospital' });
		const outsider: Actor = { ...organizer, organizerOf: [elsewhere.id] };
		await expect(applySittingAction(t.db, outsider, sittingId, { action: 'teaching', kinds: ['teaching'] })).rejects.toMatchObject({ status: 403 });
		await changeSitting(t.db, rotationId, '2026-11-10', { cancelled: true, reason: '专家外出培训' });
		await expect(applySittingAction(t.db, organizer, sittingId, { action: 'teaching', kinds: ['teaching'] })).rejects.toMatchObject({ status: 409, field: 'kinds' });
	});
});

describe('who may see the report', () => {
	it('refuses an organizer of another organization', async () => {
		const elsewhere = await makeOrganization(t.db, { name: '别区人民医院', kind: 'hospital' });
		const outsider: Actor = { ...organizer, organizerOf: [elsewhere.id] };
		await expect(complianceReport(t.db, outsider, world.hospital.id, NOVEMBER, AFTER_NOVEMBER)).rejects.toMatchObject({ status: 403 });
	});
});
