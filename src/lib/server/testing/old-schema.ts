/**
 * Databases as an earlier version left them: the shipped migrations folder cut at one migration, for
 * the upgrade and restore tests. drizzle applies what the journal lists, so a copy of the
 * folder whose journal ends at `tag` builds the schema of that moment.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { openDatabase, type OpenDatabase } from '../db/client';
import { migrationsFolder } from '../db/migrate';

interface Journal {
	entries: { tag: string; when: number }[];
}

export function shippedTags(): string[] {
	return (JSON.parse(readFileSync(join(migrationsFolder(), 'meta', '_journal.json'), 'utf8')) as Journal).entries.map((e) => e.tag);
}

/** A copy of the migrations folder in `dir` whose journal ends at `tag`; returns its path. */
export function migrationsUpTo(tag: string, dir: string): string {
	const folder = join(dir, `migrations-${tag}`);
	cpSync(migrationsFolder(), folder, { recursive: true });
	const journalPath = join(folder, 'meta', '_journal.json');
	const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as Journal;
	const upTo = journal.entries.findIndex((e) => e.tag === tag);
	if (upTo < 0) throw new Error(`no migration ${tag}`);
	writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, upTo + 1) }));
	return folder;
}

/** Opens (creating) the database file `path` with the schema as of migration `tag`. */
export async function openAtMigration(path: string, tag: string, scratch: string): Promise<OpenDatabase> {
	const opened = await openDatabase({ url: `file:${path}` });
	await migrate(opened.db, { migrationsFolder: migrationsUpTo(tag, scratch) });
	return opened;
}
