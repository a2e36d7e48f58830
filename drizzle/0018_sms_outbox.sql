CREATE TABLE `sms_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`phone` text NOT NULL,
	`params` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`organization_id` text,
	`urgent` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`lease_owner` text,
	`lease_until` integer,
	`last_error` text,
	`delivered_via` text,
	`provider_message_id` text,
	`fee` integer,
	`sent_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "sms_status_check" CHECK("sms_messages"."status" in ('pending','sending','sent','dead'))
);
--> statement-breakpoint
CREATE INDEX `sms_due_idx` ON `sms_messages` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `sms_phone_idx` ON `sms_messages` (`phone`,`created_at`);--> statement-breakpoint
CREATE INDEX `sms_org_sent_idx` ON `sms_messages` (`organization_id`,`sent_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `sms_dedupe_unique` ON `sms_messages` (`dedupe_key`);