/**
 * Backups of the embedded database: a checked copy in BACKUP_DIR, named by the moment it was taken,
 * old copies thinned out by backup-retention.ts. Used by the server's schedule (backup-job.ts),
 * `npm run db:backup`, `npm start` before an upgrade, and db:restore before it replaces a database.
 *
 * A copy is written as `<name>.partial` and renamed only once PRAGMA integrity_check passed on it, so
 * a half-written or damaged copy never looks like a backup. Every refusal says why in Chinese and in
 * English, and none of them touches the live database.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, statfsSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { backupFileName, backupsToRemove, parseBackupFileName, type BackupCopy } from './backup-retention';
import { walCompanions } from './database-file';
import { isIntact, snapshotInWorker } from './snapshot';

export interface BackupConfig {
	dir: string;
	/** 0: no schedule (db:backup still takes one). */
	everyMs: number;
	keep: number;
}

const HOUR_MS = 3_600_000;
export const DEFAULT_BACKUP_EVERY_MS = HOUR_MS;
export const DEFAULT_BACKUP_KEEP = 24;
/** Room left on the disk after a copy, so the live database's own writes never meet a full disk. */
export const FREE_SPACE_RESERVE_BYTES = 100 * 1024 * 1024;

/** A backup that was refused or failed: what to tell the operator, in both languages. */
export class BackupError extends Error {
	constructor(
		/** 'config', 'no-database', 'unwritable', 'no-room' (before or during the copy), 'damaged' (the copy failed its check), 'failed'. */
		readonly kind: 'config' | 'no-database' | 'unwritable' | 'no-room' | 'damaged' | 'failed' | 'refused',
		readonly zh: string,
		readonly en: string
	) {
		super(`${zh} / ${en}`);
	}
}

/** `90s`, `30m`, `1h`, `1d`, or `off`. */
export function parseInterval(raw: string): number | null {
	if (raw === 'off' || raw === '0') return 0;
	const match = /^(\d+)\s*(s|m|h|d)$/.exec(raw);
	if (!match) return null;
	const unit = { s: 1_000, m: 60_000, h: HOUR_MS, d: 24 * HOUR_MS }[match[2] as 's' | 'm' | 'h' | 'd'];
	return Number(match[1]) * unit;
}

/** BACKUP_DIR (default: `backups` beside the database file), BACKUP_EVERY (1h), BACKUP_KEEP (24). */
export function backupConfigFromEnv(databasePath: string, env: Record<string, string | undefined> = process.env): BackupConfig {
	const every = env.BACKUP_EVERY?.trim() || '1h';
	const everyMs = parseInterval(every);
	if (everyMs === null || (everyMs > 0 && everyMs < 60_000)) {
		throw new BackupError('config', `BACKUP_EVERY 应为 30m、1h、1d 这样的间隔（至少 1 分钟）或 off，而不是“${every}”`, `BACKUP_EVERY must be an interval such as 30m, 1h, 1d (at least a minute) or off, got "${every}"`);
	}
	const keepRaw = env.BACKUP_KEEP?.trim() || String(DEFAULT_BACKUP_KEEP);
	if (!/^[1-9]\d*$/.test(keepRaw)) throw new BackupError('config', `BACKUP_KEEP 应为正整数，而不是“${keepRaw}”`, `BACKUP_KEEP must be a positive whole number, got "${keepRaw}"`);
	const dir = env.BACKUP_DIR?.trim() ? resolve(env.BACKUP_DIR.trim()) : join(dirname(databasePath), 'backups');
	return { dir, everyMs, keep: Number(keepRaw) };
}

/** The name copies of this database start with: `yizhen` for data/yizhen.db. */
export function backupBaseOf(databasePath: string): string {
	return basename(databasePath, extname(databasePath));
}

/** Why a copy of `databaseBytes` cannot be taken on a disk with `freeBytes` left, or null when it can. */
export function roomForBackup(databaseBytes: number, freeBytes: number): BackupError | null {
	const needed = databaseBytes + FREE_SPACE_RESERVE_BYTES;
	if (freeBytes >= needed) return null;
	const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
	return new BackupError(
		'no-room',
		`备份目录所在磁盘空间不足：剩余 ${mb(freeBytes)}，需要 ${mb(needed)}（数据库 ${mb(databaseBytes)} 另留 ${mb(FREE_SPACE_RESERVE_BYTES)}）。没有备份，数据库未受影响`,
		`not enough free disk space for a backup: ${mb(freeBytes)} free, ${mb(needed)} needed (database ${mb(databaseBytes)} plus ${mb(FREE_SPACE_RESERVE_BYTES)} kept free). No copy was taken; the database is untouched`
	);
}

