CREATE TABLE `check_in_ops` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`kind` text NOT NULL,
	`registration_id` text,
	`outcome` text NOT NULL,
	`message` text NOT NULL,
	`by_user_id` text NOT NULL,
	`client_at` integer,
	`received_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "check_in_ops_kind_check" CHECK("check_in_ops"."kind" in ('code','registration','walk_in')),
	CONSTRAINT "check_in_ops_outcome_check" CHECK("check_in_ops"."outcome" in ('checked_in','already','conflict','rejected'))
);
--> statement-breakpoint
CREATE INDEX `check_in_ops_event_idx` ON `check_in_ops` (`event_id`,`received_at`);--> statement-breakpoint
CREATE TABLE `registration_attempts` (
	`key` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `registration_attempts_key_idx` ON `registration_attempts` (`key`,`at`);--> statement-breakpoint
CREATE TABLE `sitting_visits` (
	`rotation_id` text NOT NULL,
	`original_date` text NOT NULL,
	`patients_seen` integer NOT NULL,
	`recorded_by` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`rotation_id`, `original_date`),
	FOREIGN KEY (`rotation_id`) REFERENCES `rotations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "sitting_visits_patients_check" CHECK("sitting_visits"."patients_seen" >= 0)
);
--> statement-breakpoint
CREATE TABLE `volunteer_roles` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`name` text NOT NULL,
	`needed` integer NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "volunteer_roles_needed_check" CHECK("volunteer_roles"."needed" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `volunteer_roles_event_name_unique` ON `volunteer_roles` (`event_id`,`name`);--> statement-breakpoint
CREATE TABLE `volunteer_shifts` (
	`id` text PRIMARY KEY NOT NULL,
	`role_id` text NOT NULL,
	`user_id` text NOT NULL,
	`source` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`role_id`) REFERENCES `volunteer_roles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "volunteer_shifts_source_check" CHECK("volunteer_shifts"."source" in ('self','organizer'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `volunteer_shifts_role_user_unique` ON `volunteer_shifts` (`role_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `volunteer_shifts_user_idx` ON `volunteer_shifts` (`user_id`);--> statement-breakpoint
ALTER TABLE `registrations` ADD `checked_in_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `registrations` ADD `erased_at` integer;