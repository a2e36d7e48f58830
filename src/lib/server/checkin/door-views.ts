/**
 * What the door screen reads: the figures, the people whose phone ends in the digits typed, the
 * latest operations and the outcome of one. The writes are in checkin.ts; the access rule is the same
 * (`event:checkin` on the event, checked first) and is checked there, by assertKeepsDoor.
 */
import { and, desc, eq, like, ne, sql } from 'drizzle-orm';
import type { Actor } from '../auth/policy';
import type { DbOrTx } from '../db/client';
import { checkInOps, events, registrations, sites } from '../db/schema';
import { notFound } from '../errors';
import { maskPhone } from '../events/phone';
import { dm } from '../../i18n/domain';
import { assertKeepsDoor, closedReason, isAdmittable, maskName } from './checkin';

export interface Headcount {
	/** Everyone in: registered residents checked in plus walk-ins. */
	checkedIn: number;
	walkIns: number;
	/** Places held (registered), whether or not they have come. */
	registered: number;
	/** Registered but not here yet. */
	expected: number;
	waitlisted: number;
}

/** The door's figures, for an actor who keeps it. */
export async function headcount(db: DbOrTx, actor: Actor, eventId: string): Promise<Headcount> {
	await assertKeepsDoor(db, actor, eventId);
	return countAtDoor(db, eventId);
}

async function countAtDoor(db: DbOrTx, eventId: string): Promise<Headcount> {
	const [row] = await db
		.select({
			checkedIn: sql<number>`coalesce(sum(${registrations.checkedInAt} is not null), 0)`,
			walkIns: sql<number>`coalesce(sum(${registrations.walkIn}), 0)`,
			registered: sql<number>`coalesce(sum(${registrations.status} = 'registered'), 0)`,
			expected: sql<number>`coalesce(sum(${registrations.status} = 'registered' and ${registrations.checkedInAt} is null), 0)`,
			waitlisted: sql<number>`coalesce(sum(${registrations.status} = 'waitlisted'), 0)`
		})
		.from(registrations)
		.where(and(eq(registrations.eventId, eventId), ne(registrations.status, 'cancelled')));
	return {
		checkedIn: Number(row?.checkedIn ?? 0),
		walkIns: Number(row?.walkIns ?? 0),
		registered: Number(row?.registered ?? 0),
		expected: Number(row?.expected ?? 0),
		waitlisted: Number(row?.waitlisted ?? 0)
	};
}

export interface DoorMatch {
	id: string;
	name: string;
	phone: string;
	status: 'registered' | 'waitlisted';
	checkedIn: boolean;
}

/** Live registrations whose phone ends in `last4`, masked for the door screen, for an actor who keeps it. */
export async function searchByPhoneTail(db: DbOrTx, actor: Actor, eventId: string, last4: string): Promise<DoorMatch[]> {
	await assertKeepsDoor(db, actor, eventId);
	return matchesAtDoor(db, eventId, last4);
}

async function matchesAtDoor(db: DbOrTx, eventId: string, last4: string): Promise<DoorMatch[]> {
	if (!/^\d{4}$/.test(last4)) return [];
	const rows = await db
		.select()
		.from(registrations)
		.where(and(eq(registrations.eventId, eventId), ne(registrations.status, 'cancelled'), like(registrations.phone, `%${last4}`)))
		.limit(20);
	return rows
		.filter((r) => r.erasedAt === null && /^\d{11}$/.test(r.phone))
		.map((r) => ({ id: r.id, name: maskName(r.name), phone: maskPhone(r.phone), status: r.status as 'registered' | 'waitlisted', checkedIn: r.checkedInAt !== null }));
}

/** The latest operations at this event's door, newest first, for the screen's log. */
async function recentAtDoor(db: DbOrTx, eventId: string, limit = 8) {
	return db
		.select({ id: checkInOps.opId, outcome: checkInOps.outcome, message: checkInOps.message, receivedAt: checkInOps.receivedAt })
		.from(checkInOps)
		.where(eq(checkInOps.eventId, eventId))
		.orderBy(desc(checkInOps.receivedAt))
		.limit(limit);
}

/** The outcome of one operation at this event, for the page the volunteer is sent back to. */
async function opAtDoor(db: DbOrTx, eventId: string, id: string) {
	const op = await db.select().from(checkInOps).where(and(eq(checkInOps.eventId, eventId), eq(checkInOps.opId, id))).get();
	if (!op) return null;
	return { outcome: op.outcome, message: op.message, registrationId: op.registrationId, admittable: await isAdmittable(db, op.outcome, op.registrationId) };
}

/** Why the door does not take check-ins now (cancelled, not today), or null when it does: shown before anyone tries. */
export async function doorClosedReason(db: DbOrTx, actor: Actor, eventId: string, now = new Date()): Promise<string | null> {
	return (await openDoor(db, actor, eventId, now)).closed;
}

/**
 * The event whose door the actor keeps, with its site's name and why it is closed (null when open);
 * a 404 or 403 before anything else. The batch endpoint calls it before it reads the request body.
 */
export async function openDoor(db: DbOrTx, actor: Actor, eventId: string, now = new Date()) {
	await assertKeepsDoor(db, actor, eventId);
	const row = await db
		.select({ event: events, siteName: sites.name })
		.from(events)
		.innerJoin(sites, eq(sites.id, events.siteId))
		.where(eq(events.id, eventId))
		.get();
	if (!row) throw notFound(dm.checkin.errors.eventNotFound);
	return { ...row.event, siteName: row.siteName, closed: await closedReason(db, row.event, now, now) };
}

/** The live figures and the latest operations, for the door screen's refresh. */
export async function doorActivity(db: DbOrTx, actor: Actor, eventId: string) {
	await assertKeepsDoor(db, actor, eventId);
	return { count: await countAtDoor(db, eventId), recent: await recentAtDoor(db, eventId) };
}

/**
 * Everything the door screen shows, for an actor who keeps it: the event, the people whose phone ends
 * in `q` (when given), the outcome of operation `opId` (when given), the figures and the log.
 */
export async function doorScreen(db: DbOrTx, actor: Actor, eventId: string, query: { q: string; opId: string | null }, now = new Date()) {
	const event = await openDoor(db, actor, eventId, now);
	return {
		event,
		matches: query.q ? await matchesAtDoor(db, eventId, query.q) : null,
		last: query.opId ? await opAtDoor(db, eventId, query.opId) : null,
		count: await countAtDoor(db, eventId),
		recent: await recentAtDoor(db, eventId)
	};
}
