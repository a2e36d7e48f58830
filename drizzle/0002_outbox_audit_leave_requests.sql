CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`actor_user_id` text,
	`actor_name` text NOT NULL,
	`action` text NOT NULL,
	`object_kind` text NOT NULL,
	`object_id` text NOT NULL,
	`organization_id` text,
	`before` text,
	`after` text,
	`summary` text NOT NULL,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_object_idx` ON `audit_log` (`object_kind`,`object_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_org_idx` ON `audit_log` (`organization_id`,`at`);--> statement-breakpoint
CREATE TABLE `outbox_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`message_id` text NOT NULL,
	`kind` text NOT NULL,
	`to_address` text NOT NULL,
	`to_name` text,
	`subject` text NOT NULL,
	`text_body` text NOT NULL,
	`html_body` text,
	`attachments` text,
	`headers` text,
	`dedupe_key` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`lease_owner` text,
	`lease_until` integer,
	`last_error` text,
	`delivered_via` text,
	`sent_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	CONSTRAINT "outbox_status_check" CHECK("outbox_messages"."status" in ('pending','sending','sent','dead'))
);
--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox_messages` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_to_idx` ON `outbox_messages` (`to_address`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_message_id_unique` ON `outbox_messages` (`message_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_unique` ON `outbox_messages` (`dedupe_key`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_expert_leaves` (
	`id` text PRIMARY KEY NOT NULL,
	`expert_id` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`reason` text,
	`status` text DEFAULT 'approved' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "expert_leaves_range_check" CHECK("__new_expert_leaves"."end_date" >= "__new_expert_leaves"."start_date"),
	CONSTRAINT "expert_leaves_status_check" CHECK("__new_expert_leaves"."status" in ('requested','approved','declined'))
);
--> statement-breakpoint
INSERT INTO `__new_expert_leaves`("id", "expert_id", "start_date", "end_date", "reason", "status", "created_at", "updated_at") SELECT "id", "expert_id", "start_date", "end_date", "reason", "status", "created_at", "updated_at" FROM `expert_leaves`;--> statement-breakpoint
DROP TABLE `expert_leaves`;--> statement-breakpoint
ALTER TABLE `__new_expert_leaves` RENAME TO `expert_leaves`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `expert_leaves_expert_idx` ON `expert_leaves` (`expert_id`,`start_date`);--> statement-breakpoint
ALTER TABLE `rotations` ADD `version` integer DEFAULT 1 NOT NULL;