import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy';
import { changeSitting, recordLeave } from '../schedule/rotations';
import { makeDepartment, makeExpert, makeOrganization, makeOrganizer, makeScheduleWorld } from '../testing/factories';
import { testDbForEachTest } from '../testing/each-test';
import { coverageOutlook, outlookWeeks } from './outlook';
import { createCoverageTarget, type CoverageTargetInput } from './targets';

// A Wednesday in an ordinary month: the default outlook runs 23 November to 20 December 2026.
const TODAY = '2026-11-25';
const THIS_WEEK = { from: '2026-11-23', to: '2026-11-29' };

const { t, w: world } = testDbForEachTest(makeScheduleWorld);
let organizer: Actor;
beforeEach(async () => {
	organizer = await makeOrganizer(t.db, world.hospital.id);
});

const target = (input: CoverageTargetInput) => createCoverageTarget(t.db, organizer, world.hospital.id, input);
const outlook = (range: { from?: string; to?: string } = THIS_WEEK) => coverageOutlook(t.db, organizer, world.hospital.id, { today: TODAY, ...range });
const rowAt = async (siteId: string, range = THIS_WEEK) => (await outlook(range)).rows.find((r) => r.site?.id === siteId)!;

describe('the weeks the outlook looks at', () => {
	it('runs the next four whole weeks from this week’s Monday by default', async () => {
		expect(outlookWeeks({ today: TODAY })).toEqual({ from: '2026-11-23', to: '2026-12-20' });
		expect(outlookWeeks({ from: '2026-11-26', to: '2026-12-01' })).toEqual({ from: '2026-11-23', to: '2026-12-06' });
		expect(() => outlookWeeks({ from: '2026-12-01', to: '2026-11-01' })).toThrow(/不能早于/);
	});

	it('has a row per center and week for a rule over every center', async () => {
		await target({ kind: 'site_days_per_week', minimum: 1, holidayRule: 'pro_rata' });
		const result = await coverageOutlook(t.db, organizer, world.hospital.id, { today: TODAY });
		expect(result.rows).toHaveLength(2 * 4);
		expect(result.label).toBe('11月23日–12月20日');
		expect(result.shortfalls).toHaveLength(8);
		expect(result.unknownHolidayYears).toEqual([]);
	});
});

