/** The mail outbox, the addresses it writes to, and fan-outs that expand into one message per registrant. */
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './columns';
import { events } from './events';

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'dead'] as const;

/**
 * Every message the app sends, written in the same transaction as the change that causes it, then
 * delivered by the worker (notify/worker.ts). With no SMTP_URL the worker delivers to the local
 * mailbox instead: the row is marked sent with `deliveredVia = 'mailbox'` and an admin reads it in the
 * console.
 */
export const outboxMessages = sqliteTable(
	'outbox_messages',
	{
		id: text().primaryKey(),
		/** RFC 5322 Message-ID, fixed at enqueue: a retried send is recognisably the same message. */
		messageId: text().notNull(),
		/** What kind of message this is (invite, password_reset, sitting_cancelled …). */
		kind: text().notNull(),
		toAddress: text().notNull(),
		toName: text(),
		subject: text().notNull(),
		textBody: text().notNull(),
		htmlBody: text(),
		/** JSON: [{ filename, contentType, content (utf-8 text) }]. */
		attachments: text({ mode: 'json' }).$type<{ filename: string; contentType: string; content: string }[]>(),
		/** JSON: extra headers such as List-Unsubscribe. */
		headers: text({ mode: 'json' }).$type<Record<string, string>>(),
		/** Enqueuing twice with the same key queues one message. */
		dedupeKey: text(),
		status: text({ enum: OUTBOX_STATUSES }).notNull().default('pending'),
		attempts: integer().notNull().default(0),
		nextAttemptAt: integer({ mode: 'timestamp_ms' }).notNull(),
		/** The worker holding this message and until when; another worker may take it after that. */
		leaseOwner: text(),
		leaseUntil: integer({ mode: 'timestamp_ms' }),
		lastError: text(),
		deliveredVia: text({ enum: ['smtp', 'mailbox'] }),
		sentAt: integer({ mode: 'timestamp_ms' }),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		index('outbox_due_idx').on(t.status, t.nextAttemptAt),
		index('outbox_to_idx').on(t.toAddress, t.createdAt),
		uniqueIndex('outbox_message_id_unique').on(t.messageId),
		uniqueIndex('outbox_dedupe_unique').on(t.dedupeKey),
		check('outbox_status_check', sql`${t.status} in ('pending','sending','sent','dead')`)
	]
);

/**
 * Every address the app writes to on a resident's or an expert's behalf: its one-click unsubscribe
 * token, and whether it may be written to at all (unsubscribed, or bounced permanently).
 */
export const mailRecipients = sqliteTable(
	'mail_recipients',
	{
		/** Lower-case. */
		email: text().primaryKey(),
		unsubscribeToken: text().notNull(),
		unsubscribedAt: integer({ mode: 'timestamp_ms' }),
		bouncedAt: integer({ mode: 'timestamp_ms' }),
		bounceReason: text(),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('mail_recipients_token_unique').on(t.unsubscribeToken)]
);

/**
 * One message to many people, queued with its cause and written out per person afterwards: cancelling
 * a free clinic with 500 registrants commits one row in the organizer's click, and the worker expands
 * it into 500 outbox messages in small transactions (each person's message keyed by this row's id, so
 * an expansion interrupted and run again, or run by two workers, queues each message once).
 */
export const mailFanouts = sqliteTable(
	'mail_fanouts',
	{
		id: text().primaryKey(),
		kind: text({ enum: ['event_cancelled', 'event_moved', 'event_restored'] }).notNull(),
		eventId: text()
			.notNull()
			.references(() => events.id),
		/** Words the message needs that the database no longer holds (how a moved event read before). */
		before: text(),
		createdAt: integer({ mode: 'timestamp_ms' }).notNull(),
		doneAt: integer({ mode: 'timestamp_ms' })
	},
	(t) => [index('mail_fanouts_pending_idx').on(t.doneAt, t.createdAt), check('mail_fanouts_kind_check', sql`${t.kind} in ('event_cancelled','event_moved','event_restored')`)]
);
