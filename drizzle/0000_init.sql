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
CREATE TABLE `departments` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `departments_name_unique` ON `departments` (`name`);--> statement-breakpoint
CREATE TABLE `expert_leaves` (
	`id` text PRIMARY KEY NOT NULL,
	`expert_id` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`reason` text,
	`status` text DEFAULT 'approved' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "expert_leaves_range_check" CHECK("expert_leaves"."end_date" >= "expert_leaves"."start_date"),
	CONSTRAINT "expert_leaves_status_check" CHECK("expert_leaves"."status" in ('requested','approved','declined'))
);
--> statement-breakpoint
CREATE INDEX `expert_leaves_expert_idx` ON `expert_leaves` (`expert_id`,`start_date`);--> statement-breakpoint
CREATE TABLE `experts` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`title` text NOT NULL,
	`department_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`specialties` text DEFAULT '[]' NOT NULL,
	`bio` text,
	`photo_url` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "experts_title_check" CHECK("experts"."title" in ('主任医师','副主任医师','主治医师','住院医师'))
);
--> statement-breakpoint
CREATE INDEX `experts_department_idx` ON `experts` (`department_id`);--> statement-breakpoint
CREATE INDEX `experts_organization_idx` ON `experts` (`organization_id`);--> statement-breakpoint
CREATE TABLE `holiday_days` (
	`date` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	CONSTRAINT "holiday_days_kind_check" CHECK("holiday_days"."kind" in ('holiday','workday','normal'))
);
--> statement-breakpoint
CREATE TABLE `holiday_years` (
	`year` integer PRIMARY KEY NOT NULL,
	`note` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `login_failures` (
	`key` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_failures_key_idx` ON `login_failures` (`key`,`at`);--> statement-breakpoint
CREATE TABLE `memberships` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`organization_id` text,
	`expert_id` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "memberships_role_check" CHECK("memberships"."role" in ('organizer','expert','volunteer')),
	CONSTRAINT "memberships_target_check" CHECK(("memberships"."role" = 'expert' and "memberships"."expert_id" is not null) or ("memberships"."role" <> 'expert' and "memberships"."organization_id" is not null))
);
--> statement-breakpoint
CREATE INDEX `memberships_user_idx` ON `memberships` (`user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `memberships_unique` ON `memberships` (`user_id`,`role`,`organization_id`,`expert_id`);--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` text PRIMARY KEY NOT NULL,
	`parent_id` text,
	`name` text NOT NULL,
	`short_name` text,
	`kind` text NOT NULL,
	`swap_day_follows_weekday` integer,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "organizations_kind_check" CHECK("organizations"."kind" in ('commission','lead_hospital','hospital','member_site')),
	CONSTRAINT "organizations_swap_weekday_check" CHECK("organizations"."swap_day_follows_weekday" is null or "organizations"."swap_day_follows_weekday" between 1 and 7)
);
--> statement-breakpoint
CREATE INDEX `organizations_parent_idx` ON `organizations` (`parent_id`);--> statement-breakpoint
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
CREATE TABLE `rotations` (
	`id` text PRIMARY KEY NOT NULL,
	`expert_id` text NOT NULL,
	`site_id` text NOT NULL,
	`department_id` text NOT NULL,
	`rrule` text NOT NULL,
	`start_time` text NOT NULL,
	`end_time` text NOT NULL,
	`valid_from` text NOT NULL,
	`valid_until` text,
	`quota` integer,
	`holiday_policy` text DEFAULT 'skip' NOT NULL,
	`count_swap_days` integer DEFAULT true NOT NULL,
	`note` text,
	`active` integer DEFAULT true NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "rotations_holiday_policy_check" CHECK("rotations"."holiday_policy" in ('skip','keep')),
	CONSTRAINT "rotations_times_check" CHECK("rotations"."start_time" < "rotations"."end_time"),
	CONSTRAINT "rotations_valid_range_check" CHECK("rotations"."valid_until" is null or "rotations"."valid_until" >= "rotations"."valid_from"),
	CONSTRAINT "rotations_quota_check" CHECK("rotations"."quota" is null or "rotations"."quota" >= 0)
);
--> statement-breakpoint
CREATE INDEX `rotations_site_idx` ON `rotations` (`site_id`);--> statement-breakpoint
CREATE INDEX `rotations_expert_idx` ON `rotations` (`expert_id`);--> statement-breakpoint
CREATE INDEX `rotations_department_idx` ON `rotations` (`department_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `sites` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`district` text,
	`address` text NOT NULL,
	`phone` text,
	`latitude` real,
	`longitude` real,
	`time_zone` text DEFAULT 'Asia/Shanghai' NOT NULL,
	`opening_hours` text,
	`rooms` integer,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "sites_kind_check" CHECK("sites"."kind" in ('community_center','community_station','township_clinic','village_clinic','hospital')),
	CONSTRAINT "sites_rooms_check" CHECK("sites"."rooms" is null or "sites"."rooms" > 0)
);
--> statement-breakpoint
CREATE INDEX `sites_organization_idx` ON `sites` (`organization_id`);--> statement-breakpoint
CREATE TABLE `sitting_overrides` (
	`id` text PRIMARY KEY NOT NULL,
	`rotation_id` text NOT NULL,
	`original_date` text NOT NULL,
	`cancelled` integer DEFAULT false NOT NULL,
	`reason` text,
	`substitute_expert_id` text,
	`new_date` text,
	`new_start_time` text,
	`new_end_time` text,
	`quota` integer,
	`sequence` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`rotation_id`) REFERENCES `rotations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`substitute_expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "sitting_overrides_quota_check" CHECK("sitting_overrides"."quota" is null or "sitting_overrides"."quota" >= 0),
	CONSTRAINT "sitting_overrides_times_check" CHECK("sitting_overrides"."new_start_time" is null or "sitting_overrides"."new_end_time" is null or "sitting_overrides"."new_start_time" < "sitting_overrides"."new_end_time")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sitting_overrides_rotation_date_unique` ON `sitting_overrides` (`rotation_id`,`original_date`);--> statement-breakpoint
CREATE TABLE `swap_day_rosters` (
	`organization_id` text NOT NULL,
	`date` text NOT NULL,
	`follows_weekday` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`organization_id`, `date`),
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "swap_day_rosters_weekday_check" CHECK("swap_day_rosters"."follows_weekday" between 1 and 7)
);
--> statement-breakpoint
CREATE TABLE `user_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`purpose` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "user_tokens_purpose_check" CHECK("user_tokens"."purpose" in ('invite','reset'))
);
--> statement-breakpoint
CREATE INDEX `user_tokens_user_idx` ON `user_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text,
	`is_admin` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);