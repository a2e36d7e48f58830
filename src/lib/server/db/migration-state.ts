/**
 * Where a database stands against the migrations this code ships: how many it has, which are still to
 * apply, and any it has that this code does not know (a database from a newer version, which an older
 * version must not open: it would run on a schema it was not written for).
 *
 * drizzle's migrator records each applied migration's journal timestamp (`created_at`) and applies
 * every shipped migration newer than the newest recorded one; this reads the same two lists.
 */
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DbOrTx } from './client';

export interface ShippedMigration {
	tag: string;
	when: number;
}

export interface MigrationState {
	shipped: number;
	applied: number;
	/** Shipped, not yet applied (applying them is an upgrade). */
	pending: string[];
	/** Applied, unknown to this code: the database is from a newer version. */
	unknown: number[];
}

/** The migrations in `folder` (drizzle's journal), oldest first. */
export function shippedMigrations(folder: string): ShippedMigration[] {
	// readMigrationFiles checks every SQL file exists; the journal names them.
	readMigrationFiles({ migrationsFolder: folder });
	const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] };
	return journal.entries.map((e) => ({ tag: e.tag, when: e.when }));
}

/** Compares the `created_at` list of a database's migrations table (null: it has none) with what ships. */
export function compareMigrations(appliedAt: readonly number[] | null, shipped: readonly ShippedMigration[]): MigrationState {
	const applied = appliedAt ?? [];
	const known = new Set(shipped.map((m) => m.when));
	const newest = applied.length > 0 ? Math.max(...applied) : -Infinity;
	return {
		shipped: shipped.length,
		applied: applied.length,
		pending: shipped.filter((m) => m.when > newest).map((m) => m.tag),
		unknown: applied.filter((when) => !known.has(when))
	};
}

/** The `created_at` of each applied migration, or null when the database has no migrations table. */
export async function appliedMigrationTimes(db: DbOrTx): Promise<number[] | null> {
	const table = await db.all(sql`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'`);
	if (table.length === 0) return null;
	const rows = await db.all<{ created_at: number }>(sql`SELECT created_at FROM __drizzle_migrations`);
	return rows.map((r) => Number(r.created_at));
}