describe('counting the schedule as it will happen', () => {
	it('drops a day when a sitting is cancelled', async () => {
		const rotationId = await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU,TH' });
		await target({ kind: 'site_days_per_week', siteId: world.site.id, minimum: 2, holidayRule: 'pro_rata' });
		expect(await rowAt(world.site.id)).toMatchObject({ planned: 2, shortfall: 0 });

		await changeSitting(t.db, rotationId, '2026-11-26', { cancelled: true, reason: '专家外出培训' });
		expect(await rowAt(world.site.id)).toMatchObject({ planned: 1, shortfall: 1, words: '本周专科坐诊 1 天，目标 2 天' });
	});

	it('counts a substitute by their own title', async () => {
		const rotationId = await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=MO', expertId: world.colleague.id });
		await target({ kind: 'site_senior_days_per_week', siteId: world.site.id, minTitle: '副主任医师', minimum: 1, holidayRule: 'exempt' });
		expect(await rowAt(world.site.id)).toMatchObject({ planned: 1, shortfall: 0 });

		const junior = await makeExpert(t.db, { name: '赵主治', title: '主治医师', departmentId: world.department.id, organizationId: world.hospital.id });
		await changeSitting(t.db, rotationId, '2026-11-23', { substituteExpertId: junior.id, reason: '王复外出会诊' });
		expect(await rowAt(world.site.id)).toMatchObject({ planned: 0, shortfall: 1, words: '本周副高坐诊 0 天，目标 1 天' });

		await changeSitting(t.db, rotationId, '2026-11-23', { substituteExpertId: world.expert.id, reason: '王复外出会诊' });
		expect(await rowAt(world.site.id)).toMatchObject({ planned: 1, shortfall: 0 });
	});

	it('does not count a sitting left without cover by leave', async () => {
		await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=MO', expertId: world.colleague.id });
		await target({ kind: 'site_senior_days_per_week', siteId: world.site.id, minTitle: '副主任医师', minimum: 1, holidayRule: 'pro_rata' });
		await recordLeave(t.db, { expertId: world.colleague.id, startDate: '2026-11-23', endDate: '2026-11-24', reason: '外出进修' });
		expect(await rowAt(world.site.id)).toMatchObject({ planned: 0, shortfall: 1 });
	});

	it('counts a substitute by their own department towards a department’s half-days', async () => {
		const rotationId = await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=WE', startTime: '08:30', endTime: '17:00' });
		await target({ kind: 'department_halfdays_per_month', siteId: world.site.id, departmentId: world.department.id, minimum: 8, holidayRule: 'pro_rata' });
		const november = async () => (await outlook()).rows.find((r) => r.period.label === '2026年11月')!;
		// Wednesdays 4, 11, 18 and 25 November, all day: eight half-days.
		expect(await november()).toMatchObject({ planned: 8, shortfall: 0 });

		const cardiology = await makeDepartment(t.db, '心内科');
		const cardiologist = await makeExpert(t.db, { name: '钱心', title: '主任医师', departmentId: cardiology.id, organizationId: world.hospital.id });
		await changeSitting(t.db, rotationId, '2026-11-11', { substituteExpertId: cardiologist.id, reason: '李康请假' });
		expect(await november()).toMatchObject({ planned: 6, shortfall: 2, words: '11月康复科坐诊 6 个半天，目标 8 个半天' });
	});

	it('counts an expert’s sittings over each whole month the weeks touch', async () => {
		await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU' });
		await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TH', siteId: world.otherSite.id });
		await target({ kind: 'expert_sittings_per_month', expertId: world.expert.id, minimum: 10, holidayRule: 'pro_rata' });
		const result = await outlook({});
		expect(result.rows.map((r) => [r.period.label, r.planned, r.shortfall])).toEqual([
			['2026年11月', 8, 2],
			['2026年12月', 10, 0]
		]);
		expect(result.shortfalls.map((r) => r.words)).toEqual(['11月李康坐诊 8 次，目标 10 次']);
	});
});

describe('a week with statutory holidays', () => {
	// 28 September – 4 October 2026: 国庆节 takes Thursday and Friday; three working days are left.
	const NATIONAL_DAY_WEEK = { from: '2026-09-28', to: '2026-10-04' };

	beforeEach(async () => {
		await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,TH' });
	});

	it('counts the target pro rata on the working days left, rounded up', async () => {
		await target({ kind: 'site_days_per_week', siteId: world.site.id, minimum: 4, holidayRule: 'pro_rata' });
		expect(await rowAt(world.site.id, NATIONAL_DAY_WEEK)).toMatchObject({
			planned: 2,
			required: 3,
			shortfall: 1,
			words: '本周专科坐诊 2 天，目标 3 天（有法定节假日，按工作日折算，原目标 4）'
		});
	});

	it('does not count the week when the rule exempts it', async () => {
		await target({ kind: 'site_days_per_week', siteId: world.site.id, minimum: 4, holidayRule: 'exempt' });
		expect(await rowAt(world.site.id, NATIONAL_DAY_WEEK)).toMatchObject({ planned: 2, required: null, shortfall: 0, words: '本周有法定节假日，按规则不考核' });
	});
});

describe('who may see the outlook', () => {
	it('refuses an organizer of another organization', async () => {
		await target({ kind: 'site_days_per_week', minimum: 2, holidayRule: 'pro_rata' });
		const elsewhere = await makeOrganization(t.db, { name: '别区人民医院', kind: 'hospital' });
		const outsider: Actor = { ...organizer, organizerOf: [elsewhere.id] };
		await expect(coverageOutlook(t.db, outsider, world.hospital.id, { today: TODAY })).rejects.toMatchObject({ status: 403 });
	});
});
