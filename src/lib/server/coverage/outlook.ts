/**
 * The coverage outlook: for an organization and a run of whole weeks (by default this week and the
 * three after it), each target counted per center and week, or per month, against the sittings as
 * planned now. Reads the database and hands everything to coverageRows (shortfalls.ts), where the rules are.
 */
import { inArray } from 'drizzle-orm';
import { addDays, mondayOf, type CalendarDate } from '../../calendar-date';
import { formatDateRange } from '../../format/dates';
import type { Actor } from '../auth/policy';
import { loadOrgTree } from '../auth/scope';
import { districtToday } from '../clock';
import type { DbOrTx } from '../db/client';
import { experts } from '../db/schema';
import { invalid } from '../errors';
import { expandSittings, loadHolidayCalendar, type SittingView } from '../schedule/sittings';
import { centersOfOrganization } from './centers';
import { countedSitting, expertsWhoSit, withoutRepeats } from './counted';
import { firstOfMonth, lastOfMonth } from './periods';
import { coverageRows, type CountedSitting, type CoverageRow } from './shortfalls';
import { listCoverageTargets } from './targets';
import { dm } from '../../i18n/domain';

export const OUTLOOK_WEEKS = 4;
const MAX_WEEKS = 53;

export interface CoverageOutlook {
	from: CalendarDate;
	to: CalendarDate;
	label: string;
	/** Every target × center × period, met or not. */
	rows: CoverageRow[];
	/** The rows that fall short, earliest period first. */
	shortfalls: CoverageRow[];
	/** Years in the range with no holiday data: counted as ordinary weeks, and the page says so. */
	unknownHolidayYears: number[];
}

export interface OutlookRange {
	from?: CalendarDate;
	to?: CalendarDate;
	/** Today at the organization's sites; the district's date unless given. */
	today?: CalendarDate;
}

/** From the Monday of `from`'s week to the Sunday of `to`'s; by default the next OUTLOOK_WEEKS weeks from today's. */
export function outlookWeeks(range: OutlookRange = {}): { from: CalendarDate; to: CalendarDate } {
	const from = mondayOf(range.from ?? range.today ?? districtToday());
	const to = range.to ? addDays(mondayOf(range.to), 6) : addDays(from, OUTLOOK_WEEKS * 7 - 1);
	if (to < from) throw invalid(dm.coverage.errors.toBeforeFrom, 'to');
	if (to > addDays(from, MAX_WEEKS * 7)) throw invalid(dm.coverage.errors.tooManyWeeks(MAX_WEEKS), 'to');
	return { from, to };
}

export async function coverageOutlook(db: DbOrTx, actor: Actor, organizationId: string, range: OutlookRange = {}): Promise<CoverageOutlook> {
	// Checks the actor may see the organization's reports before anything is read.
	const targets = await listCoverageTargets(db, actor, organizationId);
	const { from, to } = outlookWeeks(range);
	const centers = await centersOfOrganization(db, await loadOrgTree(db), organizationId);
	// A weekly rule needs its centers' weeks; a monthly rule its center's (or expert's) whole months,
	// also the days outside the weeks shown. Expanding each only as far as its rules reach keeps a
	// district's outlook at some 25,000 sittings, where expanding every center's months was 50,000.
	const months = { from: firstOfMonth(from), to: lastOfMonth(to) };
	const monthlyCenters = new Set(targets.flatMap((t) => (t.kind === 'department_halfdays_per_month' && t.siteId ? [t.siteId] : [])));
	const weeklyRuled = targets.some((t) => t.kind === 'site_days_per_week' || t.kind === 'site_senior_days_per_week');
	const weeklyCenters = weeklyRuled ? centers.filter((c) => !monthlyCenters.has(c.id)).map((c) => c.id) : [];
	const expertIds = [...new Set(targets.flatMap((t) => (t.expertId ? [t.expertId] : [])))];
	// Expanded without names (naming a district's sittings was most of the time), the experts with a
	// target all in one call; counted by who sits (counted.ts).
	const results = await Promise.all([
		expandSittings(db, { from, to, siteIds: weeklyCenters }),
		expandSittings(db, { ...months, siteIds: [...monthlyCenters] }),
		expandSittings(db, { ...months, expertIds })
	]);
	const sittings = withoutRepeats(results.map((r) => r.sittings));
	const people = await expertsWhoSit(db, sittings);

	const rows = coverageRows({
		from,
		to,
		rules: targets,
		centers,
		sittings: sittings.map((s) => countedSitting(s, people.get(s.expertId))),
		holidays: await loadHolidayCalendar(db)
	});
	return {
		from,
		to,
		label: formatDateRange(from, to),
		rows,
		shortfalls: rows.filter((r) => r.shortfall > 0).sort((a, b) => a.period.from.localeCompare(b.period.from)),
		unknownHolidayYears: [...new Set(results.flatMap((r) => r.unknownHolidayYears))].sort((a, b) => a - b)
	};
}

/** A substitute counts in their own department, as they count by their own title. */
export async function countedSittings(db: DbOrTx, sittings: SittingView[]): Promise<CountedSitting[]> {
	const substitutes = [...new Set(sittings.filter((s) => s.substituted).map((s) => s.expertId))];
	const departmentOf = new Map(
		substitutes.length
			? (await db.select({ id: experts.id, departmentId: experts.departmentId }).from(experts).where(inArray(experts.id, substitutes))).map((e) => [e.id, e.departmentId])
			: []
	);
	return sittings.map((s) => ({
		date: s.date,
		startTime: s.startTime,
		endTime: s.endTime,
		siteId: s.siteId,
		status: s.status,
		expertId: s.expertId,
		title: s.expert.title,
		departmentId: (s.substituted ? departmentOf.get(s.expertId) : undefined) ?? s.departmentId
	}));
}
