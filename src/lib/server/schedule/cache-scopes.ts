/**
 * What a cached public page depends on, and how to tell it is still good: each page names its scopes
 * (its center, expert, department or event, plus `all`), and the triggers in drizzle/0017_cache_scopes.sql
 * bump a scope's counter in the same transaction as any write that changes what it shows. A cached copy
 * is good while the counters it was made under are unchanged: one small read, whichever process or
 * script wrote, and an edit at one center leaves the other 599 centers' pages alone.
 */
import { inArray } from 'drizzle-orm';
import { addDays, mondayOf, type CalendarDate } from '../../calendar-date';
import type { DbOrTx } from '../db/client';
import { hotReaderOf } from '../db/hot-reads';
import { cacheScopes } from '../db/schema';

/** `all`: what every page may show (sites, departments, experts' profiles, holidays, organizations). */
export const ALL = 'all';

/** The Mondays of the weeks from `from` to `to`: a change to one sitting drops only its week. */
function mondaysBetween(from: CalendarDate, to: CalendarDate): CalendarDate[] {
	const mondays: CalendarDate[] = [];
	for (let monday = mondayOf(from); monday <= to; monday = addDays(monday, 7)) mondays.push(monday);
	return mondays;
}

export const scopes = {
	/**
	 * A week at a center: the whole center (a rotation there changed) or that week (one sitting did).
	 * Without a week the page shows this week where the site is; a site west of Beijing (Xinjiang
	 * keeps UTC+6) is still in yesterday's week early on a Monday, so that week is watched too.
	 */
	centerWeek: (siteId: string, week: CalendarDate | null, today: CalendarDate) => {
		const mondays = week ? [mondayOf(week)] : [...new Set([mondayOf(today), mondayOf(addDays(today, -1))])];
		return [ALL, `site:${siteId}`, ...mondays.map((monday) => `site:${siteId}@${monday}`)];
	},
	expert: (expertId: string) => [ALL, `expert:${expertId}`],
	/** A department's sittings anywhere in these days; without a department, every sitting in the district. */
	find: (departmentId: string | null, from: CalendarDate, to: CalendarDate) => {
		const base = departmentId ? `dept:${departmentId}` : 'sittings';
		return [ALL, base, ...mondaysBetween(from, to).map((monday) => `${base}@${monday}`)];
	},
	event: (eventId: string) => [ALL, `event:${eventId}`],
	/** One department's sittings over one week, across the district. */
	departmentWeek: (departmentId: string, monday: CalendarDate) => [ALL, `dept:${departmentId}`, `dept:${departmentId}@${monday}`]
};

/**
 * The counters of `names`, as one string to compare: equal stamps mean nothing they cover has changed
 * since. A scope never written reads 0.
 */
export async function stampOf(db: DbOrTx, names: readonly string[]): Promise<string> {
	const generation = new Map(await generations(db, names));
	return names.map((name) => generation.get(name) ?? 0).join('.');
}

/** The SQL of the stamp read for `n` names, built by drizzle once per count: a page names 2 to 6 scopes. */
const stampSql = new Map<number, string>();

async function generations(db: DbOrTx, names: readonly string[]): Promise<[string, number][]> {
	const query = () =>
		db
			.select({ scope: cacheScopes.scope, generation: cacheScopes.generation })
			.from(cacheScopes)
			.where(inArray(cacheScopes.scope, [...names]));
	const reader = hotReaderOf(db);
	if (!reader) return (await query()).map((r) => [r.scope, r.generation]);
	let sql = stampSql.get(names.length);
	if (!sql) stampSql.set(names.length, (sql = query().toSQL().sql));
	return reader.rows(sql, names).map(([scope, generation]) => [String(scope), Number(generation)]);
}
