/**
 * Reading volunteer rosters: an event's roles with who fills them, a volunteer's own shifts and the
 * roles still open to them, and an organizer's overview of unfilled roles. Mappers return the
 * shapes pages render (dates already in Chinese), never raw rows.
 */
import { and, asc, eq, gte, inArray, lte, ne } from 'drizzle-orm';
import type { CalendarDate } from '../../calendar-date';
import { formatSittingWhen, formatTimeRange } from '../../format/dates';
import type { Actor } from '../auth/policy';
import { authorize, loadOrgTree, organizedOrgIds, type OrgTree } from '../auth/scope';
import type { DbOrTx } from '../db/client';
import { events, memberships, sites, users, volunteerRoles, volunteerShifts } from '../db/schema';
import { eventPhase, type EventPhase, type WallClock } from './event-phase';
import { comparePinyin } from '../../format/pinyin-order';

export interface Staffing {
	needed: number;
	filled: number;
	/** Places still to fill (0 when full or over). */
	unfilled: number;
	/** People beyond `needed` an organizer put in. */
	over: number;
}

/** Pure: how a role stands. */
export function staffing(needed: number, filled: number): Staffing {
	return { needed, filled, unfilled: Math.max(0, needed - filled), over: Math.max(0, filled - needed) };
}

export interface EventSummary {
	id: string;
	title: string;
	date: CalendarDate;
	/** 11月28日 周六 上午 */
	when: string;
	/** 08:30–11:30 */
	timeRange: string;
	siteName: string;
	address: string;
	cancelled: boolean;
	cancelReason: string | null;
	phase: EventPhase;
}

export interface RoleRoster extends Staffing {
	id: string;
	name: string;
	people: { shiftId: string; userId: string; name: string; byOrganizer: boolean }[];
}

const eventColumns = {
	id: events.id,
	title: events.title,
	date: events.date,
	startTime: events.startTime,
	endTime: events.endTime,
	status: events.status,
	cancelReason: events.cancelReason,
	organizationId: events.organizationId,
	siteName: sites.name,
	address: sites.address
};

type EventRow = { id: string; title: string; date: string; startTime: string; endTime: string; status: string; cancelReason: string | null; siteName: string; address: string | null };

function toEventSummary(row: EventRow, clock: WallClock): EventSummary {
	return {
		id: row.id,
		title: row.title,
		date: row.date,
		when: formatSittingWhen(row.date, row.startTime, row.endTime),
		timeRange: formatTimeRange(row.startTime, row.endTime),
		siteName: row.siteName,
		address: row.address ?? '',
		cancelled: row.status === 'cancelled',
		cancelReason: row.cancelReason,
		phase: eventPhase(row, clock)
	};
}

/** Each role of the given events, in the organizer's order, with who fills it. */
async function rostersOfEvents(db: DbOrTx, eventIds: string[]): Promise<Map<string, RoleRoster[]>> {
	const byEvent = new Map<string, RoleRoster[]>();
	if (eventIds.length === 0) return byEvent;
	const roles = await db
		.select()
		.from(volunteerRoles)
		.where(inArray(volunteerRoles.eventId, eventIds))
		.orderBy(asc(volunteerRoles.sortOrder), asc(volunteerRoles.name));
	const shifts = roles.length
		? await db
				.select({ id: volunteerShifts.id, roleId: volunteerShifts.roleId, userId: volunteerShifts.userId, source: volunteerShifts.source, name: users.name })
				.from(volunteerShifts)
				.innerJoin(users, eq(users.id, volunteerShifts.userId))
				.where(inArray(volunteerShifts.roleId, roles.map((r) => r.id)))
				.orderBy(asc(volunteerShifts.createdAt))
		: [];
	for (const role of roles) {
		const people = shifts
			.filter((s) => s.roleId === role.id)
			.map((s) => ({ shiftId: s.id, userId: s.userId, name: s.name, byOrganizer: s.source === 'organizer' }));
		const list = byEvent.get(role.eventId) ?? [];
		list.push({ id: role.id, name: role.name, ...staffing(role.needed, people.length), people });
		byEvent.set(role.eventId, list);
	}
	return byEvent;
}

/** An event's roles with needed, filled and who (no access check: callers have made one). */
export async function rolesOfEvent(db: DbOrTx, eventId: string): Promise<RoleRoster[]> {
	return (await rostersOfEvents(db, [eventId])).get(eventId) ?? [];
}

export interface EventVolunteerRoster {
	event: EventSummary;
	roles: RoleRoster[];
	totals: Staffing;
	/** Volunteers an organizer may assign, by name; `roleName` when they already serve at this event. */
	volunteers: { userId: string; name: string; roleName: string | null }[];
}

