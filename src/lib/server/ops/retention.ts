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
	if (!run.ok) console.error(`保留期清理失败 / retention failed: ${run.error}`);
	else if (Object.values(run.summary).some((n) => Number(n) > 0)) {
		const c = run.summary as RetentionCounts;
		console.log(
			`保留期清理 / retention: 抹去 ${c.registrations} 条报名的个人信息 / erased ${c.registrations} registrations' personal data, ` +
				`删除 ${c.calendarItems} 条日历条目 / forgot ${c.calendarItems} calendar items, 删除 ${c.follows} 条停诊提醒关注 / deleted ${c.follows} follows`
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
