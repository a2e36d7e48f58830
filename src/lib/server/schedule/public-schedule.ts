/**
 * What residents see: a center's week, an expert's next four weeks, a department across all centers.
 * Each function returns exactly the shape its page renders; nothing here knows about HTTP.
 */
import { eq } from 'drizzle-orm';
import { addDays, eachDate, mondayOf, type CalendarDate } from '../../calendar-date';
import { formatDateRange, formatDay, formatSittingWhen, formatTimeRange, slotOf } from '../../format/dates';
import { m } from '../../i18n';
import type { DbOrTx } from '../db/client';
import { departments } from '../db/schema';
import { invalid } from '../errors';
import { findExpertProfile, type ExpertProfile } from '../experts/experts';
import { findSite, listResidentSites, type SiteDetail, type SiteSummary } from '../sites/sites';
import type { DayView, SittingCard } from '../../schedule-views';
import { findWindow, laterWindowQuery, type FindChoice, type FindWindow, type FindWindowQuery } from './find-window';
import type { HolidayCalendar } from './holidays';
import { scopes } from './cache-scopes';
import { listSittings, loadHolidayCalendar, type SittingsResult, type SittingView } from './sittings';
import { cachedView } from './view-cache';
import { dm } from '../../i18n/domain';

export const EXPERT_DAYS_AHEAD = 28;
/** A multi-day search shows this many sittings a day; asking for one day shows all of it. */
export const FIND_PER_DAY = 8;

function toCard(s: SittingView): SittingCard {
	return {
		id: s.id,
		date: s.date,
		when: formatSittingWhen(s.date, s.startTime, s.endTime),
		slot: slotOf(s.startTime, s.endTime),
		timeRange: formatTimeRange(s.startTime, s.endTime),
		status: s.status,
		reason: s.reason,
		expert: { id: s.expert.id, name: s.expert.name, title: s.expert.title },
		rosteredExpert: s.substituted ? { id: s.rosteredExpert.id, name: s.rosteredExpert.name, title: s.rosteredExpert.title } : null,
		department: s.department.name,
		expertDepartment: s.expert.departmentName,
		site: { id: s.site.id, name: s.site.name },
		movedFrom: s.moved ? formatSittingWhen(s.moved.date, s.moved.startTime, s.moved.endTime) : null,
		onSwapDay: s.onSwapDay,
		onHoliday: s.onHoliday,
		quota: s.status === 'scheduled' ? s.quota : null
	};
}

function dayNote(holidays: HolidayCalendar, date: CalendarDate): string | null {
	const day = holidays.day(date);
	if (day.kind === 'holiday') return day.name ?? dm.schedule.labels.statutoryHoliday;
	if (day.kind === 'workday') return m.sitting.swapDay;
	return null;
}

function groupByDay(
	list: SittingView[],
	dates: CalendarDate[],
	holidays: HolidayCalendar,
	today: CalendarDate,
	keepEmptyDays: boolean
): DayView[] {
	const byDate = new Map<CalendarDate, SittingCard[]>();
	for (const s of list) {
		const cards = byDate.get(s.date);
		if (cards) cards.push(toCard(s));
		else byDate.set(s.date, [toCard(s)]);
	}
	return dates
		.map((date) => ({
			date,
			label: formatDay(date),
			isToday: date === today,
			note: dayNote(holidays, date),
			sittings: byDate.get(date) ?? []
		}))
		.filter((d) => keepEmptyDays || d.sittings.length > 0);
}

function warningFor(years: number[]): string | null {
	return years.length ? m.warnings.unknownHolidays(years.join('、')) : null;
}

export interface CenterWeek {
	site: SiteDetail;
	monday: CalendarDate;
	rangeLabel: string;
	isThisWeek: boolean;
	thisWeek: CalendarDate;
	prevWeek: CalendarDate;
	nextWeek: CalendarDate;
	days: DayView[];
	/** Sittings that will take place (not cancelled, not a holiday). */
	liveCount: number;
	warning: string | null;
}

/** One week at a center, Monday to Sunday. `week` is any date in the week; null means this week. */
export async function centerWeek(
	db: DbOrTx,
	siteId: string,
	week: CalendarDate | null,
	today: (timeZone: string) => CalendarDate
): Promise<CenterWeek | null> {
	const site = await findSite(db, siteId);
	if (!site) return null;
	const todayThere = today(site.timeZone);
	const monday = mondayOf(week ?? todayThere);
	const sunday = addDays(monday, 6);
	const [result, holidays] = await Promise.all([
		listSittings(db, { from: monday, to: sunday, siteIds: [site.id] }),
		loadHolidayCalendar(db)
	]);
	return {
		site,
		monday,
		rangeLabel: formatDateRange(monday, sunday),
		isThisWeek: monday === mondayOf(todayThere),
		thisWeek: mondayOf(todayThere),
		prevWeek: addDays(monday, -7),
		nextWeek: addDays(monday, 7),
		days: groupByDay(result.sittings, eachDate(monday, sunday), holidays, todayThere, true),
		liveCount: result.sittings.filter((s) => s.status === 'scheduled').length,
		warning: warningFor(result.unknownHolidayYears)
	};
}

export interface ExpertSchedule {
	expert: ExpertProfile;
	rangeLabel: string;
	days: DayView[];
	warning: string | null;
}

/** Where and when an expert sits over the next four weeks, including sittings they cover. */
export async function expertSchedule(
	db: DbOrTx,
	expertId: string,
	today: CalendarDate
): Promise<ExpertSchedule | null> {
	const expert = await findExpertProfile(db, expertId);
	if (!expert) return null;
	const to = addDays(today, EXPERT_DAYS_AHEAD - 1);
	const [result, holidays] = await Promise.all([
		listSittings(db, { from: today, to, expertId }),
		loadHolidayCalendar(db)
	]);
	return {
		expert,
		rangeLabel: formatDateRange(today, to),
		days: groupByDay(result.sittings, eachDate(today, to), holidays, today, false),
		warning: warningFor(result.unknownHolidayYears)
	};
}

