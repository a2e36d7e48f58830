/**
 * Many rows in one value. libsql's Node driver hands each row across to JavaScript on its own, about
 * 13 µs a row on this project's 2-core reference machine: the 300 rotations of one department took
 * 4.5 ms to read, more than everything else the find page does. SQLite builds the same rows as one
 * JSON array in 0.6 ms and V8 parses it in microseconds. For hot reads of many rows only; each value
 * goes through its column's own mapping (booleans, JSON columns), as drizzle's select would do.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { DbOrTx } from './client';

type Fields = Record<string, SQLiteColumn>;
type RowOf<F extends Fields> = { [K in keyof F]: F[K]['_']['notNull'] extends true ? F[K]['_']['data'] : F[K]['_']['data'] | null };

export async function selectJsonRows<F extends Fields>(db: DbOrTx, fields: F, from: SQLiteTable | SQL, where?: SQL): Promise<RowOf<F>[]> {
	const names = Object.keys(fields);
	const columns = Object.values(fields);
	const query = sql`select json_group_array(json_array(${sql.join(columns, sql`, `)})) as rows from ${from}`;
	if (where) query.append(sql` where ${where}`);
	const [result] = await db.all<{ rows: string }>(query);
	const arrays = JSON.parse(result?.rows ?? '[]') as unknown[][];
	return arrays.map((values) => {
		const row: Record<string, unknown> = {};
		for (let i = 0; i < names.length; i++) {
			const value = values[i];
			row[names[i]!] = value === null || value === undefined ? null : columns[i]!.mapFromDriverValue(value);
		}
		return row as RowOf<F>;
	});
}
