/**
 * The outbox worker of this server process: started at boot (hooks.server.ts init), poked after a
 * transaction that queued mail commits, stopped on shutdown.
 */
import type { Db } from '../db/client';
import { startAppSmsWorker, stopAppSmsWorker } from '../sms/app-worker';
import { expandFanouts } from './resident-mail';
import { transportFromEnv } from './transport';
import { startOutboxWorker, type OutboxWorker } from './worker';

let worker: OutboxWorker | null = null;

export function startAppOutboxWorker(db: Db): void {
	if (worker || process.env.OUTBOX_WORKER === 'off') return;
	worker = startOutboxWorker(db, { transport: transportFromEnv(), beforeEachRun: () => expandFanouts(db) });
	// Texts go out beside mail, from the same process and under the same switches.
	startAppSmsWorker(db);
}

/** Deliver soon rather than at the next poll. Safe to call when no worker runs. */
export function pokeOutbox(): void {
	worker?.poke();
}

export async function stopAppOutboxWorker(): Promise<void> {
	const current = worker;
	worker = null;
	await Promise.all([current?.stop(), stopAppSmsWorker()]);
}
