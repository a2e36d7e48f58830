-- Per-scope change counters for the public page caches (see cacheScopes in db/schema.ts). Each trigger
-- bumps, in the writer's own transaction, the scopes the changed row shows up in: a sitting's site,
-- expert and department (and a substitute's page), an event's page, or `all` for what every page shows.
-- A change to one sitting (sitting_overrides) bumps its site's and department's week only
-- (`site:<id>@<monday>`), for the weeks it leaves and lands in; a rotation or leave, which reaches
-- any number of weeks, bumps the whole site or department.
-- An UPDATE bumps the old row's scopes and the new row's, so a rotation moved between centers drops both.
-- Experts: a new expert is on no page yet, and contact details are on none, so only public columns count.
CREATE TABLE `cache_scopes` (
	`scope` text PRIMARY KEY NOT NULL,
	`generation` integer NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER `rotations_insert_bumps_cache_scopes` AFTER INSERT ON `rotations` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('site:' || NEW.`site_id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('expert:' || NEW.`expert_id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('dept:' || NEW.`department_id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('sittings', 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `rotations_update_bumps_cache_scopes` AFTER UPDATE ON `rotations` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('site:' || OLD.`site_id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('expert:' || OLD.`expert_id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('dept:' || OLD.`department_id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('sittings', 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('site:' || NEW.`site_id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('expert:' || NEW.`expert_id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('dept:' || NEW.`department_id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('sittings', 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `rotations_delete_bumps_cache_scopes` AFTER DELETE ON `rotations` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('site:' || OLD.`site_id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('expert:' || OLD.`expert_id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('dept:' || OLD.`department_id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('sittings', 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `sitting_overrides_insert_bumps_cache_scopes` AFTER INSERT ON `sitting_overrides` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'site:' || r.`site_id` || '@' || date(NEW.`original_date`, 'weekday 0', '-6 days'), 1 FROM `rotations` r WHERE r.`id` = NEW.`rotation_id` ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'dept:' || r.`department_id` || '@' || date(NEW.`original_date`, 'weekday 0', '-6 days'), 1 FROM `rotations` r WHERE r.`id` = NEW.`rotation_id` ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'sittings@' || date(NEW.`original_date`, 'weekday 0', '-6 days'), 1 WHERE NEW.`original_date` IS NOT NULL ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'site:' || r.`site_id` || '@' || date(NEW.`new_date`, 'weekday 0', '-6 days'), 1 FROM `rotations` r WHERE r.`id` = NEW.`rotation_id` AND NEW.`new_date` IS NOT NULL ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'dept:' || r.`department_id` || '@' || date(NEW.`new_date`, 'weekday 0', '-6 days'), 1 FROM `rotations` r WHERE r.`id` = NEW.`rotation_id` AND NEW.`new_date` IS NOT NULL ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'sittings@' || date(NEW.`new_date`, 'weekday 0', '-6 days'), 1 WHERE NEW.`new_date` IS NOT NULL ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'expert:' || r.`expert_id`, 1 FROM `rotations` r WHERE r.`id` = NEW.`rotation_id` ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'expert:' || NEW.`substitute_expert_id`, 1 WHERE NEW.`substitute_expert_id` IS NOT NULL ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `sitting_overrides_update_bumps_cache_scopes` AFTER UPDATE ON `sitting_overrides` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'site:' || r.`site_id` || '@' || date(OLD.`original_date`, 'weekday 0', '-6 days'), 1 FROM `rotations` r WHERE r.`id` = OLD.`rotation_id` ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'dept:' || r.`department_id` || '@' || date(OLD.`original_date`, 'weekday 0', '-6 days'), 1 FROM `rotations` r WHERE r.`id` = OLD.`rotation_id` ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'sittings@' || date(OLD.`original_date`, 'weekday 0', '-6 days'), 1 WHERE OLD.`original_date` IS NOT NULL ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'site:' || r.`site_id` || '@' || date(OLD.`new_date`, 'weekday 0', '-6 days'), 1 FROM `rotations` r WHERE r.`id` = OLD.`rotation_id` AND OLD.`new_date` IS NOT NULL ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'dept:' || r.`department_id` || '@' || date(OLD.`new_date`, 'weekday 0', '-6 days'), 1 FROM `rotations` r WHERE r.`id` = OLD.`rotation_id` AND OLD.`new_date` IS NOT NULL ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'sittings@' || date(OLD.`new_date`, 'weekday 0', '-6 days'), 1 WHERE OLD.`new_date` IS NOT NULL ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'expert:' || r.`expert_id`, 1 FROM `rotations` r WHERE r.`id` = OLD.`rotation_id` ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'expert:' || OLD.`substitute_expert_id`, 1 WHERE OLD.`substitute_expert_id` IS NOT NULL ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'site:' || r.`site_id` || '@' || date(NEW.`original_date`, 'weekday 0', '-6 days'), 1 FROM `rotations` r WHERE r.`id` = NEW.`rotation_id` ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'dept:' || r.`department_id` || '@' || date(NEW.`original_date`, 'weekday 0', '-6 days'), 1 FROM `rotations` r WHERE r.`id` = NEW.`rotation_id` ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'sittings@' || date(NEW.`original_date`, 'weekday 0', '-6 days'), 1 WHERE NEW.`original_date` IS NOT NULL ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'site:' || r.`site_id` || '@' || date(NEW.`new_date`, 'weekday 0', '-6 days'), 1 FROM `rotations` r WHERE r.`id` = NEW.`rotation_id` AND NEW.`new_date` IS NOT NULL ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'dept:' || r.`department_id` || '@' || date(NEW.`new_date`, 'weekday 0', '-6 days'), 1 FROM `rotations` r WHERE r.`id` = NEW.`rotation_id` AND NEW.`new_date` IS NOT NULL ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'sittings@' || date(NEW.`new_date`, 'weekday 0', '-6 days'), 1 WHERE NEW.`new_date` IS NOT NULL ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'expert:' || r.`expert_id`, 1 FROM `rotations` r WHERE r.`id` = NEW.`rotation_id` ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'expert:' || NEW.`substitute_expert_id`, 1 WHERE NEW.`substitute_expert_id` IS NOT NULL ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `sitting_overrides_delete_bumps_cache_scopes` AFTER DELETE ON `sitting_overrides` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'site:' || r.`site_id` || '@' || date(OLD.`original_date`, 'weekday 0', '-6 days'), 1 FROM `rotations` r WHERE r.`id` = OLD.`rotation_id` ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'dept:' || r.`department_id` || '@' || date(OLD.`original_date`, 'weekday 0', '-6 days'), 1 FROM `rotations` r WHERE r.`id` = OLD.`rotation_id` ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'sittings@' || date(OLD.`original_date`, 'weekday 0', '-6 days'), 1 WHERE OLD.`original_date` IS NOT NULL ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'site:' || r.`site_id` || '@' || date(OLD.`new_date`, 'weekday 0', '-6 days'), 1 FROM `rotations` r WHERE r.`id` = OLD.`rotation_id` AND OLD.`new_date` IS NOT NULL ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'dept:' || r.`department_id` || '@' || date(OLD.`new_date`, 'weekday 0', '-6 days'), 1 FROM `rotations` r WHERE r.`id` = OLD.`rotation_id` AND OLD.`new_date` IS NOT NULL ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'sittings@' || date(OLD.`new_date`, 'weekday 0', '-6 days'), 1 WHERE OLD.`new_date` IS NOT NULL ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'expert:' || r.`expert_id`, 1 FROM `rotations` r WHERE r.`id` = OLD.`rotation_id` ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'expert:' || OLD.`substitute_expert_id`, 1 WHERE OLD.`substitute_expert_id` IS NOT NULL ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `expert_leaves_insert_bumps_cache_scopes` AFTER INSERT ON `expert_leaves` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('expert:' || NEW.`expert_id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'site:' || r.`site_id`, 1 FROM `rotations` r WHERE r.`expert_id` = NEW.`expert_id` ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'dept:' || r.`department_id`, 1 FROM `rotations` r WHERE r.`expert_id` = NEW.`expert_id` ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'site:' || r.`site_id`, 1 FROM `sitting_overrides` o JOIN `rotations` r ON r.`id` = o.`rotation_id` WHERE o.`substitute_expert_id` = NEW.`expert_id` ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'dept:' || r.`department_id`, 1 FROM `sitting_overrides` o JOIN `rotations` r ON r.`id` = o.`rotation_id` WHERE o.`substitute_expert_id` = NEW.`expert_id` ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('sittings', 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `expert_leaves_update_bumps_cache_scopes` AFTER UPDATE ON `expert_leaves` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('expert:' || OLD.`expert_id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'site:' || r.`site_id`, 1 FROM `rotations` r WHERE r.`expert_id` = OLD.`expert_id` ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'dept:' || r.`department_id`, 1 FROM `rotations` r WHERE r.`expert_id` = OLD.`expert_id` ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'site:' || r.`site_id`, 1 FROM `sitting_overrides` o JOIN `rotations` r ON r.`id` = o.`rotation_id` WHERE o.`substitute_expert_id` = OLD.`expert_id` ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'dept:' || r.`department_id`, 1 FROM `sitting_overrides` o JOIN `rotations` r ON r.`id` = o.`rotation_id` WHERE o.`substitute_expert_id` = OLD.`expert_id` ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('sittings', 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('expert:' || NEW.`expert_id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'site:' || r.`site_id`, 1 FROM `rotations` r WHERE r.`expert_id` = NEW.`expert_id` ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'dept:' || r.`department_id`, 1 FROM `rotations` r WHERE r.`expert_id` = NEW.`expert_id` ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'site:' || r.`site_id`, 1 FROM `sitting_overrides` o JOIN `rotations` r ON r.`id` = o.`rotation_id` WHERE o.`substitute_expert_id` = NEW.`expert_id` ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'dept:' || r.`department_id`, 1 FROM `sitting_overrides` o JOIN `rotations` r ON r.`id` = o.`rotation_id` WHERE o.`substitute_expert_id` = NEW.`expert_id` ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('sittings', 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `expert_leaves_delete_bumps_cache_scopes` AFTER DELETE ON `expert_leaves` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('expert:' || OLD.`expert_id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'site:' || r.`site_id`, 1 FROM `rotations` r WHERE r.`expert_id` = OLD.`expert_id` ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'dept:' || r.`department_id`, 1 FROM `rotations` r WHERE r.`expert_id` = OLD.`expert_id` ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'site:' || r.`site_id`, 1 FROM `sitting_overrides` o JOIN `rotations` r ON r.`id` = o.`rotation_id` WHERE o.`substitute_expert_id` = OLD.`expert_id` ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'dept:' || r.`department_id`, 1 FROM `sitting_overrides` o JOIN `rotations` r ON r.`id` = o.`rotation_id` WHERE o.`substitute_expert_id` = OLD.`expert_id` ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('sittings', 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `events_insert_bumps_cache_scopes` AFTER INSERT ON `events` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('event:' || NEW.`id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('site:' || NEW.`site_id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `events_update_bumps_cache_scopes` AFTER UPDATE ON `events` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('event:' || OLD.`id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('site:' || OLD.`site_id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('event:' || NEW.`id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('site:' || NEW.`site_id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `events_delete_bumps_cache_scopes` AFTER DELETE ON `events` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('event:' || OLD.`id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('site:' || OLD.`site_id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `event_departments_insert_bumps_cache_scopes` AFTER INSERT ON `event_departments` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('event:' || NEW.`event_id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `event_departments_update_bumps_cache_scopes` AFTER UPDATE ON `event_departments` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('event:' || OLD.`event_id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('event:' || NEW.`event_id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `event_departments_delete_bumps_cache_scopes` AFTER DELETE ON `event_departments` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('event:' || OLD.`event_id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `event_experts_insert_bumps_cache_scopes` AFTER INSERT ON `event_experts` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('event:' || NEW.`event_id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `event_experts_update_bumps_cache_scopes` AFTER UPDATE ON `event_experts` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('event:' || OLD.`event_id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('event:' || NEW.`event_id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `event_experts_delete_bumps_cache_scopes` AFTER DELETE ON `event_experts` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('event:' || OLD.`event_id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `registrations_insert_bumps_cache_scopes` AFTER INSERT ON `registrations` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('event:' || NEW.`event_id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `registrations_update_bumps_cache_scopes` AFTER UPDATE ON `registrations` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('event:' || OLD.`event_id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('event:' || NEW.`event_id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `registrations_delete_bumps_cache_scopes` AFTER DELETE ON `registrations` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('event:' || OLD.`event_id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `surveys_insert_bumps_cache_scopes` AFTER INSERT ON `surveys` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'event:' || NEW.`event_id`, 1 WHERE NEW.`event_id` IS NOT NULL ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `surveys_update_bumps_cache_scopes` AFTER UPDATE ON `surveys` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'event:' || OLD.`event_id`, 1 WHERE OLD.`event_id` IS NOT NULL ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'event:' || NEW.`event_id`, 1 WHERE NEW.`event_id` IS NOT NULL ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `surveys_delete_bumps_cache_scopes` AFTER DELETE ON `surveys` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) SELECT 'event:' || OLD.`event_id`, 1 WHERE OLD.`event_id` IS NOT NULL ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `organizations_insert_bumps_cache_scopes` AFTER INSERT ON `organizations` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('all', 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `organizations_update_bumps_cache_scopes` AFTER UPDATE ON `organizations` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('all', 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `organizations_delete_bumps_cache_scopes` AFTER DELETE ON `organizations` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('all', 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `sites_insert_bumps_cache_scopes` AFTER INSERT ON `sites` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('all', 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `sites_update_bumps_cache_scopes` AFTER UPDATE ON `sites` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('all', 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `sites_delete_bumps_cache_scopes` AFTER DELETE ON `sites` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('all', 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `departments_insert_bumps_cache_scopes` AFTER INSERT ON `departments` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('all', 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `departments_update_bumps_cache_scopes` AFTER UPDATE ON `departments` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('all', 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `departments_delete_bumps_cache_scopes` AFTER DELETE ON `departments` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('all', 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `holiday_days_insert_bumps_cache_scopes` AFTER INSERT ON `holiday_days` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('all', 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `holiday_days_update_bumps_cache_scopes` AFTER UPDATE ON `holiday_days` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('all', 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `holiday_days_delete_bumps_cache_scopes` AFTER DELETE ON `holiday_days` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('all', 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `holiday_years_insert_bumps_cache_scopes` AFTER INSERT ON `holiday_years` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('all', 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `holiday_years_update_bumps_cache_scopes` AFTER UPDATE ON `holiday_years` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('all', 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `holiday_years_delete_bumps_cache_scopes` AFTER DELETE ON `holiday_years` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('all', 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `swap_day_rosters_insert_bumps_cache_scopes` AFTER INSERT ON `swap_day_rosters` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('all', 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `swap_day_rosters_update_bumps_cache_scopes` AFTER UPDATE ON `swap_day_rosters` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('all', 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `swap_day_rosters_delete_bumps_cache_scopes` AFTER DELETE ON `swap_day_rosters` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('all', 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `experts_insert_bumps_cache_scopes` AFTER INSERT ON `experts` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('expert:' || NEW.`id`, 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `experts_update_public_bumps_cache_scopes` AFTER UPDATE OF `name`, `title`, `department_id`, `organization_id`, `specialties`, `bio`, `photo_url`, `active` ON `experts` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('all', 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `experts_delete_bumps_cache_scopes` AFTER DELETE ON `experts` BEGIN
	INSERT INTO `cache_scopes` (`scope`, `generation`) VALUES ('all', 1) ON CONFLICT (`scope`) DO UPDATE SET `generation` = `generation` + 1;
END;
