/** The sitting id (lib/sitting-id.ts) as SQL builds it, for reads that pack many rows into one value. */
import { sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { SITTING_ID_SEPARATOR } from '../../sitting-id';

export function sittingIdSql(rotationId: SQLiteColumn, originalDate: SQLiteColumn): SQL<string> {
	return sql<string>`${rotationId} || ${sql.raw(`'${SITTING_ID_SEPARATOR}'`)} || ${originalDate}`;
}
