import { describe, expect, it } from 'vitest';
import { buildHolidayCalendar, chineseDaysData } from '../schedule/holidays';
import { monthsTouching, requiredIn, weeksCovering, workingDaysOf } from './periods';

const holidays = buildHolidayCalendar(chineseDaysData(), [], []);

describe('the periods a target is measured over', () => {
	it('runs weeks Monday to Sunday from the week of the first day', () => {
		expect(weeksCovering('2026-11-25', '2026-12-06').map((w) => [w.from, w.to])).toEqual([
			['2026-11-23', '2026-11-29'],
			['2026-11-30', '2026-12-06']
		]);
	});

	it('takes every calendar month the range touches, whole, across a year end', () => {
		expect(monthsTouching('2026-12-28', '2027-01-03').map((p) => [p.from, p.to])).toEqual([
			['2026-12-01', '2026-12-31'],
			['2027-01-01', '2027-01-31']
		]);
		expect(monthsTouching('2028-02-07', '2028-02-13').map((p) => p.to)).toEqual(['2028-02-29']);
	});
});

describe('working days', () => {
	it('counts an ordinary week as five', () => {
		expect(workingDaysOf({ kind: 'week', from: '2026-11-23', to: '2026-11-29' }, holidays)).toEqual({ usual: 5, actual: 5, holidayOnWorkingDay: false });
	});

	it('takes out the National Day holidays that fall on weekdays', () => {
		// 2026-10-01 (Thu) and 10-02 (Fri) are off; the weekend after is part of the holiday too.
		expect(workingDaysOf({ kind: 'week', from: '2026-09-28', to: '2026-10-04' }, holidays)).toEqual({ usual: 5, actual: 3, holidayOnWorkingDay: true });
	});

	it('counts a swapped Saturday, and a holiday on a Sunday takes no working day', () => {
		// 2026-02-14 (Sat) is worked in exchange; 2026-02-15 (Sun) is the first day of 春节.
		expect(workingDaysOf({ kind: 'week', from: '2026-02-09', to: '2026-02-15' }, holidays)).toEqual({ usual: 5, actual: 6, holidayOnWorkingDay: false });
	});
});

describe('what a period must reach', () => {
	const nationalDayWeek = { usual: 5, actual: 3, holidayOnWorkingDay: true };

	it('asks the whole minimum of a week without holidays on working days', () => {
		expect(requiredIn(2, 'pro_rata', { usual: 5, actual: 6, holidayOnWorkingDay: false })).toBe(2);
		expect(requiredIn(2, 'exempt', { usual: 5, actual: 5, holidayOnWorkingDay: false })).toBe(2);
	});

	it('scales the minimum to the working days left, rounded up', () => {
		expect(requiredIn(4, 'pro_rata', nationalDayWeek)).toBe(3);
		expect(requiredIn(1, 'pro_rata', nationalDayWeek)).toBe(1);
		expect(requiredIn(5, 'pro_rata', nationalDayWeek)).toBe(3);
		expect(requiredIn(2, 'pro_rata', { usual: 5, actual: 0, holidayOnWorkingDay: true })).toBe(0);
	});

	it('never asks more than the minimum, even with a swapped working day in the week', () => {
		expect(requiredIn(2, 'pro_rata', { usual: 5, actual: 6, holidayOnWorkingDay: true })).toBe(2);
	});

	it('does not count a holiday week when the rule exempts it', () => {
		expect(requiredIn(2, 'exempt', nationalDayWeek)).toBeNull();
	});
});
