/**
 * Local calendar dates as 'YYYY-MM-DD' strings. A sitting's date is a date at its site, not an instant,
 * so arithmetic happens on the calendar (via UTC noon-free math) and never shifts across time zones.
 */
import { dateTimeFormat } from './format/date-time-format';

export type CalendarDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Returns the date if the string is a real calendar date ('2026-02-30' is not), else null. */
export function parseCalendarDate(value: string | null | undefined): CalendarDate | null {
	if (!value) return null;
	const match = ISO_DATE.exec(value.trim());
	if (!match) return null;
	const [, y, m, d] = match;
	const year = Number(y);
	const month = Number(m);
	const day = Number(d);
	if (year < 1900 || year > 2200) return null;
	const date = new Date(Date.UTC(year, month - 1, day));
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
	return `${y}-${m}-${d}`;
}

export function toUtcMidnight(date: CalendarDate): Date {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	return new Date(Date.UTC(y, m - 1, d));
}

/**
 * Remembered per instant: expanding a district's year calls this some 200,000 times over a few
 * hundred distinct days, and toISOString was a tenth of that expansion.
 */
const isoDates = new Map<number, CalendarDate>();

export function fromUtcMidnight(date: Date): CalendarDate {
	const time = date.getTime();
	let iso = isoDates.get(time);
	if (iso === undefined) {
		iso = date.toISOString().slice(0, 10);
		if (isoDates.size >= 20_000) isoDates.clear();
		isoDates.set(time, iso);
	}
	return iso;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
	const d = toUtcMidnight(date);
	d.setUTCDate(d.getUTCDate() + days);
	return fromUtcMidnight(d);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: CalendarDate): number {
	const day = toUtcMidnight(date).getUTCDay();
	return day === 0 ? 7 : day;
}

/** The Monday of the week the date falls in (Chinese calendars start the week on Monday). */
export function mondayOf(date: CalendarDate): CalendarDate {
	return addDays(date, 1 - isoWeekday(date));
}

export function daysBetween(from: CalendarDate, to: CalendarDate): number {
	return Math.round((toUtcMidnight(to).getTime() - toUtcMidnight(from).getTime()) / 86_400_000);
}

/** Every date from `from` to `to`, both included. */
export function eachDate(from: CalendarDate, to: CalendarDate): CalendarDate[] {
	const dates: CalendarDate[] = [];
	for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
	return dates;
}

export function yearOf(date: CalendarDate): number {
	return Number(date.slice(0, 4));
}

/** en-CA writes a date as YYYY-MM-DD, our CalendarDate. */
const ISO_DAY: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };

/** Today's date in a time zone, e.g. the district's date while the server runs in UTC. */
export function todayIn(timeZone: string, now: Date = new Date()): CalendarDate {
	return dateTimeFormat('en-CA', ISO_DAY, timeZone).format(now);
}

const HOUR_24: Intl.DateTimeFormatOptions = { hour: '2-digit', hourCycle: 'h23' };

/** The hour (0–23) on the wall clock of a time zone: reminders and digests go out from a local hour. */
export function hourIn(timeZone: string, now: Date = new Date()): number {
	return Number(dateTimeFormat('en-GB', HOUR_24, timeZone).format(now));
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** 'HH:MM' in 24-hour time, or null. */
export function parseTimeOfDay(value: string | null | undefined): string | null {
	if (!value) return null;
	const v = value.trim();
	const short = /^(\d):([0-5]\d)$/.exec(v);
	const normal = short ? `0${short[1]}:${short[2]}` : v;
	return TIME.test(normal) ? normal : null;
}