export interface DepartmentSearch {
	department: { id: string; name: string } | null;
	window: FindWindow;
	rangeLabel: string;
	/** The query of the link on to the following days. */
	later: { when: FindChoice; date?: CalendarDate };
	days: DayView[];
	warning: string | null;
	/** When the results next change by themselves: the end (HH:MM) of the next of today's sittings to end. */
	nextChangeAt: string | null;
}

/** 12月8日 周二 for one day, 12月7日–12月13日 for several. */
function windowLabel(window: FindWindow): string {
	return window.from === window.to ? formatDay(window.from) : formatDateRange(window.from, window.to);
}

/**
 * Sittings of one department across every center, by day, over the window the query asks for (this
 * week from today by default; see find-window.ts). A sitting of today that has ended is gone: it is
 * no help to someone deciding where to go. Without a department it returns the form's defaults and
 * no results. Throws DomainError for an unknown department or a reversed or too long range.
 */
export async function findByDepartment(
	db: DbOrTx,
	query: FindWindowQuery & { departmentId: string | null },
	now: { date: CalendarDate; time: string }
): Promise<DepartmentSearch> {
	const window = findWindow(query, now.date);
	const { from, to } = window;
	const base = { window, rangeLabel: windowLabel(window), later: laterWindowQuery(window) };
	if (!query.departmentId) return { ...base, department: null, days: [], warning: null, nextChangeAt: null };

	const department = await db
		.select({ id: departments.id, name: departments.name })
		.from(departments)
		.where(eq(departments.id, query.departmentId))
		.get();
	if (!department) throw invalid(m.errors.unknownDepartment, 'department');
	const [result, holidays] = await Promise.all([departmentSittings(db, department.id, from, to), loadHolidayCalendar(db)]);
	// Residents looking for a doctor need the ones who come; holiday closures would only be noise here.
	const shown = result.sittings.filter((s) => s.status !== 'holiday' && !hasEnded(s, now));
	const days = groupByDay(shown, eachDate(from, to), holidays, now.date, false);
	// A district-wide search can return hundreds: a long list helps nobody on a phone.
	const capped = from === to ? days : days.map((d) => ({ ...d, sittings: d.sittings.slice(0, FIND_PER_DAY), hiddenCount: Math.max(0, d.sittings.length - FIND_PER_DAY) }));
	const endingToday = shown.filter((s) => s.date === now.date).map((s) => s.endTime);
	return {
		...base,
		department,
		days: capped,
		warning: warningFor(result.unknownHolidayYears),
		nextChangeAt: endingToday.length ? endingToday.reduce((a, b) => (a < b ? a : b)) : null
	};
}

/**
 * How long a search may be kept when nothing is written: until the next of today's sittings ends and
 * leaves the results, at most `longest`. Minutes on the wall clock: China's zones are whole hours from
 * UTC, so the minute turns over with UTC's.
 */
export function searchLifetimeMs(search: Pick<DepartmentSearch, 'nextChangeAt'>, now: { time: string }, longest: number, nowMs = Date.now()): number {
	if (!search.nextChangeAt) return longest;
	const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
	const untilChange = (minutes(search.nextChangeAt) - minutes(now.time)) * 60_000 - (nowMs % 60_000);
	return Math.max(0, Math.min(longest, untilChange));
}

/**
 * A department's sittings across the district from `from` to `to`, gathered week by week from the view
 * cache: 本周, 下周 and each 选日期 window share their weeks, so one changed sitting has its week worked
 * out again once, not once for every search that shows it (the find pages' cost under edits).
 */
async function departmentSittings(db: DbOrTx, departmentId: string, from: CalendarDate, to: CalendarDate): Promise<SittingsResult> {
	const mondays: CalendarDate[] = [];
	for (let monday = mondayOf(from); monday <= to; monday = addDays(monday, 7)) mondays.push(monday);
	const weeks = await Promise.all(
		mondays.map((monday) =>
			cachedView(db, `department-week|${departmentId}|${monday}`, scopes.departmentWeek(departmentId, monday), () =>
				listSittings(db, { from: monday, to: addDays(monday, 6), departmentId })
			)
		)
	);
	return {
		// Each week is in order and the weeks follow one another, so the whole is in order too.
		sittings: weeks.flatMap((w) => w.sittings).filter((s) => s.date >= from && s.date <= to),
		unknownHolidayYears: [...new Set(weeks.flatMap((w) => w.unknownHolidayYears))].sort()
	};
}

/** Ended: an earlier day, or today with its end time passed (the district's wall clock). */
function hasEnded(s: { date: CalendarDate; endTime: string }, now: { date: CalendarDate; time: string }): boolean {
	return s.date < now.date || (s.date === now.date && s.endTime <= now.time);
}

export interface ResidentHome {
	centers: SiteSummary[];
	chosen: CenterWeek | null;
	/** The remembered or requested center no longer exists. */
	unknownChoice: boolean;
}

/** The home page: the centers to choose from, and this week at the chosen one. */
export async function residentHome(
	db: DbOrTx,
	chosenSiteId: string | null,
	today: (timeZone: string) => CalendarDate
): Promise<ResidentHome> {
	const [centers, chosen] = await Promise.all([
		listResidentSites(db),
		chosenSiteId ? centerWeek(db, chosenSiteId, null, today) : Promise.resolve(null)
	]);
	return { centers, chosen, unknownChoice: chosenSiteId !== null && chosen === null };
}
