/**
 * What is waiting in the mail and SMS outboxes: counts by status (sent ones are not counted: that
 * table only grows) and the oldest message still to send. Read by the admin's system page and by
 * /metrics at each scrape, from the database, so every process reports the same figures.
 */
import { and, count, gt, inArray, min, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { DbOrTx } from '../db/client';
import { outboxMessages, smsMessages } from '../db/schema';

export interface ChannelBacklog {
	pending: number;
	sending: number;
	/** Given up on: an admin retries them from the mailbox or SMS page. */
	dead: number;
	/** Pending after at least one failed attempt. */
	retrying: number;
	/** When the oldest message not yet sent (pending or sending) was queued. */
	oldestWaitingSince: Date | null;
}

export interface OutboxBacklog {
	mail: ChannelBacklog;
	sms: ChannelBacklog;
}

type Outbox = SQLiteTable & { status: SQLiteColumn; attempts: SQLiteColumn; createdAt: SQLiteColumn };

async function channelBacklog(db: DbOrTx, table: Outbox): Promise<ChannelBacklog> {
	const waiting: SQL = inArray(table.status, ['pending', 'sending']);
	const [byStatus, [retrying], [oldest]] = await Promise.all([
		db.select({ status: table.status, n: count() }).from(table).where(inArray(table.status, ['pending', 'sending', 'dead'])).groupBy(table.status),
		db.select({ n: count() }).from(table).where(and(inArray(table.status, ['pending']), gt(table.attempts, 0))),
		db.select({ at: min(table.createdAt) }).from(table).where(waiting)
	]);
	const of = (status: string) => byStatus.find((r) => r.status === status)?.n ?? 0;
	const at = oldest?.at as unknown;
	return {
		pending: of('pending'),
		sending: of('sending'),
		dead: of('dead'),
		retrying: retrying?.n ?? 0,
		oldestWaitingSince: at == null ? null : at instanceof Date ? at : new Date(Number(at))
	};
}

export async function outboxBacklog(db: DbOrTx): Promise<OutboxBacklog> {
	const [mail, sms] = await Promise.all([channelBacklog(db, outboxMessages as unknown as Outbox), channelBacklog(db, smsMessages as unknown as Outbox)]);
	return { mail, sms };
}
