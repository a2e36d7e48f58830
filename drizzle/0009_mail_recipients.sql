CREATE TABLE `mail_recipients` (
	`email` text PRIMARY KEY NOT NULL,
	`unsubscribe_token` text NOT NULL,
	`unsubscribed_at` integer,
	`bounced_at` integer,
	`bounce_reason` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mail_recipients_token_unique` ON `mail_recipients` (`unsubscribe_token`);