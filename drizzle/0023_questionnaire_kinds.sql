-- Questionnaire kinds (issue 22): a questionnaire says what it is for (literacy, a lecture quiz, a
-- satisfaction survey), which lecture a quiz was made for, and when it was archived; items may be
-- 5-point rating items without an answer key. drizzle-kit 0.31 copies the new columns from the old
-- questionnaires table, which does not have them ("no such column: kind"): the copy below takes the
-- old columns only, and every existing questionnaire becomes a literacy one by the column's default.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_survey_items` (
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
	CONSTRAINT "survey_items_kind_check" CHECK("__new_survey_items"."kind" in ('true_false','single_choice','multiple_choice','demographic','rating')),
	CONSTRAINT "survey_items_position_check" CHECK("__new_survey_items"."position" >= 1),
	CONSTRAINT "survey_items_scored_check" CHECK(("__new_survey_items"."kind" = 'demographic' and "__new_survey_items"."demographic" is not null and "__new_survey_items"."demographic" in ('age','sex','education','community') and "__new_survey_items"."answer_key" is null and "__new_survey_items"."points" is null and "__new_survey_items"."aspect" is null and "__new_survey_items"."category" is null)
			or ("__new_survey_items"."kind" = 'rating' and "__new_survey_items"."demographic" is null and "__new_survey_items"."answer_key" is null and "__new_survey_items"."points" is null and "__new_survey_items"."aspect" is null and "__new_survey_items"."category" is null)
			or ("__new_survey_items"."kind" in ('true_false','single_choice','multiple_choice') and "__new_survey_items"."demographic" is null and "__new_survey_items"."answer_key" is not null and "__new_survey_items"."points" is not null and "__new_survey_items"."points" > 0
				and "__new_survey_items"."aspect" is not null and "__new_survey_items"."category" is not null
				and "__new_survey_items"."aspect" in ('基本知识和理念','健康生活方式与行为','基本技能')
				and "__new_survey_items"."category" in ('科学健康观','传染病防治','慢性病防治','安全与急救','基本医疗','健康信息')))
);
--> statement-breakpoint
INSERT INTO `__new_survey_items`("id", "version_id", "position", "kind", "prompt", "options", "answer_key", "points", "aspect", "category", "demographic", "created_at") SELECT "id", "version_id", "position", "kind", "prompt", "options", "answer_key", "points", "aspect", "category", "demographic", "created_at" FROM `survey_items`;--> statement-breakpoint
DROP TABLE `survey_items`;--> statement-breakpoint
ALTER TABLE `__new_survey_items` RENAME TO `survey_items`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `survey_items_version_position_unique` ON `survey_items` (`version_id`,`position`);--> statement-breakpoint
CREATE TABLE `__new_questionnaires` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`title` text NOT NULL,
	`kind` text DEFAULT 'literacy' NOT NULL,
	`event_id` text,
	`archived_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "questionnaires_kind_check" CHECK("__new_questionnaires"."kind" in ('literacy','lecture_quiz','satisfaction'))
);
--> statement-breakpoint
INSERT INTO `__new_questionnaires`("id", "organization_id", "title", "created_at", "updated_at") SELECT "id", "organization_id", "title", "created_at", "updated_at" FROM `questionnaires`;--> statement-breakpoint
DROP TABLE `questionnaires`;--> statement-breakpoint
ALTER TABLE `__new_questionnaires` RENAME TO `questionnaires`;--> statement-breakpoint
CREATE INDEX `questionnaires_organization_idx` ON `questionnaires` (`organization_id`);--> statement-breakpoint
CREATE INDEX `questionnaires_event_idx` ON `questionnaires` (`event_id`);