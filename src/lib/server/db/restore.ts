/**
 * `npm run db:restore <file>`: puts a backup in place of the embedded database, as a drill an
 * operator can rehearse. Nothing is changed until the file has passed every check:
 *
 *   1. no server has the database open (server-lock.ts): a running server would go on writing into
 *      the old file's WAL, so it must be stopped first;
 *   2. the file is an intact SQLite database (integrity_check) of Yizhen (drizzle's migrations table
 *      and the organizations table), and from this version or an older one: a migration this code
 *      does not know means a newer version wrote it, and it is refused;
 *   3. it is copied beside the database and migrated there (an older backup comes up to date);
 *   4. the database it replaces is backed up first (tag `before-restore`), or, if it is too damaged
 *      to copy that way, its files are copied as they are;
 *   5. the old WAL is removed and the prepared file renamed over the database: one atomic step, so a
 *      crash leaves either the old database or the restored one, never neither.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import { backupFileName } from './backup-retention';
import { BackupError, backupBaseOf, takeBackup } from './backup';
import { openDatabase } from './client';
import { walCompanions } from './database-file';
import { compareMigrations, shippedMigrations, type MigrationState, type ShippedMigration } from './migration-state';
import { applyMigrations } from './migrate';
import { runningServers } from './server-lock';
import { inspectInWorker, isIntact } from './snapshot';

/** A restore that was refused before anything changed. */
export class RestoreRefused extends BackupError {
	constructor(zh: string, en: string) {
		super('refused', zh, en);
	}
}

export interface RestoreOptions {
	/** The backup to restore. */
	source: string;
	/** The database file it replaces (need not exist: a lost database is the drill). */
	databasePath: string;
	backupDir: string;
	migrationsFolder: string;
	now: Date;
}

export interface RestoreDone {
	/** Migrations the backup had, and how many it has now. */
	migrations: { before: number; after: number };
	/** The copy of the database that was replaced; null when there was none. */
	replacedCopy: string | null;
}

/** Checks a database file is an intact Yizhen database this version can open; says where it stands. */
export async function inspectDatabaseFile(path: string, shipped: ShippedMigration[], name = basename(path)): Promise<MigrationState> {
	const answer = await inspectInWorker(path);
	if (!answer.ok) {
		throw new RestoreRefused(`${name} 不是可读的 SQLite 数据库文件（${answer.code ?? answer.message}）。没有做任何改动`, `${name} is not a readable SQLite database (${answer.code ?? answer.message}); nothing was changed`);
	}
	if (!isIntact(answer.integrity)) {
		throw new RestoreRefused(`${name} 未通过完整性检查：${answer.integrity.slice(0, 3).join('；')}。没有做任何改动`, `${name} failed its integrity check: ${answer.integrity.slice(0, 3).join('; ')}; nothing was changed`);
	}
	if (answer.migrations == null || !answer.tables?.includes('organizations')) {
		throw new RestoreRefused(`${name} 不是义诊的数据库（没有迁移记录或机构表）。没有做任何改动`, `${name} is not a Yizhen database (no migrations table or organizations table); nothing was changed`);
	}
	const state = compareMigrations(answer.migrations, shipped);
	if (state.unknown.length > 0) {
		throw new RestoreRefused(
			`${name} 来自更新的版本：有 ${state.unknown.length} 个本版本不认识的迁移（共 ${state.applied} 个，本版本有 ${state.shipped} 个）。请用写出它的版本或更新的版本恢复。没有做任何改动`,
			`${name} comes from a newer version: ${state.unknown.length} migrations this version does not know (${state.applied} applied, this version ships ${state.shipped}); restore it with that version or a newer one. Nothing was changed`
		);
	}
	return state;
}

function removeWithCompanions(path: string): void {
	for (const file of [path, ...walCompanions(path)]) if (existsSync(file)) unlinkSync(file);
}

export async function restoreDatabase(options: RestoreOptions): Promise<RestoreDone> {
	const { source, databasePath, backupDir, migrationsFolder, now } = options;
	if (!existsSync(source) || !statSync(source).isFile()) {
		throw new RestoreRefused(`找不到要恢复的文件：${source}`, `no such file to restore: ${source}`);
	}
	const servers = runningServers(databasePath);
	if (servers.length > 0) {
		const who = servers.map((s) => `${s.host} pid ${s.pid}`).join(', ');
		throw new RestoreRefused(
			`服务器正在使用这个数据库（${who}）：请先停止它再恢复。若确定它已停止，请删除 ${servers[0]!.file}。没有做任何改动`,
			`a server is using this database (${who}): stop it, then restore. If you are sure it has stopped, delete ${servers[0]!.file}. Nothing was changed`
		);
	}

	// Prepared beside the database, so the final rename stays on one file system and is atomic.
	const staging = `${databasePath}.restoring`;
	removeWithCompanions(staging);
	copyFileSync(source, staging);
	if (existsSync(`${source}-wal`)) copyFileSync(`${source}-wal`, `${staging}-wal`);
	try {
		const shipped = shippedMigrations(migrationsFolder);
		// Checked on the copy, named as the operator named it.
		const before = await inspectDatabaseFile(staging, shipped, basename(source));
		const opened = await openDatabase({ url: `file:${staging}` });
		try {
			await applyMigrations(opened.db);
			// Everything into the main file, so the rename below carries all of it.
			await opened.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
		} finally {
			opened.close();
		}
		const after = await inspectDatabaseFile(staging, shipped, basename(source));
		if (after.pending.length > 0) throw new RestoreRefused(`迁移后仍有未应用的迁移：${after.pending.join(', ')}`, `migrations still pending after migrating: ${after.pending.join(', ')}`);
		for (const companion of walCompanions(staging)) if (existsSync(companion) && statSync(companion).size > 0 && companion.endsWith('-wal')) {
			throw new RestoreRefused(`恢复副本的 WAL 未能合并：${companion}`, `the prepared copy's WAL could not be checkpointed: ${companion}`);
		}

		const replacedCopy = existsSync(databasePath) ? await keepReplaced(databasePath, backupDir, now) : null;
		for (const companion of walCompanions(databasePath)) if (existsSync(companion)) unlinkSync(companion);
		for (const companion of walCompanions(staging)) if (existsSync(companion)) unlinkSync(companion);
		renameSync(staging, databasePath);
		return { migrations: { before: before.applied, after: after.applied }, replacedCopy };
	} catch (error) {
		removeWithCompanions(staging);
		throw error;
	}
}

/**
 * A copy of the database about to be replaced: a checked backup when it can be read, otherwise its
 * files as they are (the reason to restore may be that it is damaged).
 */
async function keepReplaced(databasePath: string, backupDir: string, now: Date): Promise<string> {
	try {
		return (await takeBackup(databasePath, { dir: backupDir, keep: Number.MAX_SAFE_INTEGER }, now, 'before-restore')).path;
	} catch (error) {
		// A folder that cannot take a copy cannot take the raw files either: refuse, having changed nothing.
		if (!(error instanceof BackupError) || error.kind !== 'damaged' && error.kind !== 'failed') throw error;
		mkdirSync(backupDir, { recursive: true });
		const copy = join(backupDir, `${backupFileName(backupBaseOf(databasePath), now, 'before-restore')}.damaged`);
		copyFileSync(databasePath, copy);
		const [wal] = walCompanions(databasePath);
		if (existsSync(wal!)) copyFileSync(wal!, `${copy}-wal`);
		return copy;
	}
}
