/**
 * Runs the registration retention rule (people.ts) at start and then once a day in the server
 * process. Two app instances may both run it: it only erases what is still unerased.
 */
import { siteToday } from '../clock';
import type { Db } from '../db/client';
import { DEFAULT_TIME_ZONE } from '../schedule/public-schedule';
import { eraseExpiredRegistrations } from './people';

const DAY_MS = 24 * 60 * 60 * 1000;
let timer: NodeJS.Timeout | null = null;

async function runOnce(db: Db): Promise<void> {
	try {
		const erased = await eraseExpiredRegistrations(db, siteToday(DEFAULT_TIME_ZONE));
		if (erased > 0) console.log(`retention: erased the personal data of ${erased} registrations older than a year`);
	} catch (error) {
		console.error('retention job failed:', error instanceof Error ? error.message : error);
	}
}

export function startRetentionJob(db: Db): void {
	if (timer) return;
	void runOnce(db);
	timer = setInterval(() => void runOnce(db), DAY_MS);
	timer.unref();
}

export function stopRetentionJob(): void {
	if (timer) clearInterval(timer);
	timer = null;
}
