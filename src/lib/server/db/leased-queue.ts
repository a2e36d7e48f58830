/**
 * The parts the mail outbox (notify/worker.ts) and the SMS outbox (sms/worker.ts) share: both are
 * tables of messages that workers claim as leases. One UPDATE … WHERE id IN (SELECT … LIMIT n)
 * RETURNING * claims due rows for an owner, so two workers (in one process or two instances on one
 * database) never claim the same row; a lease that ran out (its worker died) is due again.
 */
import { and, asc, eq, inArray, lt, lte, or } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { DbOrTx } from './client';

/** Waits after the nth failed attempt: 30 s, 1 min, 2 min … never more than 1 h. */
export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_MAX_MS = 60 * 60_000;
export const BATCH_SIZE = 20;

export function backoffMs(attempts: number): number {
	return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS);
}

/** A table of leased messages: these columns, named so, in both outboxes. */
type LeasedTable = SQLiteTable & {
	id: SQLiteColumn;
	status: SQLiteColumn;
	nextAttemptAt: SQLiteColumn;
	leaseUntil: SQLiteColumn;
	$inferSelect: { nextAttemptAt: Date; createdAt: Date };
};

export interface ClaimOptions {
	limit?: number;
	leaseMs: number;
}

/** Claims up to `limit` due rows of `table` for `owner` in one statement, oldest due first. */
export async function claimLeased<T extends LeasedTable>(db: DbOrTx, table: T, owner: string, now: Date, options: ClaimOptions): Promise<T['$inferSelect'][]> {
	const due = db
		.select({ id: table.id })
		.from(table)
		.where(or(and(eq(table.status, 'pending'), lte(table.nextAttemptAt, now)), and(eq(table.status, 'sending'), lt(table.leaseUntil, now))))
		.orderBy(asc(table.nextAttemptAt))
		.limit(options.limit ?? BATCH_SIZE);
	// Both tables have these columns; drizzle cannot see that through the generic.
	const claimed = (await db
		.update(table)
		.set({ status: 'sending', leaseOwner: owner, leaseUntil: new Date(now.getTime() + options.leaseMs) } as never)
		.where(inArray(table.id, due))
		.returning()) as T['$inferSelect'][];
	// RETURNING comes back in no promised order.
	return claimed.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.createdAt.getTime() - b.createdAt.getTime());
}