/** The organizer's roster page for one event. */
export async function eventVolunteerRoster(db: DbOrTx, actor: Actor, eventId: string, clock: WallClock): Promise<EventVolunteerRoster> {
	const scoped = await authorize(db, actor, 'volunteer:assign', 'event', eventId);
	const row = (await db.select(eventColumns).from(events).innerJoin(sites, eq(sites.id, events.siteId)).where(eq(events.id, eventId)).get())!;
	const roles = await rolesOfEvent(db, eventId);
	const serving = new Map(roles.flatMap((r) => r.people.map((p) => [p.userId, r.name] as const)));
	const candidates = await db
		.selectDistinct({ userId: users.id, name: users.name })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(eq(memberships.role, 'volunteer'), inArray(memberships.organizationId, [...scoped.orgPath]), eq(users.active, true)));
	const needed = roles.reduce((n, r) => n + r.needed, 0);
	return {
		event: toEventSummary(row, clock),
		roles,
		totals: { ...staffing(needed, roles.reduce((n, r) => n + r.filled, 0)), unfilled: roles.reduce((n, r) => n + r.unfilled, 0) },
		volunteers: candidates
			.map((c) => ({ ...c, roleName: serving.get(c.userId) ?? null }))
			.sort((a, b) => comparePinyin(a.name, b.name))
	};
}

/** Organizations below (and including) each of the given ones. */
function subtreesOf(tree: OrgTree, orgIds: readonly string[]): string[] {
	const all = new Set<string>();
	for (const id of orgIds) for (const member of tree.subtreeOf(id)) all.add(member);
	return [...all];
}

export interface MyShift {
	shiftId: string;
	roleName: string;
	byOrganizer: boolean;
	event: EventSummary;
	/** Until the event starts the volunteer may withdraw. */
	canWithdraw: boolean;
}

/** The actor's shifts at events from today on (cancelled events included, so they know not to come). */
export async function shiftsOfVolunteer(db: DbOrTx, actor: Actor, clock: WallClock): Promise<MyShift[]> {
	const rows = await db
		.select({ shiftId: volunteerShifts.id, source: volunteerShifts.source, roleName: volunteerRoles.name, ...eventColumns })
		.from(volunteerShifts)
		.innerJoin(volunteerRoles, eq(volunteerRoles.id, volunteerShifts.roleId))
		.innerJoin(events, eq(events.id, volunteerRoles.eventId))
		.innerJoin(sites, eq(sites.id, events.siteId))
		.where(and(eq(volunteerShifts.userId, actor.userId), gte(events.date, clock.date)))
		.orderBy(asc(events.date), asc(events.startTime));
	return rows.map((r) => {
		const event = toEventSummary(r, clock);
		return { shiftId: r.shiftId, roleName: r.roleName, byOrganizer: r.source === 'organizer', event, canWithdraw: event.phase === 'before' };
	});
}

export interface OpenEvent {
	event: EventSummary;
	roles: RoleRoster[];
}

/**
 * Roles with places left at upcoming, not cancelled events of the organizations the actor
 * volunteers for (and everything below them). Events where the actor already serves are left out:
 * one role per person per event.
 */
export async function openRolesForVolunteer(db: DbOrTx, actor: Actor, clock: WallClock): Promise<OpenEvent[]> {
	if (actor.volunteerOf.length === 0) return [];
	const orgIds = subtreesOf(await loadOrgTree(db), actor.volunteerOf);
	const rows = await db
		.select(eventColumns)
		.from(events)
		.innerJoin(sites, eq(sites.id, events.siteId))
		.where(and(inArray(events.organizationId, orgIds), ne(events.status, 'cancelled'), gte(events.date, clock.date)))
		.orderBy(asc(events.date), asc(events.startTime));
	const upcoming = rows.filter((r) => eventPhase(r, clock) === 'before');
	const rosters = await rostersOfEvents(db, upcoming.map((r) => r.id));
	const open: OpenEvent[] = [];
	for (const row of upcoming) {
		const roles = rosters.get(row.id) ?? [];
		if (roles.some((r) => r.people.some((p) => p.userId === actor.userId))) continue;
		const withPlaces = roles.filter((r) => r.unfilled > 0);
		if (withPlaces.length) open.push({ event: toEventSummary(row, clock), roles: withPlaces });
	}
	return open;
}

export interface UnfilledEvent {
	event: EventSummary;
	/** Only the roles with places left. */
	roles: RoleRoster[];
	unfilled: number;
}

/** The organizer's overview: events in the date range, in their organizations, with places still to fill. */
export async function unfilledRoles(
	db: DbOrTx,
	actor: Actor,
	range: { from: CalendarDate; to: CalendarDate },
	clock: WallClock
): Promise<UnfilledEvent[]> {
	const allowed = organizedOrgIds(actor, await loadOrgTree(db));
	if (allowed !== null && allowed.size === 0) return [];
	const conditions = [ne(events.status, 'cancelled'), gte(events.date, range.from), lte(events.date, range.to)];
	if (allowed !== null) conditions.push(inArray(events.organizationId, [...allowed]));
	const rows = await db
		.select(eventColumns)
		.from(events)
		.innerJoin(sites, eq(sites.id, events.siteId))
		.where(and(...conditions))
		.orderBy(asc(events.date), asc(events.startTime));
	const rosters = await rostersOfEvents(db, rows.map((r) => r.id));
	return rows.flatMap((row) => {
		const roles = (rosters.get(row.id) ?? []).filter((r) => r.unfilled > 0);
		return roles.length ? [{ event: toEventSummary(row, clock), roles, unfilled: roles.reduce((n, r) => n + r.unfilled, 0) }] : [];
	});
}
