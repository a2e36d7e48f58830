/**
 * Delivers the outbox. Each worker claims due messages with one UPDATE … RETURNING, which SQLite (and a
 * libSQL server) runs as a single write: two app instances on one database never claim the same row.
 * A claim is a lease; a worker that dies mid-send lets its lease run out and another takes over.
 *
 * Guarantee, honestly: at-least-once towards the SMTP server, exactly-once in every run we can test.
 * The one window for a duplicate is a crash after the SMTP server accepted a message and before the
 * row is marked sent; the resend then carries the same Message-ID, which mail systems use to
 * recognise it. Temporary failures back off exponentially; permanent ones (5xx) and messages that
 * failed MAX_ATTEMPTS times go to 'dead', where an admin can see and retry them.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { DbOrTx } from '../db/client';
import { outboxMessages } from '../db/schema';
import { PermanentMailError, type MailTransport } from './transport';

export const MAX_ATTEMPTS = 8;
export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_MAX_MS = 60 * 60_000;
export const LEASE_MS = 2 * 60_000;
const BATCH = 20;

/** 30 s, 1 min, 2 min … capped at 1 h: after the nth failed attempt. */
export function backoffMs(attempts: number): number {
	return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS);
}

export async function claimDue(db: DbOrTx, owner: string, now: Date, options: { limit?: number; leaseMs?: number } = {}) {
	const t = now.getTime();
	const leaseUntil = t + (options.leaseMs ?? LEASE_MS);
	const claimed = await db.all<{ id: string }>(sql`
		UPDATE outbox_messages
		SET status = 'sending', lease_owner = ${owner}, lease_until = ${leaseUntil}
		WHERE id IN (
			SELECT id FROM outbox_messages
			WHERE (status = 'pending' AND next_attempt_at <= ${t}) OR (status = 'sending' AND lease_until < ${t})
			ORDER BY next_attempt_at
			LIMIT ${options.limit ?? BATCH}
		)
		RETURNING id`);
	if (claimed.length === 0) return [];
	return db.select().from(outboxMessages).where(and(inArray(outboxMessages.id, claimed.map((c) => c.id)), eq(outboxMessages.leaseOwner, owner)));
}

export interface DeliveryReport {
	sent: number;
	retried: number;
	dead: number;
}

/** Claims what is due and tries each once. Updates only rows this worker still holds. */
export async function deliverDue(db: DbOrTx, transport: MailTransport, owner: string, now = new Date()): Promise<DeliveryReport> {
	const report: DeliveryReport = { sent: 0, retried: 0, dead: 0 };
	for (const message of await claimDue(db, owner, now)) {
		const mine = and(eq(outboxMessages.id, message.id), eq(outboxMessages.leaseOwner, owner));
		try {
			await transport.send(message);
			await db
				.update(outboxMessages)
				.set({ status: 'sent', sentAt: new Date(), deliveredVia: transport.kind, leaseOwner: null, leaseUntil: null, lastError: null })
				.where(mine);
			report.sent++;
		} catch (error) {
			const attempts = message.attempts + 1;
			const permanent = error instanceof PermanentMailError;
			const dead = permanent || attempts >= MAX_ATTEMPTS;
			await db
				.update(outboxMessages)
				.set({
					status: dead ? 'dead' : 'pending',
					attempts,
					nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)),
					lastError: String((error as Error).message ?? error).slice(0, 500),
					leaseOwner: null,
					leaseUntil: null
				})
				.where(mine);
			if (dead) report.dead++;
			else report.retried++;
		}
	}
	return report;
}

export interface OutboxWorker {
	/** Run soon: call after a transaction that queued mail has committed. */
	poke(): void;
	stop(): Promise<void>;
}

/** A loop in the server process; runs never overlap, and stop() waits for the current one. */
export function startOutboxWorker(db: DbOrTx, options: { transport: MailTransport; pollMs?: number; owner?: string }): OutboxWorker {
	const owner = options.owner ?? `worker-${randomUUID()}`;
	const pollMs = options.pollMs ?? 2_000;
	let timer: NodeJS.Timeout | null = null;
	let running: Promise<void> | null = null;
	let stopped = false;

	const schedule = (delay: number) => {
		if (stopped) return;
		if (timer) clearTimeout(timer);
		timer = setTimeout(run, delay);
		timer.unref();
	};
	const run = () => {
		timer = null;
		if (running) return;
		running = (async () => {
			try {
				// Keep going while there is a full batch; otherwise wait for the next poll.
				for (let i = 0; i < 50; i++) {
					const r = await deliverDue(db, options.transport, owner);
					if (r.sent + r.retried + r.dead < BATCH) break;
				}
			} catch (error) {
				console.error('outbox worker:', error instanceof Error ? error.message : error);
			} finally {
				running = null;
				schedule(pollMs);
			}
		})();
	};
	schedule(0);
	return {
		poke: () => schedule(0),
		async stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			await running;
			options.transport.close?.();
		}
	};
}
