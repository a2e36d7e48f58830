/**
 * Runs the retention rules at start and then once a day in the server process: registrations'
 * personal data after a year (people.ts), calendar-ledger rows once their items have left every
 * feed's window, and 停诊提醒 follows 30 days after they end (sms/follows.ts). Two app instances may
 * both run it: each step only removes what is still there.
 */
import { siteToday } from '../clock';
import type { Db } from '../db/client';
import { DEFAULT_TIME_ZONE } from '../schedule/public-schedule';
import { addDays } from '../../calendar-date';
import { forgetItemsBefore } from '../feeds/ledger';
import { feedConfigFromEnv } from '../feeds/sources';
import { deleteEndedFollows } from '../sms/follows';
import { eraseExpiredRegistrations } from './people';

const DAY_MS = 24 * 60 * 60 * 1000;
let timer: NodeJS.Timeout | null = null;

async function runOnce(db: Db): Promise<void> {
	try {
		const erased = await eraseExpiredRegistrations(db, siteToday(DEFAULT_TIME_ZONE));
		if (erased > 0) console.log(`retention: erased the personal data of ${erased} registrations older than a year`);
		// A day's margin past the window, so a feed built just before midnight still finds its rows.
		const before = addDays(siteToday(DEFAULT_TIME_ZONE), -feedConfigFromEnv().daysBack - 1);
		const forgotten = await forgetItemsBefore(db, before);
		if (forgotten > 0) console.log(`retention: forgot ${forgotten} calendar items dated before ${before}`);
		const follows = await deleteEndedFollows(db);
		if (follows > 0) console.log(`retention: deleted ${follows} 停诊提醒 follows ended more than 30 days ago`);
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
