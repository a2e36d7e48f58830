CREATE TABLE `sitting_teaching` (
	`rotation_id` text NOT NULL,
	`original_date` text NOT NULL,
	`kind` text NOT NULL,
	`recorded_by` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`rotation_id`, `original_date`, `kind`),
	FOREIGN KEY (`rotation_id`) REFERENCES `rotations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "sitting_teaching_kind_check" CHECK("sitting_teaching"."kind" in ('teaching','ward_round','guidance'))
);
