/**
 * Cancelling an event and taking the cancellation back. A cancellation deletes nothing (registrations
 * stay, for the record and for telling people), so until the event starts it can be restored exactly
 * as it was; both tell everyone registered or waiting, by mail and SMS.
 */
import { and, count, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { CalendarDate } from '../../calendar-date';
import { formatClockTime, formatSittingWhen } from '../../format/dates';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/policy';
import { authorize } from '../auth/scope';
import { siteToday } from '../clock';
import type { Db, DbOrTx } from '../db/client';
import { auditLog, events, registrations, sites } from '../db/schema';
import { conflict, notFound } from '../errors';
import { queueEventChangeMail } from '../notify/resident-mail';
import { queueEventChangeSms } from '../sms/registrant-sms';
import { parseOrThrow } from '../validation';
import { singleLineText } from '../text/single-line';
import { eventPhase } from '../volunteers/event-phase';
import { dm } from '../../i18n/domain';

export const CancelEventInput = z.object({
	reason: singleLineText(dm.events.fields.cancelReason).min(2, dm.events.fields.cancelReasonRequired).max(200, dm.events.fields.cancelReasonMax)
});

/** Cancels an event with the reason residents will read. Registrations stay, for the record and for telling people. */
export async function cancelEvent(db: Db, actor: Actor, id: string, input: { reason: string }, now = new Date()): Promise<void> {
	await db.transaction(async (tx) => {
		await authorize(tx, actor, 'event:edit', 'event', id);
		const { reason } = parseOrThrow(CancelEventInput, input);
		const current = await tx.select().from(events).where(eq(events.id, id)).get();
		if (!current) throw notFound(dm.events.errors.eventNotFound);
		if (current.status === 'cancelled') throw conflict(dm.events.errors.alreadyCancelled(current.cancelReason ?? dm.events.labels.notGiven), 'reason');
		await tx
			.update(events)
			.set({ status: 'cancelled', cancelReason: reason, version: current.version + 1, sequence: current.sequence + 1 })
			.where(eq(events.id, id));
		await recordAudit(
			tx,
			actor,
			{
				action: 'event.cancel',
				objectKind: 'event',
				objectId: id,
				organizationId: current.organizationId,
				before: { status: current.status },
				after: { status: 'cancelled', cancelReason: reason },
				summary: dm.events.audit.eventCancelled(reason)
			},
			now
		);
		await queueEventChangeMail(tx, id, 'event_cancelled', {}, now);
		await queueEventChangeSms(tx, id, 'event_cancelled', now);
	});
}

/**
 * Whether a cancelled event may still be put back: until it starts, on its site's clock. After that the
 * people told to stay home have stayed home, and a new date is a copy (复制到新日期), not a restoration.
 */
function mayRestoreAt(event: { date: CalendarDate; startTime: string; endTime: string }, timeZone: string, now: Date): boolean {
	return eventPhase(event, { date: siteToday(timeZone, now), time: formatClockTime(now, timeZone) }) === 'before';
}

/** The event and its site's time zone: whether it has started is read on the site's clock. */
function eventWithTimeZone(db: DbOrTx, eventId: string) {
	return db.select({ e: events, timeZone: sites.timeZone }).from(events).innerJoin(sites, eq(sites.id, events.siteId)).where(eq(events.id, eventId)).get();
}

/** A cancelled event's way back, for its console page: until when, and the cancellation it undoes. Null for an event that is not cancelled. */
export interface EventRestoreOffer {
	/** False once the event has started: the page says why instead of offering the button. */
	open: boolean;
	/** 11月30日 周六 上午 08:30, when the chance ends. */
	until: string;
	/** The audit entry of the cancellation (its line in the trail carries the button too); null for one cancelled without a record. */
	cancelEntryId: string | null;
}

/** Reads only: the caller has checked `event:edit` (organizer-events.ts eventForEditing). */
export async function eventRestoreOffer(db: DbOrTx, eventId: string, now: Date): Promise<EventRestoreOffer | null> {
	const found = await eventWithTimeZone(db, eventId);
	if (!found || found.e.status !== 'cancelled') return null;
	const entry = await db
		.select({ id: auditLog.id })
		.from(auditLog)
		.where(and(eq(auditLog.objectKind, 'event'), eq(auditLog.objectId, eventId), eq(auditLog.action, 'event.cancel')))
		.orderBy(desc(auditLog.at))
		.limit(1)
		.get();
	return { open: mayRestoreAt(found.e, found.timeZone, now), until: `${formatSittingWhen(found.e.date, found.e.startTime)} ${found.e.startTime}`, cancelEntryId: entry?.id ?? null };
}

/**
 * Takes a cancellation back, until the event starts (on its site's clock). Cancelling deleted nothing,
 * so the registrations stand as they were: whoever held a place holds it, whoever waited still waits.
 * Version and the calendar's SEQUENCE move on (feeds and mailed calendar entries show it again), and
 * everyone who was told of the cancellation, by mail and SMS, is told the event is back on. Refused
 * once the event has started, and for an event that is not cancelled (a second click, another tab).
 */
export async function restoreEvent(db: Db, actor: Actor, id: string, now = new Date()): Promise<void> {
	await db.transaction(async (tx) => {
		await authorize(tx, actor, 'event:edit', 'event', id);
		const found = await eventWithTimeZone(tx, id);
		if (!found) throw notFound(dm.events.errors.eventNotFound);
		const current = found.e;
		if (current.status !== 'cancelled') throw conflict(dm.events.errors.notCancelled);
		if (!mayRestoreAt(current, found.timeZone, now)) {
			throw conflict(dm.events.errors.tooLateToRestore(formatSittingWhen(current.date, current.startTime), current.startTime));
		}
		const result = await tx
			.update(events)
			.set({ status: 'scheduled', cancelReason: null, version: current.version + 1, sequence: current.sequence + 1 })
			.where(and(eq(events.id, id), eq(events.status, 'cancelled'), eq(events.version, current.version)));
		if (result.rowsAffected === 0) throw conflict(dm.events.errors.stale);
		const [counts] = await tx.select({ n: count() }).from(registrations).where(and(eq(registrations.eventId, id), inArray(registrations.status, ['registered', 'waitlisted'])));
		await recordAudit(
			tx,
			actor,
			{
				action: 'event.restore',
				objectKind: 'event',
				objectId: id,
				organizationId: current.organizationId,
				before: { status: 'cancelled', cancelReason: current.cancelReason },
				after: { status: 'scheduled', cancelReason: null },
				summary: dm.events.audit.eventRestored(current.cancelReason ?? dm.events.labels.notGiven, counts?.n ?? 0)
			},
			now
		);
		await queueEventChangeMail(tx, id, 'event_restored', {}, now);
		await queueEventChangeSms(tx, id, 'event_restored', now);
	});
}
