/** Background jobs an operator watches. */
import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const JOB_NAMES = ['backup', 'retention', 'reminders'] as const;

/**
 * The last run of each background job, one row per job, so the admin's system page (served by any
 * process) can say when the job that runs in one process last ran, how it went and what it did.
 */
export const jobRuns = sqliteTable(
	'job_runs',
	{
		job: text({ enum: JOB_NAMES }).primaryKey(),
		startedAt: integer({ mode: 'timestamp_ms' }).notNull(),
		finishedAt: integer({ mode: 'timestamp_ms' }).notNull(),
		ok: integer({ mode: 'boolean' }).notNull(),
		/** What the run did, as counts or facts (JSON): rows erased, the copy's file and size … */
		summary: text({ mode: 'json' }).$type<Record<string, number | string>>().notNull(),
		/** The failure, in Chinese and English, when ok is false. */
		error: text(),
		lastSuccessAt: integer({ mode: 'timestamp_ms' })
	},
	(t) => [check('job_runs_job_check', sql`${t.job} in ('backup','retention','reminders')`)]
);
