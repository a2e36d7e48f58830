/**
 * Delivers the outbox.
 *
 * Claiming: one UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING *. SQLite (and a libSQL server)
 * runs it as one write, and writes are serialized, so two workers — in one process or in two app
 * instances on one database — never claim the same row. A claim is a lease with an owner: every
 * later write about the message says `WHERE id = ? AND lease_owner = ?`, so a worker that lost its
 * lease cannot overwrite what the new holder recorded. A worker that dies mid-batch lets its leases
 * run out, and another worker takes the messages over.
 *
 * The guarantee, honestly: at-least-once towards the SMTP server, not exactly-once. SMTP cannot
 * accept a message and mark our row sent in one step, so a message is sent twice if
 *   - the process dies (or the database refuses the write) after the server accepted the message
 *     and before the row says 'sent': the lease runs out and another worker sends it again; or
 *   - one send outlives its lease. Each message's lease is renewed right before its send, and the
 *     SMTP timeouts (transport.ts) end a hung send long before LEASE_MS, so this needs a server that
 *     keeps answering, slowly, for minutes.
 * Both resends carry the Message-ID fixed at enqueue, so a duplicate is recognisable as the same
 * message. Tests in this folder prove, against a real SMTP server and a real database file: two or
 * three workers on one or two connections deliver 20 messages exactly once each; a server that was
 * down receives each message exactly once when it is back; a crashed worker's message is sent once by
 * the worker that takes over; a worker that lost its lease neither sends the rest of its batch nor
 * overwrites the row. They cannot prove the crash window above is small; it is one database write
 * wide.
 *
 * Failures: a temporary one (connection refused, 4xx) is retried after BACKOFF_BASE_MS × 2^(n-1),
 * capped at BACKOFF_MAX_MS; a permanent one (5xx) or the MAX_ATTEMPTS-th failure makes the message
 * 'dead', where an admin sees it and can retry it (outbox.ts).
 */
import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { DbOrTx } from '../db/client';
import { BATCH_SIZE, claimLeased, failedAttempt, failureReason, inLanes } from '../db/leased-queue';
import { outboxMessages } from '../db/schema';
import type { OutboxMessage } from './outbox';
import { markBounced } from './recipients';
import { PermanentMailError, type MailTransport } from './transport';
import { startPollingLoop, type PollingLoop } from '../ops/polling-loop';
import { dm } from '../../i18n/domain';

export const MAX_ATTEMPTS = 8;
/** How long a claim holds a message; comfortably longer than one SMTP send may take. */
export const LEASE_MS = 2 * 60_000;
export const POLL_MS = 2_000;
/** Messages sent at once by one worker run. */
export const SEND_CONCURRENCY = 4;

export interface ClaimOptions {
	limit?: number;
	leaseMs?: number;
	/** How many of the claimed messages are sent at once (SEND_CONCURRENCY). */
	concurrency?: number;
}

/** Claims up to `limit` due messages for `owner` in one statement; oldest due first. */
export async function claimDue(db: DbOrTx, owner: string, now: Date, options: ClaimOptions = {}): Promise<OutboxMessage[]> {
	return claimLeased(db, outboxMessages, owner, now, { limit: options.limit, leaseMs: options.leaseMs ?? LEASE_MS });
}

export interface DeliveryReport {
	sent: number;
	/** Failed for now; due again after the backoff. */
	retried: number;
	dead: number;
	/** Another worker took the lease over before this one could send, or before it recorded the result. */
	lost: number;
}

/**
 * Claims what is due and tries each message once. `now` is the time of the claim; the lease renewals
 * during the batch add the real time elapsed since, so a test can pass any `now`.
 */
export async function deliverDue(
	db: DbOrTx,
	transport: MailTransport,
	owner: string,
	now = new Date(),
	options: ClaimOptions = {}
): Promise<DeliveryReport> {
	const leaseMs = options.leaseMs ?? LEASE_MS;
	const started = Date.now();
	const clock = () => new Date(now.getTime() + (Date.now() - started));
	const report: DeliveryReport = { sent: 0, retried: 0, dead: 0, lost: 0 };

	const deliverOne = async (message: OutboxMessage): Promise<void> => {
		const mine = and(eq(outboxMessages.id, message.id), eq(outboxMessages.leaseOwner, owner), eq(outboxMessages.status, 'sending'));
		// The sends before this one may have used up much of the lease: check it is still ours and
		// hold it for a full lease from now, or leave the message to whoever took it over.
		const held = await db
			.update(outboxMessages)
			.set({ leaseUntil: new Date(clock().getTime() + leaseMs) })
			.where(mine);
		if (held.rowsAffected === 0) {
			report.lost++;
			return;
		}

		let failure: unknown = null;
		try {
			await transport.send(message);
		} catch (error) {
			failure = error ?? new Error('unknown failure');
		}

		if (failure === null) {
			const recorded = await db
				.update(outboxMessages)
				.set({ status: 'sent', deliveredVia: transport.kind, sentAt: clock(), leaseOwner: null, leaseUntil: null, lastError: null })
				.where(mine);
			if (recorded.rowsAffected > 0) report.sent++;
			else report.lost++;
			return;
		}

		const permanent = failure instanceof PermanentMailError;
		const failed = failedAttempt(message, permanent, MAX_ATTEMPTS, now, (dead) => failureNote(failure, permanent, dead));
		const recorded = await db.update(outboxMessages).set(failed.values).where(mine);
		if (recorded.rowsAffected === 0) report.lost++;
		else if (failed.dead) report.dead++;
		else report.retried++;
		// A server that refuses the address for good will refuse it next time too: stop writing to it.
		if (permanent && recorded.rowsAffected > 0) await markBounced(db, message.toAddress, failureNote(failure, true, true), clock());
	};

	await inLanes(await claimDue(db, owner, now, options), options.concurrency ?? SEND_CONCURRENCY, deliverOne);
	return report;
}

/** What the admin reads next to a failed message: our verdict in Chinese, then the server's words. */
function failureNote(failure: unknown, permanent: boolean, dead: boolean): string {
	const reason = failureReason(failure);
	if (permanent) return dm.notify.outbox.rejected(reason);
	if (dead) return dm.notify.outbox.gaveUp(MAX_ATTEMPTS, reason);
	return dm.notify.outbox.retrying(reason);
}

export type OutboxWorker = PollingLoop;

export interface OutboxWorkerOptions {
	transport: MailTransport;
	pollMs?: number;
	/** Written into lease_owner; unique per worker. */
	owner?: string;
	/** Work that queues mail, done at the start of each run (the app expands fan-outs here). */
	beforeEachRun?: () => Promise<unknown>;
}

/** The outbox's loop (ops/polling-loop.ts): a full batch means there may be more. */
export function startOutboxWorker(db: DbOrTx, options: OutboxWorkerOptions): OutboxWorker {
	const owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
	const loop = startPollingLoop({
		name: 'outbox worker',
		pollMs: options.pollMs ?? POLL_MS,
		runOnce: async () => {
			await options.beforeEachRun?.();
			const r = await deliverDue(db, options.transport, owner);
			return { more: r.sent + r.retried + r.dead + r.lost >= BATCH_SIZE };
		}
	});
	return {
		poke: loop.poke,
		async stop() {
			await loop.stop();
			options.transport.close?.();
		}
	};
}
