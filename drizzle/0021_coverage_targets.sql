CREATE TABLE `coverage_targets` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`kind` text NOT NULL,
	`site_id` text,
	`department_id` text,
	`expert_id` text,
	`min_title` text,
	`minimum` integer NOT NULL,
	`holiday_rule` text DEFAULT 'pro_rata' NOT NULL,
	`note` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "coverage_targets_kind_check" CHECK("coverage_targets"."kind" in ('site_days_per_week','site_senior_days_per_week','department_halfdays_per_month','expert_sittings_per_month')),
	CONSTRAINT "coverage_targets_holiday_rule_check" CHECK("coverage_targets"."holiday_rule" in ('pro_rata','exempt')),
	CONSTRAINT "coverage_targets_min_title_check" CHECK("coverage_targets"."min_title" is null or "coverage_targets"."min_title" in ('主任医师','副主任医师','主治医师','住院医师')),
	CONSTRAINT "coverage_targets_minimum_check" CHECK("coverage_targets"."minimum" >= 1 and "coverage_targets"."minimum" <= case when "coverage_targets"."kind" in ('site_days_per_week','site_senior_days_per_week') then 7 else 62 end),
	CONSTRAINT "coverage_targets_shape_check" CHECK(case "coverage_targets"."kind"
				when 'site_days_per_week' then "coverage_targets"."department_id" is null and "coverage_targets"."expert_id" is null and "coverage_targets"."min_title" is null
				when 'site_senior_days_per_week' then "coverage_targets"."department_id" is null and "coverage_targets"."expert_id" is null and "coverage_targets"."min_title" is not null
				when 'department_halfdays_per_month' then "coverage_targets"."site_id" is not null and "coverage_targets"."department_id" is not null and "coverage_targets"."expert_id" is null and "coverage_targets"."min_title" is null
				else "coverage_targets"."site_id" is null and "coverage_targets"."department_id" is null and "coverage_targets"."expert_id" is not null and "coverage_targets"."min_title" is null
			end)
);
--> statement-breakpoint
CREATE INDEX `coverage_targets_organization_idx` ON `coverage_targets` (`organization_id`);