CREATE TABLE `phone_codes` (
	`challenge_hash` text PRIMARY KEY NOT NULL,
	`purpose` text NOT NULL,
	`phone` text NOT NULL,
	`code_hash` text NOT NULL,
	`address` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer NOT NULL,
	CONSTRAINT "phone_codes_purpose_check" CHECK("phone_codes"."purpose" in ('find_registrations','follow')),
	CONSTRAINT "phone_codes_attempts_check" CHECK("phone_codes"."attempts" >= 0)
);
--> statement-breakpoint
CREATE INDEX `phone_codes_phone_idx` ON `phone_codes` (`phone`,`created_at`);--> statement-breakpoint
CREATE INDEX `phone_codes_address_idx` ON `phone_codes` (`address`,`created_at`);--> statement-breakpoint
CREATE INDEX `phone_codes_created_idx` ON `phone_codes` (`created_at`);--> statement-breakpoint
CREATE TABLE `phone_sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`purpose` text NOT NULL,
	`phone` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	CONSTRAINT "phone_sessions_purpose_check" CHECK("phone_sessions"."purpose" in ('find_registrations','follow'))
);
--> statement-breakpoint
CREATE INDEX `phone_sessions_expires_idx` ON `phone_sessions` (`expires_at`);--> statement-breakpoint
ALTER TABLE `registrations` ADD `sms_opt_out_at` integer;