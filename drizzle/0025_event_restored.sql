-- A cancelled event can be restored: registrants are mailed that it is back on, so
-- the mail fan-out's kind takes 'event_restored'. SQLite changes a CHECK only by rebuilding the table;
-- every row is copied as it was.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_mail_fanouts` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`event_id` text NOT NULL,
	`before` text,
	`created_at` integer NOT NULL,
	`done_at` integer,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "mail_fanouts_kind_check" CHECK("__new_mail_fanouts"."kind" in ('event_cancelled','event_moved','event_restored'))
);
--> statement-breakpoint
INSERT INTO `__new_mail_fanouts`("id", "kind", "event_id", "before", "created_at", "done_at") SELECT "id", "kind", "event_id", "before", "created_at", "done_at" FROM `mail_fanouts`;--> statement-breakpoint
DROP TABLE `mail_fanouts`;--> statement-breakpoint
ALTER TABLE `__new_mail_fanouts` RENAME TO `mail_fanouts`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `mail_fanouts_pending_idx` ON `mail_fanouts` (`done_at`,`created_at`);