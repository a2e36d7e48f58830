/**
 * Events as the organizer's console shows them: the list of their organizations' events with the
 * head counts in one query, and one event with its counts, its form values and its volunteer roles.
 */
import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { CalendarDate } from '../../calendar-date';
import { formatSittingWhen, formatTimeRange } from '../../format/dates';
import { auditTrailView } from '../audit/audit';
import type { Actor } from '../auth/policy';
import { authorize, loadOrgTree, organizedOrgIds } from '../auth/scope';
import type { DbOrTx } from '../db/client';
import { notFound } from '../errors';
import { surveysOfEvent } from '../surveys/surveys';
import { eventDepartments, eventExperts, events, eventSeries, registrations, sites, volunteerRoles, volunteerShifts } from '../db/schema';
import { KIND_LABEL } from './public-events';
import { eventRestoreOffer } from './cancellation';
import { dm } from '../../i18n/domain';

export interface OrganizerEventFilter {
	today: CalendarDate;
	/** Events on or after this date; today when absent. */
	from?: CalendarDate | null;
	kind?: 'free_clinic' | 'lecture' | null;
	siteId?: string | null;
	limit?: number;
}

export interface OrganizerEventRow {
	id: string;
	kind: 'free_clinic' | 'lecture';
	kindLabel: string;
	title: string;
	issueLabel: string | null;
	seriesName: string | null;
	date: CalendarDate;
	when: string;
	timeRange: string;
	site: { id: string; name: string };
	cancelled: boolean;
	registered: number;
	waitlisted: number;
	capacity: number | null;
}

const registeredCount = sql<number>`coalesce(sum(case when ${registrations.status} = 'registered' then 1 else 0 end), 0)`.mapWith(Number);
const waitlistedCount = sql<number>`coalesce(sum(case when ${registrations.status} = 'waitlisted' then 1 else 0 end), 0)`.mapWith(Number);

/** The events of the organizations the actor organizes (their subtrees; all for an admin), soonest first. */
export async function listEventsForOrganizer(db: DbOrTx, actor: Actor, filter: OrganizerEventFilter): Promise<OrganizerEventRow[]> {
	const allowed = organizedOrgIds(actor, await loadOrgTree(db));
	if (allowed !== null && allowed.size === 0) return [];
	const rows = await db
		.select({
			id: events.id,
			kind: events.kind,
			title: events.title,
			issueNumber: events.issueNumber,
			seriesName: eventSeries.name,
			date: events.date,
			startTime: events.startTime,
			endTime: events.endTime,
			siteId: events.siteId,
			siteName: sites.name,
			status: events.status,
			capacity: events.capacity,
			registered: registeredCount,
			waitlisted: waitlistedCount
		})
		.from(events)
		.innerJoin(sites, eq(sites.id, events.siteId))
		.leftJoin(eventSeries, eq(eventSeries.id, events.seriesId))
		.leftJoin(registrations, eq(registrations.eventId, events.id))
		.where(
			and(
				gte(events.date, filter.from ?? filter.today),
				allowed === null ? undefined : inArray(events.organizationId, [...allowed]),
				filter.kind ? eq(events.kind, filter.kind) : undefined,
				filter.siteId ? eq(events.siteId, filter.siteId) : undefined
			)
		)
		.groupBy(events.id)
		.orderBy(asc(events.date), asc(events.startTime), asc(events.title))
		.limit(filter.limit ?? 200);
	return rows.map((r) => ({
		id: r.id,
		kind: r.kind,
		kindLabel: KIND_LABEL[r.kind],
		title: r.title,
		issueLabel: r.issueNumber ? dm.events.labels.issue(r.issueNumber) : null,
		seriesName: r.seriesName,
		date: r.date,
		when: formatSittingWhen(r.date, r.startTime),
		timeRange: formatTimeRange(r.startTime, r.endTime),
		site: { id: r.siteId, name: r.siteName },
		cancelled: r.status === 'cancelled',
		registered: r.registered,
		waitlisted: r.waitlisted,
		capacity: r.capacity
	}));
}

/**
 * One event as its console page opens it, for an actor with `event:edit` on it (checked before
 * anything of it is read): the event, its change history, its surveys (their codes are the links
 * residents answer at) and, for a cancelled one, whether and until when it may be restored.
 */
export async function eventForEditing(db: DbOrTx, actor: Actor, id: string, now = new Date()) {
	await authorize(db, actor, 'event:edit', 'event', id);
	const found = await findEventForOrganizer(db, id);
	if (!found) throw notFound(dm.events.errors.eventNotFound);
	return { found, trail: await auditTrailView(db, 'event', id), surveys: await surveysOfEvent(db, id), restore: await eventRestoreOffer(db, id, now) };
}

/** One event for its console page: the stored row, what it links to, and its head counts. Null if there is none. Checks no access: pages read it through `eventForEditing`. */
export async function findEventForOrganizer(db: DbOrTx, id: string) {
	const row = await db
		.select({ e: events, siteName: sites.name, seriesName: eventSeries.name })
		.from(events)
		.innerJoin(sites, eq(sites.id, events.siteId))
		.leftJoin(eventSeries, eq(eventSeries.id, events.seriesId))
		.where(eq(events.id, id))
		.get();
	if (!row) return null;
	const [departmentRows, expertRows, roleRows, counts] = await Promise.all([
		db.select({ id: eventDepartments.departmentId }).from(eventDepartments).where(eq(eventDepartments.eventId, id)),
		db.select({ id: eventExperts.expertId }).from(eventExperts).where(eq(eventExperts.eventId, id)),
		db
			.select({ id: volunteerRoles.id, name: volunteerRoles.name, needed: volunteerRoles.needed, filled: sql<number>`count(${volunteerShifts.id})`.mapWith(Number) })
			.from(volunteerRoles)
			.leftJoin(volunteerShifts, eq(volunteerShifts.roleId, volunteerRoles.id))
			.where(eq(volunteerRoles.eventId, id))
			.groupBy(volunteerRoles.id)
			.orderBy(asc(volunteerRoles.sortOrder)),
		db.select({ registered: registeredCount, waitlisted: waitlistedCount }).from(registrations).where(eq(registrations.eventId, id)).get()
	]);
	const { e } = row;
	return {
		event: e,
		siteName: row.siteName,
		seriesName: row.seriesName,
		kindLabel: KIND_LABEL[e.kind],
		issueLabel: e.issueNumber ? dm.events.labels.issue(e.issueNumber) : null,
		when: formatSittingWhen(e.date, e.startTime),
		timeRange: formatTimeRange(e.startTime, e.endTime),
		departmentIds: departmentRows.map((d) => d.id),
		expertIds: expertRows.map((x) => x.id),
		roles: roleRows,
		registered: counts?.registered ?? 0,
		waitlisted: counts?.waitlisted ?? 0
	};
}
export type EventForOrganizer = NonNullable<Awaited<ReturnType<typeof findEventForOrganizer>>>;
