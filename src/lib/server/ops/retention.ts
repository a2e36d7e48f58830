/**
 * The retention rules (what is erased or deleted, and when), run at start and then daily in the one
 * process that runs the background jobs, with each run's counts recorded for the admin's system page.
 * The rules themselves live with their data: people.ts (registrations), the
 * feed ledger, sms/follows.ts; this runs them and says what they did.
 */
import { addDays } from '../../calendar-date';
import { districtToday } from '../clock';
import type { Db } from '../db/client';
import { eraseExpiredRegistrations } from '../events/people';
import { forgetItemsBefore } from '../feeds/ledger';
import { feedConfigFromEnv } from '../feeds/sources';
import { deleteEndedFollows } from '../sms/follows';
import { runRecorded } from './job-runs';
import { dm } from '../../i18n/domain';

/** The rules this job runs, in the order it runs them; the system page and README say each in words. */
export const RETENTION_RULES = ['registrations', 'calendarItems', 'follows'] as const;
export type RetentionRule = (typeof RETENTION_RULES)[number];
/** Rules applied by the code that touches the data, as it goes, rather than by this job. */
export const RULES_APPLIED_AS_THEY_GO = ['phoneCodes', 'phoneSessions', 'loginFailures', 'rosterUploads'] as const;

export type RetentionCounts = Record<RetentionRule, number>;

/** Runs every rule once, as of `now`. Idempotent: each step removes only what is still there. */
export async function runRetention(db: Db, now: Date): Promise<RetentionCounts> {
	const today = districtToday(now);
	const registrations = await eraseExpiredRegistrations(db, today, now);
	// A day's margin past the window, so a feed built just before midnight still finds its rows.
	const calendarItems = await forgetItemsBefore(db, addDays(today, -feedConfigFromEnv().daysBack - 1));
	const follows = await deleteEndedFollows(db, now);
	return { registrations, calendarItems, follows };
}

const DAY_MS = 24 * 60 * 60 * 1000;
let timer: NodeJS.Timeout | null = null;

/** Runs and records the rules once, logging what they removed. */
export async function runRecordedRetention(db: Db, clock: () => Date = () => new Date()) {
	const run = await runRecorded(db, 'retention', clock, () => runRetention(db, clock()));
	if (!run.ok) console.error(dm.ops.log.retentionFailed(run.error));
	else if (Object.values(run.summary).some((n) => Number(n) > 0)) {
		const c = run.summary as RetentionCounts;
		console.log(
			dm.ops.log.retentionErased(c.registrations) +
				dm.ops.log.retentionDeleted(c.calendarItems, c.follows)
		);
	}
	return run;
}

export function startRetentionSchedule(db: Db): void {
	if (timer) return;
	void runRecordedRetention(db);
	timer = setInterval(() => void runRecordedRetention(db), DAY_MS);
	timer.unref();
}

export function stopRetentionSchedule(): void {
	if (timer) clearInterval(timer);
	timer = null;
}
