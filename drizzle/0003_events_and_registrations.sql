CREATE TABLE `event_departments` (
	`event_id` text NOT NULL,
	`department_id` text NOT NULL,
	PRIMARY KEY(`event_id`, `department_id`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `event_experts` (
	`event_id` text NOT NULL,
	`expert_id` text NOT NULL,
	PRIMARY KEY(`event_id`, `expert_id`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `event_series` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`next_issue` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`organization_id` text NOT NULL,
	`site_id` text NOT NULL,
	`series_id` text,
	`issue_number` integer,
	`title` text NOT NULL,
	`date` text NOT NULL,
	`start_time` text NOT NULL,
	`end_time` text NOT NULL,
	`capacity` integer,
	`description` text,
	`services` text DEFAULT '[]' NOT NULL,
	`what_to_bring` text,
	`topic` text,
	`audience` text,
	`speaker_expert_id` text,
	`speaker_name` text,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`cancel_reason` text,
	`sequence` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`series_id`) REFERENCES `event_series`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`speaker_expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "events_kind_check" CHECK("events"."kind" in ('free_clinic','lecture')),
	CONSTRAINT "events_status_check" CHECK("events"."status" in ('scheduled','cancelled')),
	CONSTRAINT "events_times_check" CHECK("events"."start_time" < "events"."end_time"),
	CONSTRAINT "events_capacity_check" CHECK("events"."capacity" is null or "events"."capacity" > 0)
);
--> statement-breakpoint
CREATE INDEX `events_site_date_idx` ON `events` (`site_id`,`date`);--> statement-breakpoint
CREATE INDEX `events_date_idx` ON `events` (`date`);--> statement-breakpoint
CREATE UNIQUE INDEX `events_series_issue_unique` ON `events` (`series_id`,`issue_number`);--> statement-breakpoint
CREATE TABLE `registrations` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`name` text NOT NULL,
	`phone` text NOT NULL,
	`age_band` text NOT NULL,
	`community` text,
	`email` text,
	`consent_at` integer NOT NULL,
	`status` text NOT NULL,
	`check_in_code` text NOT NULL,
	`manage_token_hash` text NOT NULL,
	`walk_in` integer DEFAULT false NOT NULL,
	`checked_in_at` integer,
	`promoted_at` integer,
	`cancelled_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "registrations_status_check" CHECK("registrations"."status" in ('registered','waitlisted','cancelled'))
);
--> statement-breakpoint
CREATE INDEX `registrations_event_status_idx` ON `registrations` (`event_id`,`status`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_event_code_unique` ON `registrations` (`event_id`,`check_in_code`);--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_manage_token_unique` ON `registrations` (`manage_token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_live_phone_unique` ON `registrations` (`event_id`,`phone`) WHERE status <> 'cancelled';