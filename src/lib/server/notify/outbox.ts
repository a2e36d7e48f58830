/**
 * The mail outbox. A message is a row written in the same transaction as the change that causes it,
 * so it is sent if and only if the change commits; the worker (worker.ts) delivers it later.
 */
import { and, count, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../db/client';
import { outboxMessages } from '../db/schema';
import { invalid } from '../errors';
import { newId } from '../ids';

export interface MailAttachment {
	filename: string;
	contentType: string;
	/** UTF-8 text (an .ics file, a CSV). */
	content: string;
}

export interface NewMail {
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

export const DEFAULT_MAIL_FROM = '义诊 Yizhen <no-reply@yizhen.local>';

/** The domain of the sender address, for Message-IDs: `<id@domain>`. */
export function mailDomain(from = process.env.MAIL_FROM || DEFAULT_MAIL_FROM): string {
	return /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'yizhen.local';
}

const address = z.string().trim().toLowerCase().email();

/** Queues a message in the caller's transaction; returns its id (the existing one for a repeated dedupeKey). */
export async function enqueueMail(db: DbOrTx, mail: NewMail, now = new Date()): Promise<string> {
	const to = address.safeParse(mail.to);
	if (!to.success) throw invalid(`邮箱地址“${mail.to}”格式不对`, 'email');
	const id = newId(16);
	const inserted = await db
		.insert(outboxMessages)
		.values({
			id,
			messageId: `<${id}@${mailDomain()}>`,
			kind: mail.kind,
			toAddress: to.data,
			toName: mail.toName ?? null,
			subject: mail.subject,
			textBody: mail.text,
			htmlBody: mail.html ?? null,
			attachments: mail.attachments ?? null,
			headers: mail.headers ?? null,
			dedupeKey: mail.dedupeKey ?? null,
			nextAttemptAt: now
		})
		.onConflictDoNothing({ target: outboxMessages.dedupeKey })
		.returning({ id: outboxMessages.id });
	if (inserted.length > 0) return id;
	const existing = await db.select({ id: outboxMessages.id }).from(outboxMessages).where(eq(outboxMessages.dedupeKey, mail.dedupeKey!)).get();
	return existing!.id;
}

/** Messages delivered to the local mailbox (no SMTP_URL), newest first: the admin reads them here. */
export async function listMailbox(db: DbOrTx, options: { limit?: number; to?: string } = {}) {
	return db
		.select()
		.from(outboxMessages)
		.where(
			and(
				eq(outboxMessages.status, 'sent'),
				eq(outboxMessages.deliveredVia, 'mailbox'),
				options.to ? eq(outboxMessages.toAddress, options.to.toLowerCase()) : undefined
			)
		)
		.orderBy(desc(outboxMessages.createdAt))
		.limit(options.limit ?? 100);
}

export async function listDeadLetters(db: DbOrTx) {
	return db.select().from(outboxMessages).where(eq(outboxMessages.status, 'dead')).orderBy(desc(outboxMessages.updatedAt)).limit(200);
}

/** An admin sends a dead message again: back to pending with a fresh set of attempts. */
export async function retryDeadLetter(db: DbOrTx, id: string, now = new Date()): Promise<boolean> {
	const result = await db
		.update(outboxMessages)
		.set({ status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null, leaseOwner: null, leaseUntil: null })
		.where(and(eq(outboxMessages.id, id), eq(outboxMessages.status, 'dead')));
	return result.rowsAffected > 0;
}

export async function outboxStats(db: DbOrTx): Promise<Record<'pending' | 'sending' | 'sent' | 'dead', number>> {
	const rows = await db.select({ status: outboxMessages.status, n: count() }).from(outboxMessages).groupBy(outboxMessages.status);
	const stats = { pending: 0, sending: 0, sent: 0, dead: 0 };
	for (const r of rows) stats[r.status] = r.n;
	return stats;
}

