/**
 * The organizer's planning view: centers × days for one week, every sitting with its state, and the
 * problems to fix (expert double-booked, or busy elsewhere with a lecture or clinic; too many experts for
 * the rooms; leave with no cover yet).
 */
import { addDays, eachDate, mondayOf, type CalendarDate } from '../../calendar-date';
import { formatDateRange, formatDay, formatMonthDay, formatTimeRange, slotOf, weekdayName } from '../../format/dates';
import type { DbOrTx } from '../db/client';
import { clashesOf, sittingViewCommitment } from '../schedule/commitments';
import { busyConflict, findConflicts, type Conflict } from '../schedule/conflicts';
import { listSittings, type SittingView } from '../schedule/sittings';
import type { ScopedSite } from './scope-lists';
import { dm } from '../../i18n/domain';

export interface PlanCell {
	id: string;
	expert: string;
	rosteredExpert: string | null;
	department: string;
	slot: string;
	timeRange: string;
	status: SittingView['status'];
	reason: string | null;
	moved: boolean;
	problem: boolean;
}

export interface PlanningWeek {
	view: 'week' | 'month';
	monday: CalendarDate;
	rangeLabel: string;
	/** The previous and next week (or month) of the same view. */
	prevWeek: CalendarDate;
	nextWeek: CalendarDate;
	/** `label` heads a column (12月8日 周二); a phone's line per day shows `weekday` over `monthDay`. */
	days: { date: CalendarDate; label: string; weekday: string; monthDay: string }[];
	rows: { site: ScopedSite; cells: PlanCell[][] }[];
	conflicts: Conflict[];
	counts: { scheduled: number; cancelled: number; needsCover: number; substituted: number };
	warning: string | null;
}

/** One week, Monday to Sunday, containing `week`. */
export function planningWeek(db: DbOrTx, scopedSites: ScopedSite[], week: CalendarDate): Promise<PlanningWeek> {
	const monday = mondayOf(week);
	return planningGrid(db, scopedSites, monday, addDays(monday, 6), 'week', addDays(monday, -7), addDays(monday, 7));
}

/** The calendar month containing `date`. */
export function planningMonth(db: DbOrTx, scopedSites: ScopedSite[], date: CalendarDate): Promise<PlanningWeek> {
	const first = `${date.slice(0, 7)}-01`;
	const next = addMonths(first, 1);
	return planningGrid(db, scopedSites, first, addDays(next, -1), 'month', addMonths(first, -1), next);
}

function addMonths(first: CalendarDate, months: number): CalendarDate {
	const [y, m] = first.split('-').map(Number) as [number, number];
	const index = y * 12 + (m - 1) + months;
	return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

async function planningGrid(
	db: DbOrTx,
	scopedSites: ScopedSite[],
	monday: CalendarDate,
	sunday: CalendarDate,
	view: 'week' | 'month',
	prevWeek: CalendarDate,
	nextWeek: CalendarDate
): Promise<PlanningWeek> {
	const dates = eachDate(monday, sunday);
	const { sittings, unknownHolidayYears } = await listSittings(db, { from: monday, to: sunday, siteIds: scopedSites.map((s) => s.id) });
	const roomsBySite = new Map(scopedSites.map((s) => [s.id, s.rooms]));
	const names = new Map<string, string>();
	for (const s of sittings) {
		names.set(s.expertId, s.expert.name);
		names.set(s.siteId, s.site.name);
	}
	// Double bookings can involve a site outside the organizer's scope: look at each expert's whole week.
	const expertIds = [...new Set(sittings.map((s) => s.expertId))];
	const elsewhere: SittingView[] = [];
	for (const expertId of expertIds) {
		const theirs = await listSittings(db, { from: monday, to: sunday, expertId });
		for (const s of theirs.sittings) {
			if (!roomsBySite.has(s.siteId)) {
				elsewhere.push(s);
				names.set(s.siteId, s.site.name);
			}
		}
	}
	const conflicts = findConflicts([...sittings, ...elsewhere], {
		expert: (id) => names.get(id) ?? dm.console.labels.expert,
		site: (id) => names.get(id) ?? dm.console.labels.site,
		rooms: (id) => roomsBySite.get(id) ?? null
	});
	// A sitting at the same hour as the expert's lecture, free clinic or volunteer shift. The grid only
	// shows it (the organizer decides whether cover was arranged); nothing here refuses anything.
	const planned = sittings.flatMap((s) => sittingViewCommitment(s) ?? []);
	conflicts.push(...(await clashesOf(db, planned, { crossKindOnly: true })).map(busyConflict));
	conflicts.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
	const problemIds = new Set(conflicts.flatMap((c) => c.sittingIds));
	const cell = (s: SittingView): PlanCell => ({
		id: s.id,
		expert: s.expert.name,
		rosteredExpert: s.substituted ? s.rosteredExpert.name : null,
		department: s.department.name,
		slot: slotOf(s.startTime, s.endTime),
		timeRange: formatTimeRange(s.startTime, s.endTime),
		status: s.status,
		reason: s.reason,
		moved: s.moved !== null,
		problem: problemIds.has(s.id)
	});
	return {
		view,
		monday,
		rangeLabel: formatDateRange(monday, sunday),
		prevWeek,
		nextWeek,
		days: dates.map((date) => ({ date, label: formatDay(date), weekday: weekdayName(date), monthDay: formatMonthDay(date) })),
		rows: scopedSites.map((site) => ({
			site,
			cells: dates.map((date) => sittings.filter((s) => s.siteId === site.id && s.date === date).map(cell))
		})),
		conflicts,
		counts: {
			scheduled: sittings.filter((s) => s.status === 'scheduled').length,
			cancelled: sittings.filter((s) => s.status === 'cancelled').length,
			needsCover: sittings.filter((s) => s.status === 'needs_cover').length,
			substituted: sittings.filter((s) => s.substituted).length
		},
		warning: unknownHolidayYears.length ? dm.console.labels.holidaysMissing(unknownHolidayYears.join('、')) : null
	};
}
