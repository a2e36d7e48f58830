CREATE TABLE `job_runs` (
	`job` text PRIMARY KEY NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer NOT NULL,
	`ok` integer NOT NULL,
	`summary` text NOT NULL,
	`error` text,
	`last_success_at` integer,
	CONSTRAINT "job_runs_job_check" CHECK("job_runs"."job" in ('backup','retention','reminders'))
);
