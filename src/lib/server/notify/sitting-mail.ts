/**
 * Tells experts when one of their sittings changes: cancelled, moved, handed to a substitute, or
 * restored. Queued in the transaction of the change itself (sitting-actions.ts), so a message goes
 * out if and only if the change is saved. Each carries an iTIP calendar file (METHOD:REQUEST or
 * CANCEL, the feed's UID, its own SEQUENCE) so the expert's mail app updates the entry it added.
 *
 * An expert is written to at the addresses of their accounts; one without an account, at the contact
 * address on their record. What was queued comes back as a notice of who was told and who could not
 * be (with the phone the organizer calls instead). Residents who follow the expert or the center by
 * phone are texted beside this, in the same transaction (sms/follower-texts.ts).
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { formatSittingWhen, formatTimeRange } from '../../format/dates';
import { m } from '../../i18n';
import { siteToday } from '../clock';
import type { DbOrTx } from '../db/client';
import { experts, mailRecipients, memberships, sites, users } from '../db/schema';
import { sittingItem, type FeedItem } from '../feeds/items';
import { stampItems } from '../feeds/ledger';
import { renderCalendar, type Itip } from '../feeds/render';
import type { SittingView } from '../schedule/sittings';
import { publicOrigin } from '../public-url';
import { enqueueMail } from './outbox';
import { mailFromEnv } from './sender';
import { htmlMail } from './html';
import { mailSettingsUrl, wants } from './preferences';

export type SittingChangeKind = 'cancel' | 'substitute' | 'move' | 'restore' | 'quota';

/** Why an expert gets no mail about a change: no address anywhere, or they turned such mail off. */
export type UnreachableReason = 'no_address' | 'opted_out' | 'address_refused';

export interface ExpertMailTargets {
	expertId: string;
	name: string;
	title: string;
	phone: string | null;
	addresses: { email: string; name: string }[];
	/** Set exactly when `addresses` is empty. */
	unreachable: UnreachableReason | null;
}

async function isBlocked(db: DbOrTx, email: string): Promise<boolean> {
	const row = await db.select({ unsubscribedAt: mailRecipients.unsubscribedAt, bouncedAt: mailRecipients.bouncedAt }).from(mailRecipients).where(eq(mailRecipients.email, email.toLowerCase())).get();
	return row !== undefined && (row.unsubscribedAt !== null || row.bouncedAt !== null);
}

/**
 * Where mail about this expert's sittings goes: the accounts that sign in as them (usually one) that
 * still want it; with no account at all, the contact address on their record. An expert whose every
 * account turned the mail off is not written to at the contact address either: they said no.
 */
export async function expertMailTargets(db: DbOrTx, expertId: string): Promise<ExpertMailTargets | null> {
	const expert = await db
		.select({ name: experts.name, title: experts.title, contactEmail: experts.contactEmail, contactPhone: experts.contactPhone })
		.from(experts)
		.where(eq(experts.id, expertId))
		.get();
	if (!expert) return null;
	const accounts = await db
		.selectDistinct({ email: users.email, name: users.name, optOut: users.mailOptOut })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(eq(memberships.role, 'expert'), eq(memberships.expertId, expertId), eq(users.active, true)));
	const wanting = accounts.filter((r) => wants(r.optOut, 'sitting_changes')).map(({ email, name }) => ({ email, name }));
	// A contact address typed wrong is no address: the change itself must still save.
	const contact = z.email().safeParse(expert.contactEmail?.trim()).data ?? null;
	// An address that bounced or unsubscribed gets nothing from the outbox: counting it as told would hide a call to make.
	const refused = contact !== null && accounts.length === 0 && (await isBlocked(db, contact));
	const addresses = accounts.length > 0 ? wanting : contact && !refused ? [{ email: contact, name: expert.name }] : [];
	return {
		expertId,
		name: expert.name,
		title: expert.title,
		phone: expert.contactPhone?.trim() || null,
		addresses,
		unreachable: addresses.length > 0 ? null : accounts.length > 0 ? 'opted_out' : refused ? 'address_refused' : 'no_address'
	};
}

/** Who heard of one sitting change by mail, and whom the organizer must call. */
export interface SittingNotice {
	told: { expertId: string; name: string; title: string; emails: string[] }[];
	unreachable: { expertId: string; name: string; title: string; reason: UnreachableReason; phone: string | null }[];
	/** The sitting was already over: correcting the record tells nobody. */
	past: boolean;
}

function senderOf(from: string): { name: string; email: string } {
	const match = /^\s*(.*?)\s*<([^<>]+)>\s*$/.exec(from);
	return match ? { name: match[1] || match[2]!, email: match[2]! } : { name: from, email: from };
}

interface Letter {
	expertId: string;
	method: Itip['method'];
	subject: string;
	lead: string;
}

