/**
 * The mail outbox. A message is a row written in the same transaction as the change that causes it,
 * so it is sent if and only if the change commits; the worker (worker.ts) delivers it afterwards.
 * Without SMTP_URL the worker delivers to the local mailbox, which an admin reads in the console.
 *
 * The console goes through `mailboxFor` and `retryMessage`, which take the signed-in actor and check
 * `outbox:view` first. `listMailbox`, `listDeadLetters`, `retryDeadLetter` and `outboxStats` check
 * nothing: they are for the worker, tests and scripts, never for a route.
 */
import { and, count, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { m } from '../../i18n';
import { assertCan, Forbidden, type Actor } from '../auth/policy';
import type { Db, DbOrTx } from '../db/client';
import { OUTBOX_STATUSES, outboxMessages } from '../db/schema';
import { invalid } from '../errors';
import { newId } from '../ids';
import { mailDomain } from './sender';
import { dm } from '../../i18n/domain';

export type OutboxMessage = typeof outboxMessages.$inferSelect;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface MailAttachment {
	filename: string;
	contentType: string;
	/** UTF-8 text (an .ics file, a CSV). */
	content: string;
}

export interface NewMail {
	/** What kind of message this is (invite, password_reset, sitting_cancelled …). */
	kind: string;
	to: string;
	toName?: string | null;
	subject: string;
	text: string;
	html?: string | null;
	attachments?: MailAttachment[];
	headers?: Record<string, string>;
	/** Enqueuing twice with the same key queues one message (e.g. `reminder:<event>:<registration>`). */
	dedupeKey?: string | null;
}

// The same rule as the invitation form, so an address a form accepts is never refused here.
const address = z.string().trim().toLowerCase().pipe(z.email());

/**
 * Queues a message in the caller's transaction and returns its id; for a dedupeKey already queued,
 * queues nothing and returns the id of the message queued before.
 */
export async function enqueueMail(db: DbOrTx, mail: NewMail, now = new Date()): Promise<string> {
	const to = address.safeParse(mail.to);
	if (!to.success) throw invalid(dm.notify.errors.badEmail(mail.to), 'email');
	const id = newId(16);
	const inserted = await db
		.insert(outboxMessages)
		.values({
			id,
			// Fixed now, never at send time: every retry of this message carries the same Message-ID.
			messageId: `<${id}@${mailDomain()}>`,
			kind: mail.kind,
			toAddress: to.data,
			toName: mail.toName?.trim() || null,
			subject: mail.subject,
			textBody: mail.text,
			htmlBody: mail.html ?? null,
			attachments: mail.attachments?.length ? mail.attachments : null,
			headers: mail.headers && Object.keys(mail.headers).length > 0 ? mail.headers : null,
			dedupeKey: mail.dedupeKey || null,
			status: 'pending',
			nextAttemptAt: now,
			createdAt: now
		})
		.onConflictDoNothing({ target: outboxMessages.dedupeKey })
		.returning({ id: outboxMessages.id });
	if (inserted.length > 0) return id;
	// Only the dedupe key's conflict is ignored (any other one throws), so a row with this key exists.
	const existing = await db
		.select({ id: outboxMessages.id })
		.from(outboxMessages)
		.where(eq(outboxMessages.dedupeKey, mail.dedupeKey ?? ''))
		.get();
	if (!existing) throw new Error(`outbox: nothing was queued and no message has dedupe key ${String(mail.dedupeKey)}`);
	return existing.id;
}

/** Messages delivered to the local mailbox (no SMTP_URL), newest first. Internal: checks no access. */
export async function listMailbox(db: DbOrTx, options: { limit?: number; to?: string } = {}): Promise<OutboxMessage[]> {
	return db
		.select()
		.from(outboxMessages)
		.where(
			and(
				eq(outboxMessages.status, 'sent'),
				eq(outboxMessages.deliveredVia, 'mailbox'),
				options.to ? eq(outboxMessages.toAddress, options.to.trim().toLowerCase()) : undefined
			)
		)
		// rowid breaks ties between messages queued in the same millisecond by insertion order.
		.orderBy(desc(outboxMessages.createdAt), desc(sql`rowid`))
		.limit(options.limit ?? 100);
}

/** Messages the worker gave up on, most recently failed first. Internal: checks no access. */
export async function listDeadLetters(db: DbOrTx, options: { limit?: number } = {}): Promise<OutboxMessage[]> {
	return db
		.select()
		.from(outboxMessages)
		.where(eq(outboxMessages.status, 'dead'))
		.orderBy(desc(outboxMessages.updatedAt), desc(sql`rowid`))
		.limit(options.limit ?? 200);
}

/** A dead message back to pending, due now, with a fresh set of attempts. Internal: checks no access. */
export async function retryDeadLetter(db: DbOrTx, id: string, now = new Date()): Promise<boolean> {
	const result = await db
		.update(outboxMessages)
		.set({ status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null, leaseOwner: null, leaseUntil: null })
		.where(and(eq(outboxMessages.id, id), eq(outboxMessages.status, 'dead')));
	return result.rowsAffected > 0;
}

export async function outboxStats(db: DbOrTx): Promise<Record<OutboxStatus, number>> {
	const rows = await db.select({ status: outboxMessages.status, n: count() }).from(outboxMessages).groupBy(outboxMessages.status);
	const stats: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, dead: 0 };
	for (const r of rows) stats[r.status] = r.n;
	return stats;
}

/** Only an admin reads other people's mail; the page says so in its own words. */
function assertCanViewOutbox(actor: Actor): void {
	try {
		assertCan(actor, 'outbox:view');
	} catch (e) {
		if (e instanceof Forbidden) throw new Forbidden(m.console.mailbox.adminOnly);
		throw e;
	}
}

/** The console's mailbox page, for an admin: the local mailbox, the dead letters and the counts. */
export async function mailboxFor(db: DbOrTx, actor: Actor, options: { limit?: number } = {}) {
	assertCanViewOutbox(actor);
	const [mailbox, dead, stats] = await Promise.all([listMailbox(db, { limit: options.limit ?? 50 }), listDeadLetters(db), outboxStats(db)]);
	return { mailbox, dead, stats };
}

/**
 * An admin sends a dead message again; anyone else gets a 403 whatever id they send. False when the
 * id is not a dead message: a second click on 重发 finds it already pending, which is no error.
 */
export async function retryMessage(db: Db, actor: Actor, id: string, now = new Date()): Promise<boolean> {
	return db.transaction(async (tx) => {
		assertCanViewOutbox(actor);
		return retryDeadLetter(tx, id, now);
	});
}
