/**
 * `column IN (…)` for a long list, as one JSON parameter. drizzle's inArray binds each value as a
 * parameter of its own, and preparing a statement with a district's thousands of ids cost far more
 * than running it. SQLite still searches the column's index once per value (EXPLAIN QUERY PLAN:
 * SEARCH … USING INDEX, LIST SUBQUERY).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

export function inList(column: SQLiteColumn, values: readonly string[]): SQL {
	return sql`${column} in (select value from json_each(${JSON.stringify(values)}))`;
}
