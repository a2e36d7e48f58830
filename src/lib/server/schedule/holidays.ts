/**
 * China's statutory holidays (法定节假日) and swapped working days (调休上班日).
 * The package `chinese-days` carries the State Council's schedules for the years it knows; an admin
 * enters later years (published around November) and corrections, which win over the package.
 * A year nobody has entered is reported as unknown, never guessed from weekends.
 */
import { createRequire } from 'node:module';
import { yearOf, type CalendarDate } from '../../calendar-date';

export type HolidayDayKind = 'holiday' | 'workday' | 'normal';

export interface HolidayDay {
	kind: HolidayDayKind;
	/** Chinese name of the holiday the day belongs to (国庆节, 春节 …), if any. */
	name: string | null;
}

export interface HolidayCalendar {
	/** 'holiday' = a day off; 'workday' = a weekend day worked in exchange; 'normal' = an ordinary day. */
	day(date: CalendarDate): HolidayDay;
	/** Whether the year's schedule is known (from the package or entered by an admin). */
	knowsYear(year: number): boolean;
}

export interface PackageHolidayData {
	holidays: Record<string, string>;
	workdays: Record<string, string>;
}

export interface AdminHolidayEntry {
	date: CalendarDate;
	kind: HolidayDayKind;
	name: string | null;
}

const require = createRequire(import.meta.url);
let packageData: PackageHolidayData | null = null;

/** The data `chinese-days` ships, read once: { '2026-10-01': "National Day,国庆节,3", … } */
export function chineseDaysData(): PackageHolidayData {
	packageData ??= require('chinese-days/dist/chinese-days.json') as PackageHolidayData;
	return packageData;
}

/** Package entries look like "National Day,国庆节,3": English, Chinese, length in days. */
function chineseName(entry: string | undefined): string | null {
	if (!entry) return null;
	return entry.split(',')[1] ?? null;
}

/**
 * The years the package covers, worked out once per data set: a calendar is built for every schedule
 * page drawn, and walking the package's few hundred dates each time showed up in profiles.
 */
const packageYears = new WeakMap<PackageHolidayData, number[]>();

function yearsOf(data: PackageHolidayData): number[] {
	let years = packageYears.get(data);
	if (!years) {
		years = [...new Set(Object.keys(data.holidays).map(yearOf))];
		packageYears.set(data, years);
	}
	return years;
}

export function buildHolidayCalendar(
	data: PackageHolidayData,
	adminDays: AdminHolidayEntry[],
	adminYears: number[]
): HolidayCalendar {
	const years = new Set<number>([...adminYears, ...yearsOf(data)]);
	const corrections = new Map(adminDays.map((d) => [d.date, d]));
	return {
		day(date) {
			const corrected = corrections.get(date);
			if (corrected) return { kind: corrected.kind, name: corrected.name };
			const holiday = data.holidays[date];
			if (holiday) return { kind: 'holiday', name: chineseName(holiday) };
			const workday = data.workdays[date];
			if (workday) return { kind: 'workday', name: chineseName(workday) };
			return { kind: 'normal', name: null };
		},
		knowsYear: (year) => years.has(year)
	};
}

/** Years between two dates (inclusive) whose holiday schedule nobody has entered. */
export function unknownHolidayYears(calendar: HolidayCalendar, from: CalendarDate, to: CalendarDate): number[] {
	const missing: number[] = [];
	for (let y = yearOf(from); y <= yearOf(to); y++) if (!calendar.knowsYear(y)) missing.push(y);
	return missing;
}
