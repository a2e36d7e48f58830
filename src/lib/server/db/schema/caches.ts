/** The change counter and cache scopes that tell page and feed caches what a write made stale. */
import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * One row whose value database triggers bump on every write to a table the public schedule reads
 * (see drizzle/0001_schedule_generation_triggers.sql). Pages cache their data against it: one tiny
 * read per request instead of eight, and any writer — this process, another instance, a script —
 * invalidates every cache at once.
 */
export const scheduleGeneration = sqliteTable(
	'schedule_generation',
	{
		id: integer().primaryKey(),
		value: integer().notNull()
	},
	(t) => [check('schedule_generation_single_row', sql`${t.id} = 1`)]
);

/**
 * A change counter per part of the public schedule, so one center's edit drops only the pages that
 * show it (one global counter made a change at one center re-render 599 others). Triggers
 * (drizzle/0017_cache_scopes.sql) bump, in the writing transaction, whichever scopes a row touches:
 * `site:<id>`, `expert:<id>`, `dept:<id>`, `event:<id>`; `sittings` for any sitting anywhere; and `all`
 * for what every page may show (organizations, sites, departments, an expert's public profile,
 * holidays, swapped working days). A missing row reads as 0. `schedule_generation` still counts
 * everything, for the calendar feeds and reports.
 */
export const cacheScopes = sqliteTable('cache_scopes', {
	scope: text().primaryKey(),
	generation: integer().notNull()
});
