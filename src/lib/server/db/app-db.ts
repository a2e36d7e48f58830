/**
 * The app's one database handle, opened (and migrated) on first use. A failed open is not cached, so
 * /healthz reports 503 while the database is unreachable and recovers when it comes back.
 */
import { databaseConfigFromEnv, openDatabase, type Db, type OpenDatabase } from './client';
import { databaseFilePath } from './database-file';
import { applyMigrations, ensureDatabaseFolder } from './migrate';
import { markServerRunning } from './server-lock';

let opening: Promise<OpenDatabase> | null = null;

export function appDatabase(): Promise<OpenDatabase> {
	opening ??= (async () => {
		const config = databaseConfigFromEnv();
		ensureDatabaseFolder(config.url);
		const opened = await openDatabase(config);
		// db:restore refuses to swap the file while this marker says a server has it open.
		const file = databaseFilePath(config.url);
		if (file) markServerRunning(file);
		await applyMigrations(opened.db);
		return opened;
	})().catch((error: unknown) => {
		opening = null;
		throw error;
	});
	return opening;
}

export async function getDb(): Promise<Db> {
	return (await appDatabase()).db;
}

export async function closeAppDatabase(): Promise<void> {
	if (!opening) return;
	const current = opening;
	opening = null;
	(await current.catch(() => null))?.close();
}
