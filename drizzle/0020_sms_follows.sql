CREATE TABLE `sms_follows` (
	`id` text PRIMARY KEY NOT NULL,
	`phone` text NOT NULL,
	`target_kind` text NOT NULL,
	`target_id` text NOT NULL,
	`consent_at` integer NOT NULL,
	`renewed_at` integer,
	`expires_at` integer NOT NULL,
	`stopped_at` integer,
	`stop_token` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	CONSTRAINT "sms_follows_target_check" CHECK("sms_follows"."target_kind" in ('expert','site'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sms_follows_phone_target_unique` ON `sms_follows` (`phone`,`target_kind`,`target_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `sms_follows_stop_token_unique` ON `sms_follows` (`stop_token`);--> statement-breakpoint
CREATE INDEX `sms_follows_target_idx` ON `sms_follows` (`target_kind`,`target_id`,`expires_at`);--> statement-breakpoint
CREATE INDEX `sms_follows_expires_idx` ON `sms_follows` (`expires_at`);