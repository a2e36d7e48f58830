/**
 * The numbers of an event that reports add up: registered, attended, walk-ins, no-shows, waitlisted,
 * cancelled. A registered person who has not checked in is only a no-show once the event is over;
 * before that they are 待签到 (not yet arrived).
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '../auth/policy';
import { authorize } from '../auth/scope';
import type { DbOrTx } from '../db/client';
import { events, registrations, sites } from '../db/schema';
import { notFound } from '../errors';
import { formatSittingWhen, formatTimeRange } from '../../format/dates';
import { eventPhase, type EventPhase, type WallClock } from '../volunteers/event-phase';
import { dm } from '../../i18n/domain';

export interface AttendanceRow {
	status: 'registered' | 'waitlisted' | 'cancelled';
	walkIn: boolean;
	checkedIn: boolean;
}

export interface Attendance {
	phase: EventPhase;
	/** Places held by people who registered ahead (walk-ins not included). */
	registered: number;
	/** People who registered ahead (or waited) and checked in. */
	attended: number;
	/** People who came without registering and were added at the door. */
	walkIns: number;
	/** Registered, not checked in, and the event is over; null before it is over. */
	noShows: number | null;
	/** Registered, not checked in, while the event has not ended yet; null once it is over. */
	notYetArrived: number | null;
	/** Still on the waitlist (those who were let in at the door count in `attended`). */
	waitlisted: number;
	cancelled: number;
	/** 受益人次: everyone served, attended plus walk-ins. */
	served: number;
}

/** Pure: counts the rows of one event. */
export function countAttendance(rows: readonly AttendanceRow[], phase: EventPhase): Attendance {
	let registered = 0;
	let attended = 0;
	let walkIns = 0;
	let absent = 0;
	let waitlisted = 0;
	let cancelled = 0;
	for (const r of rows) {
		if (r.status === 'cancelled') {
			cancelled++;
			continue;
		}
		if (r.walkIn) {
			walkIns++;
			continue;
		}
		if (r.checkedIn) attended++;
		if (r.status === 'registered') {
			registered++;
			if (!r.checkedIn) absent++;
		} else if (!r.checkedIn) waitlisted++;
	}
	const over = phase === 'over';
	return {
		phase,
		registered,
		attended,
		walkIns,
		noShows: over ? absent : null,
		notYetArrived: over ? null : absent,
		waitlisted,
		cancelled,
		served: attended + walkIns
	};
}

/** The attendance numbers of one event as of the given clock. */
export async function eventAttendance(db: DbOrTx, eventId: string, clock: WallClock): Promise<Attendance> {
	const event = await db.select({ date: events.date, startTime: events.startTime, endTime: events.endTime }).from(events).where(eq(events.id, eventId)).get();
	if (!event) throw notFound(dm.attendance.errors.eventNotFound);
	const rows = await db
		.select({ status: registrations.status, walkIn: registrations.walkIn, checkedInAt: registrations.checkedInAt })
		.from(registrations)
		.where(eq(registrations.eventId, eventId));
	return countAttendance(
		rows.map((r) => ({ status: r.status, walkIn: r.walkIn, checkedIn: r.checkedInAt !== null })),
		eventPhase(event, clock)
	);
}

export interface EventAttendancePage {
	event: { id: string; title: string; when: string; timeRange: string; siteName: string; capacity: number | null; cancelled: boolean; cancelReason: string | null };
	attendance: Attendance;
}

/** The organizer's attendance page for one event. */
export async function eventAttendanceForOrganizer(db: DbOrTx, actor: Actor, eventId: string, clock: WallClock): Promise<EventAttendancePage> {
	await authorize(db, actor, 'event:edit', 'event', eventId);
	const row = (await db
		.select({
			id: events.id,
			title: events.title,
			date: events.date,
			startTime: events.startTime,
			endTime: events.endTime,
			capacity: events.capacity,
			status: events.status,
			cancelReason: events.cancelReason,
			siteName: sites.name
		})
		.from(events)
		.innerJoin(sites, eq(sites.id, events.siteId))
		.where(eq(events.id, eventId))
		.get())!;
	return {
		event: {
			id: row.id,
			title: row.title,
			when: formatSittingWhen(row.date, row.startTime, row.endTime),
			timeRange: formatTimeRange(row.startTime, row.endTime),
			siteName: row.siteName,
			capacity: row.capacity,
			cancelled: row.status === 'cancelled',
			cancelReason: row.cancelReason
		},
		attendance: await eventAttendance(db, eventId, clock)
	};
}
