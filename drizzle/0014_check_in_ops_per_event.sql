-- drizzle-kit 0.31 rebuilds the table selecting "op_id" from the old one without renaming `id` first
-- (drizzle-team/drizzle-orm#3653), which fails with "no such column: op_id" on every database that has
-- the table. The rename below is the statement later drizzle-kit versions emit.
ALTER TABLE `check_in_ops` RENAME COLUMN `id` TO `op_id`;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_check_in_ops` (
	`op_id` text NOT NULL,
	`event_id` text NOT NULL,
	`kind` text NOT NULL,
	`registration_id` text,
	`outcome` text NOT NULL,
	`message` text NOT NULL,
	`by_user_id` text NOT NULL,
	`client_at` integer,
	`received_at` integer NOT NULL,
	PRIMARY KEY(`event_id`, `op_id`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "check_in_ops_kind_check" CHECK("__new_check_in_ops"."kind" in ('code','registration','walk_in')),
	CONSTRAINT "check_in_ops_outcome_check" CHECK("__new_check_in_ops"."outcome" in ('checked_in','already','conflict','rejected'))
);
--> statement-breakpoint
INSERT INTO `__new_check_in_ops`("op_id", "event_id", "kind", "registration_id", "outcome", "message", "by_user_id", "client_at", "received_at") SELECT "op_id", "event_id", "kind", "registration_id", "outcome", "message", "by_user_id", "client_at", "received_at" FROM `check_in_ops`;--> statement-breakpoint
DROP TABLE `check_in_ops`;--> statement-breakpoint
ALTER TABLE `__new_check_in_ops` RENAME TO `check_in_ops`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `check_in_ops_event_idx` ON `check_in_ops` (`event_id`,`received_at`);