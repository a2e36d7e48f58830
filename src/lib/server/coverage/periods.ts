/**
 * The weeks and months a target is measured over, and how many days of them are working days. Pure.
 * A week runs Monday to Sunday (Chinese calendars start it on Monday); a month is the calendar month.
 * Dates are the sites' local calendar dates, as sittings are, so no time zone enters here.
 */
import { addDays, isoWeekday, mondayOf, type CalendarDate } from '../../calendar-date';
import type { COVERAGE_HOLIDAY_RULES } from '../db/schema';
import type { HolidayCalendar } from '../schedule/holidays';

export type HolidayDays = Pick<HolidayCalendar, 'day'>;

export interface Period {
	kind: 'week' | 'month';
	from: CalendarDate;
	to: CalendarDate;
}

/** The Monday-to-Sunday weeks from the week of `from` to the week of `to`. */
export function weeksCovering(from: CalendarDate, to: CalendarDate): Period[] {
	const weeks: Period[] = [];
	for (let monday = mondayOf(from); monday <= to; monday = addDays(monday, 7)) weeks.push({ kind: 'week', from: monday, to: addDays(monday, 6) });
	return weeks;
}

export function firstOfMonth(date: CalendarDate): CalendarDate {
	return `${date.slice(0, 7)}-01`;
}

export function lastOfMonth(date: CalendarDate): CalendarDate {
	const [y, m] = date.split('-').map(Number) as [number, number];
	const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
	return addDays(next, -1);
}

/** Every calendar month that has a day between `from` and `to`, whole. */
export function monthsTouching(from: CalendarDate, to: CalendarDate): Period[] {
	const months: Period[] = [];
	for (let first = firstOfMonth(from); first <= to; first = addDays(lastOfMonth(first), 1)) months.push({ kind: 'month', from: first, to: lastOfMonth(first) });
	return months;
}

export interface WorkingDays {
	/** Monday to Friday in the period: what a target is set for. */
	usual: number;
	/** Less statutory holidays on those days, plus swapped working days (调休上班日). */
	actual: number;
	/** A statutory holiday takes a day that would be worked. One on a Saturday or a Sunday takes none. */
	holidayOnWorkingDay: boolean;
}

export function workingDaysOf(period: Period, holidays: HolidayDays): WorkingDays {
	let usual = 0;
	let actual = 0;
	let holidayOnWorkingDay = false;
	for (let date = period.from; date <= period.to; date = addDays(date, 1)) {
		const weekday = isoWeekday(date) <= 5;
		const kind = holidays.day(date).kind;
		if (weekday) usual++;
		if (kind === 'workday' || (weekday && kind !== 'holiday')) actual++;
		if (weekday && kind === 'holiday') holidayOnWorkingDay = true;
	}
	return { usual, actual, holidayOnWorkingDay };
}

export type HolidayRule = (typeof COVERAGE_HOLIDAY_RULES)[number];

/**
 * What a period must reach. `exempt`: a period with a holiday on a working day is not counted (null).
 * `pro_rata`: the minimum scaled to the working days left, rounded up, and never above the minimum
 * (a week with a swapped Saturday does not ask for more). A period without such a holiday needs it all.
 */
export function requiredIn(minimum: number, rule: HolidayRule, days: WorkingDays): number | null {
	if (!days.holidayOnWorkingDay) return minimum;
	if (rule === 'exempt') return null;
	if (days.usual === 0) return minimum;
	return Math.min(minimum, Math.ceil((minimum * days.actual) / days.usual));
}
