/**
 * Which days 找专家 searches. Residents ask "is there a 康复科 expert this week?" on any day of the week,
 * so the search starts today, not next Monday: a Monday search used to miss Tuesday at 新桥. The page
 * offers 本周 (today to Sunday), 下周 and 选日期 (a week from the picked date), and a link on to the
 * week after. Pure: the caller supplies today.
 */
import { addDays, daysBetween, mondayOf, parseCalendarDate, type CalendarDate } from '../../calendar-date';
import { m } from '../../i18n';
import { invalid } from '../errors';

/** An old link may name a range; longer than this is refused rather than scanned. */
export const FIND_MAX_DAYS = 31;
/** 选日期 shows the picked day and the six after it. */
export const FIND_DATE_DAYS = 7;

export const FIND_CHOICES = ['this-week', 'next-week', 'date'] as const;
export type FindChoice = (typeof FIND_CHOICES)[number];

export interface FindWindowQuery {
	/** The form's choice; anything else is ignored, as if absent. */
	when: string | null;
	/** The 选日期 field. */
	date: CalendarDate | null;
	/** Links from before the choices: an explicit range (a day's full list is from = to), or a week. */
	from: CalendarDate | null;
	to: CalendarDate | null;
	week: CalendarDate | null;
}

export interface FindWindow {
	choice: FindChoice;
	from: CalendarDate;
	to: CalendarDate;
	/** What the date field shows when the choice is 选日期: the first day searched (never before today). */
	date: CalendarDate | null;
	/** Why the days differ from what was asked: they had all passed, or 选日期 came without a date. */
	adjusted: 'past' | 'no-date' | null;
}

function isChoice(value: string | null): value is FindChoice {
	return (FIND_CHOICES as readonly string[]).includes(value ?? '');
}

function thisWeek(today: CalendarDate): { from: CalendarDate; to: CalendarDate } {
	return { from: today, to: addDays(mondayOf(today), 6) };
}

function nextWeek(today: CalendarDate): { from: CalendarDate; to: CalendarDate } {
	const monday = addDays(mondayOf(today), 7);
	return { from: monday, to: addDays(monday, 6) };
}

const later = (a: CalendarDate, b: CalendarDate) => (a > b ? a : b);

/** Days already gone are never searched: a range that has wholly passed falls back to this week. */
function fromToday(
	range: { from: CalendarDate; to: CalendarDate },
	today: CalendarDate,
	choice: FindChoice | null
): FindWindow {
	if (range.to < today) return { choice: 'this-week', ...thisWeek(today), date: null, adjusted: 'past' };
	const from = later(range.from, today);
	const named = choice ?? namedChoice(from, range.to, today);
	return { choice: named, from, to: range.to, date: named === 'date' ? from : null, adjusted: null };
}

/** An old link's range reads as 本周 or 下周 when it is exactly that, so the form shows it so. */
function namedChoice(from: CalendarDate, to: CalendarDate, today: CalendarDate): FindChoice {
	const week = thisWeek(today);
	if (from === week.from && to === week.to) return 'this-week';
	const next = nextWeek(today);
	if (from === next.from && to === next.to) return 'next-week';
	return 'date';
}

/**
 * The days to search. The form's choice wins; without one, a picked date, then an old link's from/to
 * or week, then this week. Throws DomainError for a from/to range that is reversed or too long.
 */
export function findWindow(query: FindWindowQuery, today: CalendarDate): FindWindow {
	const when = isChoice(query.when) ? query.when : null;
	if (when === 'this-week') return fromToday(thisWeek(today), today, 'this-week');
	if (when === 'next-week') return fromToday(nextWeek(today), today, 'next-week');
	if (when === 'date' && !query.date) return { choice: 'this-week', ...thisWeek(today), date: null, adjusted: 'no-date' };
	if (query.date && (when === 'date' || when === null)) {
		return fromToday({ from: query.date, to: addDays(query.date, FIND_DATE_DAYS - 1) }, today, 'date');
	}
	if (query.from || query.to) {
		const from = query.from ?? today;
		const to = query.to ?? addDays(from, 6);
		if (to < from) throw invalid(m.errors.rangeReversed, 'to');
		if (daysBetween(from, to) + 1 > FIND_MAX_DAYS) throw invalid(m.errors.rangeTooLong(FIND_MAX_DAYS), 'to');
		return fromToday({ from, to }, today, null);
	}
	if (query.week) {
		const monday = mondayOf(query.week);
		return fromToday({ from: monday, to: addDays(monday, 6) }, today, null);
	}
	return fromToday(thisWeek(today), today, 'this-week');
}

/** The query of the "on to the following days" link under the results: 本周 leads to 下周, then week by week. */
export function laterWindowQuery(window: FindWindow): { when: FindChoice; date?: CalendarDate } {
	if (window.choice === 'this-week') return { when: 'next-week' };
	return { when: 'date', date: addDays(window.to, 1) };
}

/**
 * The department and days a /find URL asks for, read as the page reads them, or null when the page
 * will refuse it (a malformed date, a reversed or too long range): what the page cache keys on.
 */
export function findRequestOf(url: URL, today: CalendarDate): { departmentId: string | null; from: CalendarDate; to: CalendarDate } | null {
	const dates: Record<'date' | 'from' | 'to' | 'week', CalendarDate | null> = { date: null, from: null, to: null, week: null };
	for (const name of ['date', 'from', 'to', 'week'] as const) {
		const raw = url.searchParams.get(name);
		if (!raw) continue;
		const parsed = parseCalendarDate(raw);
		if (!parsed) return null;
		dates[name] = parsed;
	}
	try {
		const { from, to } = findWindow({ when: url.searchParams.get('when'), ...dates }, today);
		return { departmentId: url.searchParams.get('department') || null, from, to };
	} catch {
		return null;
	}
}
