/**
 * Messages to residents who left an email when they registered: the confirmation (with the check-in
 * code), a place freed from the waitlist, and an event cancelled, moved or restored. Queued in the
 * transaction of the change, each with the event's calendar entry (same UID as the feeds) and a
 * one-click unsubscribe. Phone numbers are never messaged; no email, no message.
 */
import { and, asc, eq, inArray, isNotNull, isNull, ne } from 'drizzle-orm';
import { formatSittingWhen, formatTimeRange } from '../../format/dates';
import { m } from '../../i18n';
import type { Db, DbOrTx } from '../db/client';
import { newId } from '../ids';
import { events, experts, mailFanouts, registrations, sites } from '../db/schema';
import { eventItem, feedEventOf } from '../feeds/items';
import { stampItems } from '../feeds/ledger';
import { renderCalendar, type Itip } from '../feeds/render';
import { htmlMail } from './html';
import { publicOrigin } from '../public-url';
import { enqueueMail } from './outbox';
import { recipientFor, unsubscribeHeaders } from './recipients';
import { mailFromEnv } from './sender';

export type ResidentMailKind = 'registered' | 'promoted' | 'event_cancelled' | 'event_moved' | 'event_restored';

export interface ResidentMailExtra {
	/** Only known at registration: the manage link's token is stored as a hash. */
	manageToken?: string;
	waitlistPosition?: number | null;
	/** For a moved event: how it read before. */
	before?: string;
	/** Queue at most once under this key (fan-outs). */
	dedupeKey?: string;
}

function organizer(): { name: string; email: string } {
	const from = mailFromEnv();
	const match = /^\s*(.*?)\s*<([^<>]+)>\s*$/.exec(from);
	return match ? { name: match[1] || match[2]!, email: match[2]! } : { name: from, email: from };
}

export function describeEventTime(e: { date: string; startTime: string; endTime: string }): string {
	return `${formatSittingWhen(e.date, e.startTime)} ${formatTimeRange(e.startTime, e.endTime)}`;
}

/** Queues one message about one registration; false when there is nobody to write to. */
export async function queueResidentMail(tx: DbOrTx, registrationId: string, kind: ResidentMailKind, extra: ResidentMailExtra = {}, now = new Date()): Promise<boolean> {
	const row = await tx
		.select({ r: registrations, e: events, site: { name: sites.name, address: sites.address, timeZone: sites.timeZone } })
		.from(registrations)
		.innerJoin(events, eq(events.id, registrations.eventId))
		.innerJoin(sites, eq(sites.id, events.siteId))
		.where(eq(registrations.id, registrationId))
		.get();
	if (!row?.r.email || row.r.erasedAt) return false;
	const recipient = await recipientFor(tx, row.r.email);
	if (recipient.blocked) return false;
	const { r, e, site } = row;
	const t = m.mail;
	const base = publicOrigin();
	const pageUrl = `${base}/events/${e.id}`;
	const place = `${site.name}（${site.address}）`;

	let subject: string;
	let lead: string;
	let method: Itip['method'] = 'REQUEST';
	switch (kind) {
		case 'registered':
			if (r.status === 'waitlisted') {
				subject = t.waitlistedSubject(e.title);
				lead = t.waitlisted(extra.waitlistPosition ?? 1);
			} else {
				subject = t.registeredSubject(e.title);
				lead = t.registered(r.checkInCode);
			}
			break;
		case 'promoted':
			subject = t.promotedSubject(e.title);
			lead = t.promoted(r.checkInCode);
			break;
		case 'event_cancelled':
			subject = t.eventCancelledSubject(e.title);
			lead = t.eventCancelled(e.cancelReason ?? m.events.cancelled);
			method = 'CANCEL';
			break;
		case 'event_moved':
			subject = t.eventMovedSubject(e.title);
			lead = t.eventMoved(extra.before ?? '');
			break;
		case 'event_restored':
			subject = t.eventRestoredSubject(e.title);
			lead = r.status === 'waitlisted' ? t.eventRestoredWaitlisted : t.eventRestored(r.checkInCode);
			break;
	}
	const unsubscribeUrl = `${base}/unsubscribe/${recipient.unsubscribeToken}`;
	const lines = [
		t.residentGreeting(r.name),
		lead,
		t.eventLine(e.title, describeEventTime(e), place),
		extra.manageToken ? t.manage(`${base}/r/${extra.manageToken}`) : t.eventPage(pageUrl)
	];
	const footer = `${t.residentWhy}\n${t.unsubscribe(unsubscribeUrl)}`;

	const speaker = e.speakerExpertId ? ((await tx.select({ name: experts.name, title: experts.title }).from(experts).where(eq(experts.id, e.speakerExpertId)).get()) ?? null) : null;
	const feedEvent = feedEventOf(e, speaker);
	const item = eventItem(feedEvent, { name: site.name, address: site.address, timeZone: site.timeZone }, { kind: 'registration', status: r.status, checkInCode: r.checkInCode }, pageUrl);
	const [stamped] = await stampItems(tx, `mail:registration:${r.id}`, [item], now);
	const ics = renderCalendar([stamped!], { name: item.summary, timeZone: site.timeZone, itip: { method, organizer: organizer(), attendee: { name: r.name, email: recipient.email } } });

	await enqueueMail(
		tx,
		{
			kind: `resident_${kind}`,
			to: recipient.email,
			toName: r.name,
			subject,
			text: `${lines.join('\n\n')}\n\n${footer}\n\n${t.signature}`,
			html: htmlMail(lines, footer),
			attachments: [{ filename: method === 'CANCEL' ? 'cancel.ics' : 'event.ics', contentType: `text/calendar; charset=utf-8; method=${method}`, content: ics }],
			headers: unsubscribeHeaders(recipient),
			dedupeKey: extra.dedupeKey ?? null
		},
		now
	);
	return true;
}

