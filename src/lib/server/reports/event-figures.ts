/**
 * 义诊期数, 讲座场次, 受益人次, 志愿者 and 志愿服务时长 for the outreach report (see outreach.ts for what
 * each counts).
 */
import { and, eq, gte, inArray, isNotNull, lte, ne, or, sql } from 'drizzle-orm';
import type { CalendarDate } from '../../calendar-date';
import type { DbOrTx } from '../db/client';
import { eventDepartments, events, registrations, volunteerRoles, volunteerShifts } from '../db/schema';
import { NO_DEPARTMENT, NO_SITE, type Tallies, type Tally } from './tally';

export interface ReportBoxes {
	total: Tally;
	byMonth: Tallies;
	bySite: Tallies;
	byDepartment: Tallies;
}

/**
 * Adds the events held at the subtree's sites from `from` to `heldUntil`. Counted in SQL, grouped by
 * site and month: a district's year is over ten thousand events and a hundred thousand registrations,
 * and reading them row by row cost seconds (bench:reports). Rows are read by joining on the held-event
 * condition rather than by a list of event ids, which cost seconds as well.
 */
export async function tallyEvents(
	db: DbOrTx,
	siteName: ReadonlyMap<string, string>,
	departmentName: ReadonlyMap<string, string>,
	range: { from: CalendarDate; heldUntil: CalendarDate },
	{ total, byMonth, bySite, byDepartment }: ReportBoxes
): Promise<void> {
	const siteIds = [...siteName.keys()];
	const heldEvent = and(inArray(events.siteId, siteIds), ne(events.status, 'cancelled'), gte(events.date, range.from), lte(events.date, range.heldUntil));
	const month = sql<string>`substr(${events.date}, 1, 7)`;
	const siteLabel = (siteId: string | null) => (siteId && siteName.get(siteId)) ?? NO_SITE;
	const groupsOf = (siteId: string | null, m: string) => [total, byMonth.get(m), bySite.get(siteLabel(siteId))];

	const held = await db
		.select({ siteId: events.siteId, month, kind: events.kind, n: sql<number>`count(*)` })
		.from(events)
		.where(heldEvent)
		.groupBy(events.siteId, month, events.kind);
	for (const g of held) for (const t of groupsOf(g.siteId, g.month)) g.kind === 'free_clinic' ? (t.freeClinics += g.n) : (t.lectures += g.n);

	// countAttendance's `served` is attended plus walk-ins: every registration not cancelled that
	// checked in or walked in. The others add nothing to it.
	const served = await db
		.select({ siteId: events.siteId, month, n: sql<number>`count(*)` })
		.from(registrations)
		.innerJoin(events, eq(events.id, registrations.eventId))
		.where(and(heldEvent, ne(registrations.status, 'cancelled'), or(eq(registrations.walkIn, true), isNotNull(registrations.checkedInAt))))
		.groupBy(events.siteId, month);
	for (const g of served) for (const t of groupsOf(g.siteId, g.month)) t.served += g.n;

	const clinicDepartments = await db
		.select({ departmentId: eventDepartments.departmentId, kind: events.kind, n: sql<number>`count(*)` })
		.from(eventDepartments)
		.innerJoin(events, eq(events.id, eventDepartments.eventId))
		.where(heldEvent)
		.groupBy(eventDepartments.departmentId, events.kind);
	for (const g of clinicDepartments) {
		const t = byDepartment.get(departmentName.get(g.departmentId) ?? NO_DEPARTMENT);
		g.kind === 'free_clinic' ? (t.freeClinics += g.n) : (t.lectures += g.n);
	}

	// Every shift at a held event, with its volunteer, site, month and length: a shift lasts its event
	// ('HH:MM' to 'HH:MM'). Volunteers are counted distinct within each group (one person in two months
	// is one in the year), so each grouping below is its own count(distinct).
	const shifts = db
		.select({
			userId: sql<string>`${volunteerShifts.userId}`.as('user_id'),
			siteId: sql<string | null>`${events.siteId}`.as('site_id'),
			month: month.as('month'),
			minutes: sql<number>`(substr(${events.endTime}, 1, 2) * 60 + substr(${events.endTime}, 4, 2)) - (substr(${events.startTime}, 1, 2) * 60 + substr(${events.startTime}, 4, 2))`.as('minutes')
		})
		.from(volunteerShifts)
		.innerJoin(volunteerRoles, eq(volunteerRoles.id, volunteerShifts.roleId))
		.innerJoin(events, eq(events.id, volunteerRoles.eventId))
		.where(heldEvent)
		.as('held_shifts');
	const volunteers = sql<number>`count(distinct ${shifts.userId})`;

	const byGroup = await db
		.select({ siteId: shifts.siteId, month: shifts.month, minutes: sql<number>`coalesce(sum(${shifts.minutes}), 0)` })
		.from(shifts)
		.groupBy(sql`${shifts.siteId}`, sql`${shifts.month}`);
	for (const g of byGroup) for (const t of groupsOf(g.siteId, g.month)) t.volunteerMinutes += g.minutes;
	const [everyone] = await db.select({ n: volunteers }).from(shifts);
	total.volunteers = everyone?.n ?? 0;
	const perMonth = await db.select({ month: shifts.month, n: volunteers }).from(shifts).groupBy(sql`${shifts.month}`);
	for (const g of perMonth) byMonth.get(g.month).volunteers = g.n;
	const perSite = await db.select({ siteId: shifts.siteId, n: volunteers }).from(shifts).groupBy(sql`${shifts.siteId}`);
	for (const g of perSite) bySite.get(siteLabel(g.siteId)).volunteers = g.n;
}
