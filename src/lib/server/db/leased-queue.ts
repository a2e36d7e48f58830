/**
 * The parts the mail outbox (notify/worker.ts) and the SMS outbox (sms/worker.ts) share: both are
 * tables of messages that workers claim as leases. One UPDATE … WHERE id IN (SELECT … LIMIT n)
 * RETURNING * claims due rows for an owner, so two workers (in one process or two instances on one
 * database) never claim the same row; a lease that ran out (its worker died) is due again. A failed
 * attempt is judged here too, so a text and a mail back off and give up by the same rule.
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

/** What a worker writes back after a failed attempt: pending again after the backoff, or dead for good. */
export interface FailedAttempt {
	dead: boolean;
	values: { status: 'dead' | 'pending'; attempts: number; nextAttemptAt: Date; lastError: string; leaseOwner: null; leaseUntil: null };
}

/**
 * A failure that is `permanent`, or the `maxAttempts`-th, makes the message dead where it stands (an
 * admin retries it); any other is tried again after backoffMs. `note` words the verdict for the admin.
 */
export function failedAttempt(
	message: { attempts: number; nextAttemptAt: Date },
	permanent: boolean,
	maxAttempts: number,
	now: Date,
	note: (dead: boolean) => string
): FailedAttempt {
	const attempts = message.attempts + 1;
	const dead = permanent || attempts >= maxAttempts;
	return {
		dead,
		values: {
			status: dead ? 'dead' : 'pending',
			attempts,
			nextAttemptAt: dead ? message.nextAttemptAt : new Date(now.getTime() + backoffMs(attempts)),
			lastError: note(dead),
			leaseOwner: null,
			leaseUntil: null
		}
	};
}

/** The server's words about a failure as an admin reads them: on one line, at most 500 characters. */
export function failureReason(failure: unknown): string {
	return (failure instanceof Error ? failure.message : String(failure)).replace(/\s+/g, ' ').trim().slice(0, 500);
}

/**
 * Works through a claimed batch a few at a time: each send waits mostly on the network (a cancelled
 * clinic's 500 messages would otherwise go one handshake after another). Each keeps its own lease.
 */
export async function inLanes<T>(queue: T[], lanes: number, each: (item: T) => Promise<void>): Promise<void> {
	const pending = [...queue];
	await Promise.all(
		Array.from({ length: Math.min(lanes, pending.length) }, async () => {
			for (let item = pending.shift(); item !== undefined; item = pending.shift()) await each(item);
		})
	);
}