/**
 * Everyone still holding a place or waiting, who gave an email, is told when the event is cancelled,
 * moved or restored. In the change's transaction only one row is written (however many people registered);
 * expandFanouts writes the messages afterwards.
 */
export async function queueEventChangeMail(tx: DbOrTx, eventId: string, kind: 'event_cancelled' | 'event_moved' | 'event_restored', extra: ResidentMailExtra = {}, now = new Date()): Promise<void> {
	await tx.insert(mailFanouts).values({ id: newId(16), kind, eventId, before: extra.before ?? null, createdAt: now });
}

const FANOUT_CHUNK = 50;

/** Writes out pending fan-outs, 50 people per transaction so registrations are never held up long. */
export async function expandFanouts(db: Db, now = new Date()): Promise<number> {
	const pending = await db.select().from(mailFanouts).where(isNull(mailFanouts.doneAt)).orderBy(asc(mailFanouts.createdAt)).limit(10);
	let queued = 0;
	for (const fanout of pending) {
		const people = await db
			.select({ id: registrations.id })
			.from(registrations)
			.where(and(eq(registrations.eventId, fanout.eventId), ne(registrations.status, 'cancelled'), isNotNull(registrations.email)));
		for (let i = 0; i < people.length; i += FANOUT_CHUNK) {
			await db.transaction(async (tx) => {
				for (const p of people.slice(i, i + FANOUT_CHUNK)) {
					if (await queueResidentMail(tx, p.id, fanout.kind, { before: fanout.before ?? undefined, dedupeKey: `${fanout.id}:${p.id}` }, now)) queued++;
				}
			});
		}
		await db.update(mailFanouts).set({ doneAt: now }).where(eq(mailFanouts.id, fanout.id));
	}
	return queued;
}

/** For promotions done several at once (a larger capacity). */
export async function queuePromotionMail(tx: DbOrTx, registrationIds: string[], now = new Date()): Promise<void> {
	if (registrationIds.length === 0) return;
	const withEmail = await tx.select({ id: registrations.id }).from(registrations).where(and(inArray(registrations.id, registrationIds), isNotNull(registrations.email)));
	for (const r of withEmail) await queueResidentMail(tx, r.id, 'promoted', {}, now);
}
