CREATE TABLE `survey_scores` (
	`response_id` text PRIMARY KEY NOT NULL,
	`survey_id` text NOT NULL,
	`submitted_at` integer NOT NULL,
	`score` integer NOT NULL,
	`full_score` integer NOT NULL,
	`literate` integer,
	`literate_knowledge` integer,
	`literate_lifestyle` integer,
	`literate_skills` integer,
	`literate_health_view` integer,
	`literate_infectious` integer,
	`literate_chronic` integer,
	`literate_safety` integer,
	`literate_medical_care` integer,
	`literate_information` integer,
	`age` text,
	`sex` text,
	`education` text,
	`community` text,
	`correct_low` integer NOT NULL,
	`correct_high` integer NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `survey_responses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `survey_scores_groups_idx` ON `survey_scores` (`survey_id`,`age`,`sex`,`education`,`community`,`literate`);