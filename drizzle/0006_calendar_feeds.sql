CREATE TABLE `calendar_feed_states` (
	`feed_key` text PRIMARY KEY NOT NULL,
	`etag` text NOT NULL,
	`modified_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `calendar_feed_tokens` (
	`token` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`subject_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`revoked_at` integer,
	CONSTRAINT "calendar_feed_tokens_kind_check" CHECK("calendar_feed_tokens"."kind" in ('expert','resident'))
);
--> statement-breakpoint
CREATE INDEX `calendar_feed_tokens_subject_idx` ON `calendar_feed_tokens` (`kind`,`subject_id`);--> statement-breakpoint
CREATE TABLE `calendar_items` (
	`feed_key` text NOT NULL,
	`uid` text NOT NULL,
	`date` text NOT NULL,
	`content_hash` text NOT NULL,
	`sequence` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`modified_at` integer NOT NULL,
	PRIMARY KEY(`feed_key`, `uid`)
);
--> statement-breakpoint
CREATE INDEX `calendar_items_date_idx` ON `calendar_items` (`date`);