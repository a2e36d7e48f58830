/**
 * Tells experts when one of their sittings changes: cancelled, moved, handed to a substitute, or
 * restored. Queued in the transaction of the change itself (sitting-actions.ts), so a message goes
 * out if and only if the change is saved. Each carries an iTIP calendar file (METHOD:REQUEST or
 * CANCEL, the feed's UID, its own SEQUENCE) so the expert's mail app updates the entry it added.
 */
import { and, eq } from 'drizzle-orm';
import { formatSittingWhen, formatTimeRange } from '../../format/dates';
import { m } from '../../i18n';
import { siteToday } from '../clock';
import type { DbOrTx } from '../db/client';
import { memberships, sites, users } from '../db/schema';
import { sittingItem, type FeedItem } from '../feeds/items';
import { stampItems } from '../feeds/ledger';
import { renderCalendar, type Itip } from '../feeds/render';
import type { SittingView } from '../schedule/sittings';
import { publicOrigin } from '../public-url';
import { enqueueMail } from './outbox';
import { mailFromEnv } from './sender';
import { htmlMail } from './html';
import { wants } from './preferences';

export type SittingChangeKind = 'cancel' | 'substitute' | 'move' | 'restore' | 'quota';

/** The addresses of the accounts that sign in as this expert (usually one). */
export async function expertAddresses(db: DbOrTx, expertId: string): Promise<{ email: string; name: string }[]> {
	const rows = await db
		.selectDistinct({ email: users.email, name: users.name, optOut: users.mailOptOut })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(eq(memberships.role, 'expert'), eq(memberships.expertId, expertId), eq(users.active, true)));
	return rows.filter((r) => wants(r.optOut, 'sitting_changes')).map(({ email, name }) => ({ email, name }));
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

/** Queues the messages a change to one sitting calls for; returns how many were queued. */
export async function queueSittingChangeMail(
	tx: DbOrTx,
	kind: SittingChangeKind,
	before: SittingView,
	after: SittingView,
	now: Date = new Date()
): Promise<number> {
	const letters = lettersFor(kind, before, after);
	if (letters.length === 0) return 0;
	// Correcting the record of a sitting already past sends nobody anywhere.
	const today = siteToday(after.site.timeZone);
	if (after.date < today && before.date < today) return 0;
	const place = await tx.select({ name: sites.name, address: sites.address, timeZone: sites.timeZone }).from(sites).where(eq(sites.id, after.siteId)).get();
	if (!place) return 0;
	const base = publicOrigin();
	const pageUrl = `${base}/centers/${after.siteId}?week=${after.date}`;
	const organizer = senderOf(mailFromEnv());
	let queued = 0;
	for (const letter of letters) {
		const recipients = await expertAddresses(tx, letter.expertId);
		if (recipients.length === 0) continue;
		let item: FeedItem = sittingItem(after, place, { kind: 'expert', expertId: letter.expertId }, pageUrl);
		if (letter.method === 'CANCEL' && item.status !== 'CANCELLED') {
			item = { ...item, status: 'CANCELLED', summary: `${m.feed.cancelledSitting}${item.summary}` };
		}
		// The expert's mail app keeps its own copy of the entry: its SEQUENCE is counted apart from the feeds'.
		const [stamped] = await stampItems(tx, `mail:expert:${letter.expertId}`, [item], now);
		for (const to of recipients) {
			const ics = renderCalendar([stamped!], { name: item.summary, timeZone: place.timeZone, itip: { method: letter.method, organizer, attendee: to } });
			const lines = [m.mail.greeting(to.name), letter.lead, m.mail.address(`${place.name}（${place.address}）`), m.mail.page(pageUrl), m.mail.calendarHint];
			await enqueueMail(
				tx,
				{
					kind: `sitting_${kind}`,
					to: to.email,
					toName: to.name,
					subject: letter.subject,
					text: `${lines.join('\n\n')}\n\n${m.mail.whyYouGetThis}\n\n${m.mail.signature}`,
					html: htmlMail(lines, m.mail.whyYouGetThis),
					attachments: [{ filename: letter.method === 'CANCEL' ? 'cancel.ics' : 'invite.ics', contentType: `text/calendar; charset=utf-8; method=${letter.method}`, content: ics }]
				},
				now
			);
			queued++;
		}
	}
	return queued;
}
