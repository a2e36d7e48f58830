/**
 * `npm start` upgrades the database by applying the migrations it ships. Before it does so to a
 * database that holds data, it takes a checked copy tagged `before-upgrade` (kept apart from the
 * schedule's thinning, backup-retention.ts), so a migration that goes wrong has a way back.
 */
import { backupConfigFromEnv, takeBackup, type BackupTaken } from './backup';
import type { Db } from './client';
import { databaseFilePath } from './database-file';
import { appliedMigrationTimes, compareMigrations, shippedMigrations } from './migration-state';

export interface UpgradeBackup {
	/** Migrations about to be applied. */
	pending: string[];
	/** The copy taken, or null: nothing to apply, a new database, or a libSQL server. */
	backup: BackupTaken | null;
}

export async function backupBeforeUpgrade(db: Db, databaseUrl: string, migrationsFolder: string, env: Record<string, string | undefined>, now: Date): Promise<UpgradeBackup> {
	const applied = await appliedMigrationTimes(db);
	const { pending } = compareMigrations(applied, shippedMigrations(migrationsFolder));
	const databasePath = databaseFilePath(databaseUrl);
	// A database with no migration applied yet is new: there is nothing to lose.
	if (pending.length === 0 || !applied?.length || !databasePath) return { pending, backup: null };
	const config = backupConfigFromEnv(databasePath, env);
	return { pending, backup: await takeBackup(databasePath, config, now, 'before-upgrade') };
}
