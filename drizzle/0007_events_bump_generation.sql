-- Events are in the calendar feeds (and the center pages), which are cached against schedule_generation:
-- an edit to an event or its departments must drop those caches like any schedule write does.
CREATE TRIGGER `events_insert_bumps_generation` AFTER INSERT ON `events` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `events_update_bumps_generation` AFTER UPDATE ON `events` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `events_delete_bumps_generation` AFTER DELETE ON `events` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `event_departments_insert_bumps_generation` AFTER INSERT ON `event_departments` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `event_departments_update_bumps_generation` AFTER UPDATE ON `event_departments` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `event_departments_delete_bumps_generation` AFTER DELETE ON `event_departments` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `event_experts_insert_bumps_generation` AFTER INSERT ON `event_experts` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `event_experts_update_bumps_generation` AFTER UPDATE ON `event_experts` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `event_experts_delete_bumps_generation` AFTER DELETE ON `event_experts` BEGIN UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
