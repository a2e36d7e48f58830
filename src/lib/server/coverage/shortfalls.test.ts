import { describe, expect, it } from 'vitest';
import { buildHolidayCalendar, chineseDaysData } from '../schedule/holidays';
import { coverageRows, halfDaysOf, titleAtLeast, type CountedSitting, type CoverageInput, type CoverageRule } from './shortfalls';

const holidays = buildHolidayCalendar(chineseDaysData(), [], []);
const xinqiao = { id: 'xinqiao', name: '新桥社区卫生服务中心' };
const tianxingqiao = { id: 'tianxingqiao', name: '天星桥社区卫生服务中心' };

function rule(values: Partial<CoverageRule> & Pick<CoverageRule, 'kind' | 'minimum'>): CoverageRule {
	return { id: 'r1', siteId: null, departmentId: null, expertId: null, minTitle: null, holidayRule: 'pro_rata', departmentName: null, expertName: null, ...values };
}

function sitting(date: string, values: Partial<CountedSitting> = {}): CountedSitting {
	return { date, startTime: '08:30', endTime: '11:30', siteId: 'xinqiao', status: 'scheduled', expertId: 'likang', title: '主治医师', departmentId: 'kangfu', ...values };
}

/** One ordinary week (23–29 November 2026) unless the test says otherwise. */
function rows(rules: CoverageRule[], sittings: CountedSitting[], range: Partial<CoverageInput> = {}) {
	return coverageRows({ from: '2026-11-23', to: '2026-11-29', rules, centers: [xinqiao, tianxingqiao], sittings, holidays, ...range });
}

describe('specialist days a week at each center', () => {
	const twoDays = rule({ kind: 'site_days_per_week', minimum: 2 });

	it('counts distinct days: a morning and an afternoon on one day are one day', () => {
		const [row] = rows([twoDays], [sitting('2026-11-24'), sitting('2026-11-24', { startTime: '14:00', endTime: '17:00' })]);
		expect(row).toMatchObject({ site: xinqiao, planned: 1, required: 2, shortfall: 1, words: '本周专科坐诊 1 天，目标 2 天' });
	});

	it('gives each of the organization’s centers its own row when the rule names none', () => {
		const result = rows([twoDays], [sitting('2026-11-24'), sitting('2026-11-26')]);
		expect(result.map((r) => [r.site?.name, r.planned, r.shortfall])).toEqual([
			['新桥社区卫生服务中心', 2, 0],
			['天星桥社区卫生服务中心', 0, 2]
		]);
		expect(rows([rule({ kind: 'site_days_per_week', minimum: 2, siteId: 'tianxingqiao' })], []).map((r) => r.site?.id)).toEqual(['tianxingqiao']);
	});

	it('counts only sittings someone will sit: not cancelled, not a holiday, not leave without cover', () => {
		const [row] = rows(
			[twoDays],
			[
				sitting('2026-11-23', { status: 'cancelled' }),
				sitting('2026-11-24', { status: 'needs_cover' }),
				sitting('2026-11-25', { status: 'holiday' }),
				sitting('2026-11-26')
			]
		);
		expect(row).toMatchObject({ planned: 1, shortfall: 1 });
	});

	it('has a row for every week of the range', () => {
		const result = rows([rule({ kind: 'site_days_per_week', minimum: 1, siteId: 'xinqiao' })], [sitting('2026-12-01')], { to: '2026-12-13' });
		expect(result.map((r) => [r.period.label, r.planned])).toEqual([
			['11月23日–11月29日', 0],
			['11月30日–12月6日', 1],
			['12月7日–12月13日', 0]
		]);
	});
});

describe('副高 days a week at each center', () => {
	const senior = rule({ kind: 'site_senior_days_per_week', minimum: 1, minTitle: '副主任医师', siteId: 'xinqiao' });

	it('says the shortfall in words when only a 主治医师 sits', () => {
		const [row] = rows([senior], [sitting('2026-11-24', { title: '主治医师' })]);
		expect(row).toMatchObject({ planned: 0, shortfall: 1, words: '本周副高坐诊 0 天，目标 1 天' });
	});

	it('counts a 主任医师 and a 副主任医师, by the title of whoever sits', () => {
		expect(rows([senior], [sitting('2026-11-24', { title: '副主任医师' }), sitting('2026-11-26', { title: '主任医师' })])[0]).toMatchObject({ planned: 2, shortfall: 0 });
		expect(titleAtLeast('主任医师', '副主任医师')).toBe(true);
		expect(titleAtLeast('主治医师', '副主任医师')).toBe(false);
		expect(titleAtLeast('院士', '住院医师')).toBe(false);
	});

	it('raises the bar with a higher lowest title', () => {
		const chief = rule({ kind: 'site_senior_days_per_week', minimum: 1, minTitle: '主任医师', siteId: 'xinqiao' });
		expect(rows([chief], [sitting('2026-11-24', { title: '副主任医师' })])[0]).toMatchObject({ planned: 0, words: '本周主任医师坐诊 0 天，目标 1 天' });
	});
});