export interface BackupTaken {
	path: string;
	bytes: number;
	ms: number;
	/** Older copies removed by the retention rules. */
	removed: string[];
}

function fileBytes(path: string): number {
	return existsSync(path) ? statSync(path).size : 0;
}

function describeFsError(error: unknown): string {
	const e = error as NodeJS.ErrnoException;
	if (!e?.code) return String(error);
	return e.message.startsWith(e.code) ? e.message : `${e.code}: ${e.message}`;
}

/** Takes one checked copy of the database file at `databasePath` into `config.dir`, then thins old copies. */
export async function takeBackup(databasePath: string, config: Pick<BackupConfig, 'dir' | 'keep'>, now: Date, tag: string | null = null): Promise<BackupTaken> {
	if (!existsSync(databasePath)) {
		throw new BackupError('no-database', `数据库文件不存在：${databasePath}`, `the database file does not exist: ${databasePath}`);
	}
	try {
		mkdirSync(config.dir, { recursive: true });
		if (!statSync(config.dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
	} catch (error) {
		throw new BackupError('unwritable', `无法创建或写入备份目录 ${config.dir}（${describeFsError(error)}）。请检查 BACKUP_DIR 和目录权限`, `the backup folder ${config.dir} cannot be created or written (${describeFsError(error)}); check BACKUP_DIR and its permissions`);
	}
	const databaseBytes = fileBytes(databasePath) + fileBytes(walCompanions(databasePath)[0]!);
	const stats = statfsSync(config.dir);
	const noRoom = roomForBackup(databaseBytes, stats.bavail * stats.bsize);
	if (noRoom) throw noRoom;

	const base = backupBaseOf(databasePath);
	const path = join(config.dir, backupFileName(base, now, tag));
	const partial = `${path}.partial`;
	const started = performance.now();
	const answer = await snapshotInWorker(databasePath, partial).catch((error: unknown) => ({ ok: false as const, code: null, message: String(error) }));
	if (!answer.ok || !isIntact(answer.integrity)) {
		removeQuietly(partial);
		if (!answer.ok) throw copyFailure(config.dir, answer.code, answer.message);
		throw new BackupError('damaged', `备份副本未通过完整性检查，已删除：${answer.integrity.slice(0, 3).join('；')}`, `the copy failed its integrity check and was deleted: ${answer.integrity.slice(0, 3).join('; ')}`);
	}
	renameSync(partial, path);
	const ms = Math.round(performance.now() - started);
	const removed = pruneBackups(config.dir, base, now, config.keep);
	return { path, bytes: statSync(path).size, ms, removed };
}

function copyFailure(dir: string, code: string | null, message: string): BackupError {
	if (code === 'SQLITE_FULL' || /full|ENOSPC/i.test(message)) {
		return new BackupError('no-room', `备份时磁盘已满，未完成的副本已删除，数据库未受影响（${dir}）`, `the disk filled up during the backup; the unfinished copy was deleted and the database is untouched (${dir})`);
	}
	if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || /unable to open|readonly|permission/i.test(message)) {
		return new BackupError('unwritable', `无法在备份目录写入副本：${dir}（${message}）。请检查目录权限`, `cannot write the copy into the backup folder ${dir} (${message}); check its permissions`);
	}
	return new BackupError('failed', `备份失败：${message}`, `the backup failed: ${message}`);
}

function removeQuietly(path: string): void {
	try {
		unlinkSync(path);
	} catch {
		// Already gone, or never written.
	}
}

/** This database's copies in `dir`, newest first, with their sizes. */
export function listBackups(dir: string, base: string): (BackupCopy & { bytes: number })[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.map((name) => parseBackupFileName(base, name))
		.filter((c): c is BackupCopy => c !== null)
		.map((c) => ({ ...c, bytes: fileBytes(join(dir, c.name)) }))
		.sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
}

/** Removes the copies the retention rules no longer keep, and partial copies a crash left a day ago or more. */
export function pruneBackups(dir: string, base: string, now: Date, keep: number): string[] {
	const removed: string[] = [];
	for (const copy of backupsToRemove(listBackups(dir, base), now, keep)) {
		removeQuietly(join(dir, copy.name));
		removed.push(copy.name);
	}
	for (const name of readdirSync(dir)) {
		if (!name.startsWith(`${base}-`) || !name.endsWith('.db.partial')) continue;
		const path = join(dir, name);
		if (now.getTime() - statSync(path).mtimeMs > 24 * HOUR_MS) removeQuietly(path);
	}
	return removed;
}
