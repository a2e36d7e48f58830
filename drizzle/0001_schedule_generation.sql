CREATE TABLE `schedule_generation` (
	`id` integer PRIMARY KEY NOT NULL,
	`value` integer NOT NULL,
	CONSTRAINT "schedule_generation_single_row" CHECK("schedule_generation"."id" = 1)
);