describe('holidays', () => {
	// 28 September – 4 October 2026: 国庆节 takes Thursday and Friday.
	const nationalDay = { from: '2026-09-28', to: '2026-10-04' };
	const mondayToWednesday = [sitting('2026-09-28'), sitting('2026-09-29')];

	it('counts a holiday week pro rata on its working days, rounded up', () => {
		const [row] = rows([rule({ kind: 'site_days_per_week', minimum: 4, siteId: 'xinqiao' })], mondayToWednesday, nationalDay);
		expect(row).toMatchObject({ planned: 2, minimum: 4, required: 3, shortfall: 1, words: '本周专科坐诊 2 天，目标 3 天（有法定节假日，按工作日折算，原目标 4）' });
	});

	it('does not count a holiday week when the rule exempts it', () => {
		const [row] = rows([rule({ kind: 'site_days_per_week', minimum: 4, siteId: 'xinqiao', holidayRule: 'exempt' })], mondayToWednesday, nationalDay);
		expect(row).toMatchObject({ planned: 2, required: null, shortfall: 0, words: '本周有法定节假日，按规则不考核' });
	});

	it('counts the whole target in a week whose only holiday is a Sunday', () => {
		const [row] = rows([rule({ kind: 'site_days_per_week', minimum: 2, siteId: 'xinqiao', holidayRule: 'exempt' })], [], { from: '2026-02-09', to: '2026-02-15' });
		expect(row).toMatchObject({ required: 2, shortfall: 2 });
	});
});

describe('half-days of a department at a center, a month', () => {
	const kangfu = rule({ kind: 'department_halfdays_per_month', minimum: 8, siteId: 'xinqiao', departmentId: 'kangfu', departmentName: '康复科' });

	it('counts a full-day sitting as two half-days and a repeated morning once', () => {
		expect(halfDaysOf({ date: '2026-11-25', startTime: '08:30', endTime: '17:00' })).toEqual(['2026-11-25 上午', '2026-11-25 下午']);
		const november = [sitting('2026-11-04', { endTime: '17:00' }), sitting('2026-11-11'), sitting('2026-11-11', { startTime: '09:00' }), sitting('2026-11-18', { startTime: '14:00', endTime: '17:00' })];
		const [row] = rows([kangfu], november);
		expect(row).toMatchObject({ period: { kind: 'month', from: '2026-11-01', to: '2026-11-30', label: '2026年11月' }, planned: 4, shortfall: 4, words: '11月康复科坐诊 4 个半天，目标 8 个半天' });
	});

	it('counts a substitute by their own department, and only at the rule’s center', () => {
		const [row] = rows([kangfu], [sitting('2026-11-04'), sitting('2026-11-05', { departmentId: 'xinnei' }), sitting('2026-11-06', { siteId: 'tianxingqiao' })]);
		expect(row!.planned).toBe(1);
	});

	it('counts every month the weeks touch, each over its whole month', () => {
		const result = rows([kangfu], [sitting('2026-11-02'), sitting('2026-12-31')], { to: '2026-12-20' });
		expect(result.map((r) => [r.period.label, r.planned])).toEqual([
			['2026年11月', 1],
			['2026年12月', 1]
		]);
	});
});

describe('sittings an expert commits to a month (下派)', () => {
	const likang = rule({ kind: 'expert_sittings_per_month', minimum: 4, expertId: 'likang', expertName: '李康' });

	it('counts the expert’s sittings wherever they sit, and not those a substitute takes', () => {
		const november = [sitting('2026-11-03'), sitting('2026-11-05', { siteId: 'elsewhere' }), sitting('2026-11-10', { expertId: 'wangfu' })];
		const [row] = rows([likang], november);
		expect(row).toMatchObject({ expert: { id: 'likang', name: '李康' }, site: null, planned: 2, shortfall: 2, words: '11月李康坐诊 2 次，目标 4 次' });
	});

	it('scales a month with a holiday on working days pro rata', () => {
		// October 2026: 22 weekdays, 5 of them off for 国庆节, 1 Saturday worked: 18 of 22.
		const [row] = rows([{ ...likang, minimum: 10 }], [], { from: '2026-10-05', to: '2026-10-11' });
		expect(row).toMatchObject({ required: 9, words: '10月李康坐诊 0 次，目标 9 次（有法定节假日，按工作日折算，原目标 10）' });
	});
});
