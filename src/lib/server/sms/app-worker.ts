/**
 * The SMS worker of this server process, beside the mail worker (notify/app-worker.ts): started at
 * boot with it (notify/app-worker.ts startAppOutboxWorker, so under the same YIZHEN_BACKGROUND_JOBS and
 * OUTBOX_WORKER switches), poked after a transaction that queued a text commits, stopped with it.
 */
import type { Db } from '../db/client';
import { providerFromEnv } from './provider-from-env';
import { startSmsWorker, type SmsWorker } from './worker';

let worker: SmsWorker | null = null;

export function startAppSmsWorker(db: Db): void {
	if (worker || process.env.OUTBOX_WORKER === 'off') return;
	try {
		worker = startSmsWorker(db, { provider: providerFromEnv() });
	} catch (error) {
		// A half-configured provider (SMS_PROVIDER=tencent without its keys) must not stop mail and the other jobs.
		console.error('sms worker not started:', error instanceof Error ? error.message : error);
	}
}

/** Send soon rather than at the next poll. Safe to call when no worker runs. */
export function pokeSms(): void {
	worker?.poke();
}

export async function stopAppSmsWorker(): Promise<void> {
	const current = worker;
	worker = null;
	await current?.stop();
}
