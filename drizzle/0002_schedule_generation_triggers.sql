-- Every write to a table the schedule pages read bumps schedule_generation, so cached page data
-- is dropped by any writer: this process, another app instance, or a script.
INSERT INTO `schedule_generation` (`id`, `value`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `organizations_insert_bumps_generation` AFTER INSERT ON `organizations` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `organizations_update_bumps_generation` AFTER UPDATE ON `organizations` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `organizations_delete_bumps_generation` AFTER DELETE ON `organizations` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `swap_day_rosters_insert_bumps_generation` AFTER INSERT ON `swap_day_rosters` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `swap_day_rosters_update_bumps_generation` AFTER UPDATE ON `swap_day_rosters` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `swap_day_rosters_delete_bumps_generation` AFTER DELETE ON `swap_day_rosters` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `sites_insert_bumps_generation` AFTER INSERT ON `sites` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `sites_update_bumps_generation` AFTER UPDATE ON `sites` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `sites_delete_bumps_generation` AFTER DELETE ON `sites` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `departments_insert_bumps_generation` AFTER INSERT ON `departments` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `departments_update_bumps_generation` AFTER UPDATE ON `departments` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `departments_delete_bumps_generation` AFTER DELETE ON `departments` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `experts_insert_bumps_generation` AFTER INSERT ON `experts` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `experts_update_bumps_generation` AFTER UPDATE ON `experts` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `experts_delete_bumps_generation` AFTER DELETE ON `experts` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `rotations_insert_bumps_generation` AFTER INSERT ON `rotations` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `rotations_update_bumps_generation` AFTER UPDATE ON `rotations` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `rotations_delete_bumps_generation` AFTER DELETE ON `rotations` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `sitting_overrides_insert_bumps_generation` AFTER INSERT ON `sitting_overrides` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `sitting_overrides_update_bumps_generation` AFTER UPDATE ON `sitting_overrides` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `sitting_overrides_delete_bumps_generation` AFTER DELETE ON `sitting_overrides` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `expert_leaves_insert_bumps_generation` AFTER INSERT ON `expert_leaves` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `expert_leaves_update_bumps_generation` AFTER UPDATE ON `expert_leaves` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `expert_leaves_delete_bumps_generation` AFTER DELETE ON `expert_leaves` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `holiday_days_insert_bumps_generation` AFTER INSERT ON `holiday_days` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `holiday_days_update_bumps_generation` AFTER UPDATE ON `holiday_days` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `holiday_days_delete_bumps_generation` AFTER DELETE ON `holiday_days` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `holiday_years_insert_bumps_generation` AFTER INSERT ON `holiday_years` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `holiday_years_update_bumps_generation` AFTER UPDATE ON `holiday_years` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `holiday_years_delete_bumps_generation` AFTER DELETE ON `holiday_years` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
