CREATE TABLE `mail_fanouts` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`event_id` text NOT NULL,
	`before` text,
	`created_at` integer NOT NULL,
	`done_at` integer,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "mail_fanouts_kind_check" CHECK("mail_fanouts"."kind" in ('event_cancelled','event_moved'))
);
--> statement-breakpoint
CREATE INDEX `mail_fanouts_pending_idx` ON `mail_fanouts` (`done_at`,`created_at`);