function lettersFor(kind: SittingChangeKind, before: SittingView, after: SittingView): Letter[] {
	const site = after.site.name;
	const whenAfter = `${formatSittingWhen(after.date, after.startTime, after.endTime)} ${formatTimeRange(after.startTime, after.endTime)}`;
	const whenBefore = `${formatSittingWhen(before.date, before.startTime, before.endTime)} ${formatTimeRange(before.startTime, before.endTime)}`;
	const t = m.mail;
	const letters: Letter[] = [];
	const handedOver = before.expert.id !== after.expert.id;
	switch (kind) {
		case 'cancel':
			letters.push({ expertId: after.expert.id, method: 'CANCEL', subject: t.sittingCancelledSubject(whenAfter, site), lead: t.sittingCancelled(whenAfter, site, after.reason) });
			break;
		case 'move':
			letters.push({ expertId: after.expert.id, method: 'REQUEST', subject: t.sittingMovedSubject(whenAfter, site), lead: t.sittingMoved(whenBefore, whenAfter, site) });
			break;
		case 'substitute':
			if (!handedOver) break;
			letters.push({
				expertId: after.expert.id,
				method: 'REQUEST',
				subject: t.sittingCoverSubject(whenAfter, site),
				lead: t.sittingCover(whenAfter, site, `${after.rosteredExpert.name} ${after.rosteredExpert.title}`)
			});
			letters.push({
				expertId: before.expert.id,
				method: 'CANCEL',
				subject: t.sittingHandedOverSubject(whenBefore, site),
				lead: t.sittingHandedOver(whenBefore, site, `${after.expert.name} ${after.expert.title}`)
			});
			break;
		case 'restore':
			letters.push({ expertId: after.expert.id, method: 'REQUEST', subject: t.sittingRestoredSubject(whenAfter, site), lead: t.sittingRestored(whenAfter, site) });
			if (handedOver) {
				letters.push({ expertId: before.expert.id, method: 'CANCEL', subject: t.sittingCancelledSubject(whenBefore, site), lead: t.sittingCancelled(whenBefore, site, null) });
			}
			break;
		case 'quota':
			// A quota change does not change whether or when anyone travels.
			break;
	}
	return letters;
}

/**
 * Queues the messages a change to one sitting calls for; returns who was told and who could not be,
 * or null when the change is not one anybody is told of (a quota, a substitute who already sits).
 */
export async function queueSittingChangeMail(
	tx: DbOrTx,
	kind: SittingChangeKind,
	before: SittingView,
	after: SittingView,
	now: Date = new Date()
): Promise<SittingNotice | null> {
	const letters = lettersFor(kind, before, after);
	if (letters.length === 0) return null;
	const notice: SittingNotice = { told: [], unreachable: [], past: false };
	// Correcting the record of a sitting already past sends nobody anywhere.
	const today = siteToday(after.site.timeZone);
	if (after.date < today && before.date < today) return { ...notice, past: true };
	const place = await tx.select({ name: sites.name, address: sites.address, timeZone: sites.timeZone }).from(sites).where(eq(sites.id, after.siteId)).get();
	if (!place) return null;
	const base = publicOrigin();
	const pageUrl = `${base}/centers/${after.siteId}?week=${after.date}`;
	const organizer = senderOf(mailFromEnv());
	for (const letter of letters) {
		const targets = await expertMailTargets(tx, letter.expertId);
		if (!targets) continue;
		const { expertId, name, title, phone } = targets;
		if (targets.unreachable) {
			notice.unreachable.push({ expertId, name, title, reason: targets.unreachable, phone });
			continue;
		}
		let item: FeedItem = sittingItem(after, place, { kind: 'expert', expertId: letter.expertId }, pageUrl);
		if (letter.method === 'CANCEL' && item.status !== 'CANCELLED') {
			item = { ...item, status: 'CANCELLED', summary: `${m.feed.cancelledSitting}${item.summary}` };
		}
		// The expert's mail app keeps its own copy of the entry: its SEQUENCE is counted apart from the feeds'.
		const [stamped] = await stampItems(tx, `mail:expert:${letter.expertId}`, [item], now);
		for (const to of targets.addresses) {
			const ics = renderCalendar([stamped!], { name: item.summary, timeZone: place.timeZone, itip: { method: letter.method, organizer, attendee: to } });
			const lines = [m.mail.greeting(to.name), letter.lead, m.mail.address(`${place.name}（${place.address}）`), m.mail.page(pageUrl), m.mail.calendarHint];
			await enqueueMail(
				tx,
				{
					kind: `sitting_${kind}`,
					to: to.email,
					toName: to.name,
					subject: letter.subject,
					text: `${lines.join('\n\n')}\n\n${m.mail.whyYouGetThis(mailSettingsUrl())}\n\n${m.mail.signature}`,
					html: htmlMail(lines, m.mail.whyYouGetThis(mailSettingsUrl())),
					attachments: [{ filename: letter.method === 'CANCEL' ? 'cancel.ics' : 'invite.ics', contentType: `text/calendar; charset=utf-8; method=${letter.method}`, content: ics }]
				},
				now
			);
		}
		notice.told.push({ expertId, name, title, emails: targets.addresses.map((a) => a.email) });
	}
	return notice;
}
