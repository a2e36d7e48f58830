/**
 * Texts to residents who registered for a free clinic or lecture, to the phone they registered with,
 * at the moments mail is sent (notify/resident-mail.ts, notify/reminders.ts): the registration
 * confirmed (or waiting), a place from the waitlist, the event cancelled or moved, the day before.
 * Each is queued in the transaction of its cause, under a dedupe key naming the cause and the
 * registration, so a retried change texts nobody twice.
 *
 * Nobody is texted whose registration is cancelled or erased, or who chose 不再接收短信 on the manage
 * page. Every text carries the event's organization, which pays for it (the console's monthly count).
 */
import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import { todayIn } from '../../calendar-date';
import { formatMonthDay, slotOf, weekdayName } from '../../format/dates';
import type { DbOrTx } from '../db/client';
import { events, registrations, sites } from '../db/schema';
import { fitParam } from './kinds';
import { enqueueSms, enqueueSmsMany, type NewSms } from './outbox';

interface EventWhen {
	date: string;
	startTime: string;
	endTime: string;
}

/** 12月12日周六上午: the day a resident plans by, as the site's pages write it. */
export function smsDay(e: EventWhen): string {
	return fitParam(`${formatMonthDay(e.date)}${weekdayName(e.date)}${slotOf(e.startTime, e.endTime)}`);
}

/** 12月12日08:30: a move may keep the half-day and change the hour, so the hour itself. */
export function smsDateTime(e: EventWhen): string {
	return fitParam(`${formatMonthDay(e.date)}${e.startTime}`);
}

/** The registration's own row only when it may be texted at all. */
const textable = and(isNull(registrations.erasedAt), isNull(registrations.smsOptOutAt));

/**
 * The confirmation of a registration just made (or taken back), with the manage link's token, which is
 * only known now. A waiting registration is told it waits. False when nothing was queued.
 */
export async function queueRegistrationSms(tx: DbOrTx, registrationId: string, manageToken: string, now = new Date()): Promise<boolean> {
	const row = await tx
		.select({ r: registrations, e: events })
		.from(registrations)
		.innerJoin(events, eq(events.id, registrations.eventId))
		.where(and(eq(registrations.id, registrationId), ne(registrations.status, 'cancelled'), textable))
		.get();
	if (!row) return false;
	await queueConfirmationSms(tx, row.r, row.e, manageToken, now);
	return true;
}

/**
 * The same for a registration the caller has just written and holds in hand, with its event: the
 * registration rush's path, where every query inside the one write transaction delays everyone queued
 * behind it.
 */
export async function queueConfirmationSms(
	tx: DbOrTx,
	r: { id: string; phone: string; status: 'registered' | 'waitlisted' | 'cancelled'; createdAt: Date },
	e: EventWhen & { title: string; organizationId: string },
	manageToken: string,
	now = new Date()
): Promise<void> {
	const message = confirmationSms(r, e, manageToken);
	if (message) await enqueueSms(tx, message, now);
}

/** The confirmation text itself, for callers that queue many at once (enqueueSmsMany); null for a cancelled registration. */
export function confirmationSms(
	r: { id: string; phone: string; status: 'registered' | 'waitlisted' | 'cancelled'; createdAt: Date },
	e: EventWhen & { title: string; organizationId: string },
	manageToken: string
): NewSms | null {
	if (r.status === 'cancelled') return null;
	const kind = r.status === 'waitlisted' ? 'waitlist_joined' : 'registration_confirmed';
	return {
		kind,
		phone: r.phone,
		params: { event: fitParam(e.title), time: smsDay(e), token: manageToken },
		// createdAt is reset when a cancelled registration is taken back: that is a new confirmation.
		dedupeKey: `${kind}:${r.id}:${r.createdAt.getTime()}`,
		organizationId: e.organizationId
	};
}

/** A place from the waitlist, for registrations promoted in the caller's transaction. Returns how many were queued. */
export async function queuePromotionSms(tx: DbOrTx, registrationIds: string[], now = new Date()): Promise<number> {
	if (registrationIds.length === 0) return 0;
	const rows = await tx
		.select({ r: registrations, e: events })
		.from(registrations)
		.innerJoin(events, eq(events.id, registrations.eventId))
		.where(and(inArray(registrations.id, registrationIds), eq(registrations.status, 'registered'), textable));
	for (const { r, e } of rows) {
		await enqueueSms(
			tx,
			{
				kind: 'waitlist_promoted',
				phone: r.phone,
				params: { event: fitParam(e.title), time: smsDay(e) },
				dedupeKey: `waitlist_promoted:${r.id}:${(r.promotedAt ?? now).getTime()}`,
				organizationId: e.organizationId
			},
			now
		);
	}
	return rows.length;
}

async function eventWithSite(tx: DbOrTx, eventId: string) {
	return tx
		.select({ e: events, site: { name: sites.name, timeZone: sites.timeZone } })
		.from(events)
		.innerJoin(sites, eq(sites.id, events.siteId))
		.where(eq(events.id, eventId))
		.get();
}

/**
 * Everyone holding a place or waiting is told, in the change's transaction, that the event was
 * cancelled, moved or restored (call it after the event row is written: the key names the event's new
 * `sequence`, so a second change is a second text and a retried one is not). A cancellation or a
 * restoration of something happening today is urgent, sent in quiet hours too; one of an event already
 * past tells nobody anything. Returns how many texts were queued.
 */
export async function queueEventChangeSms(tx: DbOrTx, eventId: string, change: 'event_cancelled' | 'event_moved' | 'event_restored', now = new Date()): Promise<number> {
	const found = await eventWithSite(tx, eventId);
	if (!found) return 0;
	const { e, site } = found;
	const today = todayIn(site.timeZone, now);
	if (e.date < today) return 0;
	const people = await tx
		.select({ id: registrations.id, phone: registrations.phone })
		.from(registrations)
		.where(and(eq(registrations.eventId, eventId), ne(registrations.status, 'cancelled'), textable));
	const event = fitParam(e.title);
	await enqueueSmsMany(
		tx,
		people.map((p) => {
			const dedupeKey = `${change}:${e.id}:${e.sequence}:${p.id}`;
			return change === 'event_moved'
				? { kind: change, phone: p.phone, params: { event, time: smsDateTime(e), place: fitParam(site.name) }, dedupeKey, organizationId: e.organizationId }
				: { kind: change, phone: p.phone, params: { event, time: smsDay(e) }, dedupeKey, organizationId: e.organizationId, urgent: e.date === today };
		}),
		now
	);
	return people.length;
}

/**
 * The day-before reminder to everyone holding a place, in the reminder run's transaction. The text
 * names the date, so it stays true if quiet hours hold it to the morning. Returns how many were queued.
 */
export async function queueReminderSms(tx: DbOrTx, eventId: string, now = new Date()): Promise<number> {
	const found = await eventWithSite(tx, eventId);
	if (!found || found.e.status !== 'scheduled') return 0;
	const { e, site } = found;
	const people = await tx
		.select({ id: registrations.id, phone: registrations.phone })
		.from(registrations)
		.where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'registered'), textable));
	await enqueueSmsMany(
		tx,
		people.map((p) => ({
			kind: 'event_reminder' as const,
			phone: p.phone,
			params: { event: fitParam(e.title), time: smsDateTime(e), place: fitParam(site.name) },
			dedupeKey: `event_reminder:${p.id}:${e.date}`,
			organizationId: e.organizationId
		})),
		now
	);
	return people.length;
}
