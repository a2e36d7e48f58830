ALTER TABLE `experts` ADD `contact_email` text;--> statement-breakpoint
ALTER TABLE `experts` ADD `contact_phone` text;