/**
 * The last run of each background job (backups, retention, reminders), kept in the database because
 * the job runs in one process and the admin's page may be drawn by another.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { jobRuns, type JOB_NAMES } from '../db/schema';
import { dm } from '../../i18n/domain';

export type JobName = (typeof JOB_NAMES)[number];
export type JobSummary = Record<string, number | string>;

export interface JobRun {
	job: JobName;
	startedAt: Date;
	finishedAt: Date;
	ok: boolean;
	summary: JobSummary;
	error: string | null;
	lastSuccessAt: Date | null;
}

export interface FinishedRun {
	startedAt: Date;
	finishedAt: Date;
	ok: boolean;
	summary: JobSummary;
	error?: string | null;
}

/** Records a run; a failed one keeps the time of the last success. */
export async function recordJobRun(db: DbOrTx, job: JobName, run: FinishedRun): Promise<void> {
	const row = { job, ...run, error: run.error ?? null, lastSuccessAt: run.ok ? run.finishedAt : null };
	await db
		.insert(jobRuns)
		.values(row)
		.onConflictDoUpdate({
			target: jobRuns.job,
			set: {
				startedAt: row.startedAt,
				finishedAt: row.finishedAt,
				ok: row.ok,
				summary: row.summary,
				error: row.error,
				lastSuccessAt: run.ok ? row.finishedAt : sql`${jobRuns.lastSuccessAt}`
			}
		});
}

export async function lastJobRuns(db: DbOrTx): Promise<Partial<Record<JobName, JobRun>>> {
	const rows = await db.select().from(jobRuns);
	return Object.fromEntries(rows.map((r) => [r.job, r]));
}

/**
 * Runs one job and records how it went. `clock` gives the start and end (tests pass a fixed one).
 * A failure is recorded and returned, never thrown: a background job must not take the server down.
 */
export async function runRecorded(
	db: DbOrTx,
	job: JobName,
	clock: () => Date,
	work: () => Promise<JobSummary>,
	describeError: (error: unknown) => string = (error) => (error instanceof Error ? error.message : String(error))
): Promise<FinishedRun> {
	const startedAt = clock();
	let run: FinishedRun;
	try {
		const summary = await work();
		run = { startedAt, finishedAt: clock(), ok: true, summary };
	} catch (error) {
		run = { startedAt, finishedAt: clock(), ok: false, summary: {}, error: describeError(error) };
	}
	try {
		await recordJobRun(db, job, run);
	} catch (error) {
		// The database may be the very thing that failed; the log still says what happened.
		console.error(dm.ops.log.jobRunNotRecorded(job), error instanceof Error ? error.message : error);
	}
	return run;
}
