CREATE TABLE `questionnaire_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`questionnaire_id` text NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`intro` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`questionnaire_id`) REFERENCES `questionnaires`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "questionnaire_versions_status_check" CHECK("questionnaire_versions"."status" in ('draft','published')),
	CONSTRAINT "questionnaire_versions_published_check" CHECK(("questionnaire_versions"."status" = 'published') = ("questionnaire_versions"."published_at" is not null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `questionnaire_versions_number_unique` ON `questionnaire_versions` (`questionnaire_id`,`version`);--> statement-breakpoint
CREATE TABLE `questionnaires` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`title` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `questionnaires_organization_idx` ON `questionnaires` (`organization_id`);--> statement-breakpoint
CREATE TABLE `survey_answers` (
	`response_id` text NOT NULL,
	`item_id` text NOT NULL,
	`choices` text NOT NULL,
	`answered_at` integer NOT NULL,
	PRIMARY KEY(`response_id`, `item_id`),
	FOREIGN KEY (`response_id`) REFERENCES `survey_responses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `survey_items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `survey_items` (
	`id` text PRIMARY KEY NOT NULL,
	`version_id` text NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`prompt` text NOT NULL,
	`options` text NOT NULL,
	`answer_key` text,
	`points` integer,
	`aspect` text,
	`category` text,
	`demographic` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`version_id`) REFERENCES `questionnaire_versions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "survey_items_kind_check" CHECK("survey_items"."kind" in ('true_false','single_choice','multiple_choice','demographic')),
	CONSTRAINT "survey_items_position_check" CHECK("survey_items"."position" >= 1),
	CONSTRAINT "survey_items_scored_check" CHECK(("survey_items"."kind" = 'demographic' and "survey_items"."demographic" is not null and "survey_items"."demographic" in ('age','sex','education','community') and "survey_items"."answer_key" is null and "survey_items"."points" is null and "survey_items"."aspect" is null and "survey_items"."category" is null)
			or ("survey_items"."kind" <> 'demographic' and "survey_items"."demographic" is null and "survey_items"."answer_key" is not null and "survey_items"."points" is not null and "survey_items"."points" > 0
				and "survey_items"."aspect" is not null and "survey_items"."category" is not null
				and "survey_items"."aspect" in ('基本知识和理念','健康生活方式与行为','基本技能')
				and "survey_items"."category" in ('科学健康观','传染病防治','慢性病防治','安全与急救','基本医疗','健康信息')))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_items_version_position_unique` ON `survey_items` (`version_id`,`position`);--> statement-breakpoint
CREATE TABLE `survey_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`survey_id` text NOT NULL,
	`device_hash` text NOT NULL,
	`registration_id` text,
	`status` text DEFAULT 'in_progress' NOT NULL,
	`started_at` integer NOT NULL,
	`submitted_at` integer,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "survey_responses_status_check" CHECK("survey_responses"."status" in ('in_progress','submitted')),
	CONSTRAINT "survey_responses_submitted_check" CHECK(("survey_responses"."status" = 'submitted') = ("survey_responses"."submitted_at" is not null))
);
--> statement-breakpoint
CREATE INDEX `survey_responses_survey_idx` ON `survey_responses` (`survey_id`,`status`);--> statement-breakpoint
CREATE INDEX `survey_responses_device_idx` ON `survey_responses` (`survey_id`,`device_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `survey_responses_one_open_per_device` ON `survey_responses` (`survey_id`,`device_hash`) WHERE status = 'in_progress';--> statement-breakpoint
CREATE TABLE `surveys` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`version_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`event_id` text,
	`site_id` text,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`allow_multiple_per_device` integer DEFAULT false NOT NULL,
	`closed_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`version_id`) REFERENCES `questionnaire_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "surveys_kind_check" CHECK("surveys"."kind" in ('pre','post','standalone')),
	CONSTRAINT "surveys_status_check" CHECK("surveys"."status" in ('open','closed')),
	CONSTRAINT "surveys_event_kind_check" CHECK("surveys"."kind" = 'standalone' or "surveys"."event_id" is not null)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `surveys_code_unique` ON `surveys` (`code`);--> statement-breakpoint
CREATE INDEX `surveys_organization_idx` ON `surveys` (`organization_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `surveys_event_kind_unique` ON `surveys` (`event_id`,`kind`) WHERE event_id is not null;