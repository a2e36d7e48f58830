/**
 * The server's backup schedule: a checked copy every BACKUP_EVERY into BACKUP_DIR, in the
 * one process that runs the background jobs (hooks.server.ts, scripts/web-processes.ts). Each run is
 * recorded (ops/job-runs.ts) for the admin's system page and logged in Chinese and English.
 *
 * With a libSQL server URL there is no file here to copy: the job says so once and does nothing; the
 * server's own snapshots or a replica are the backup then (README, Operations).
 */
import { formatBytes } from '../../format/bytes';
import { runRecorded } from '../ops/job-runs';
import { backupBaseOf, backupConfigFromEnv, BackupError, listBackups, takeBackup, type BackupConfig } from './backup';
import type { BackupCopy } from './backup-retention';
import type { Db } from './client';
import { databaseFilePath } from './database-file';

let timer: NodeJS.Timeout | null = null;
let running: Promise<unknown> | null = null;

/** What the log says instead of backing up a libSQL server. */
export const SERVER_DATABASE_NOTICE =
	'数据库是 libSQL 服务器，不在本机做备份：请使用服务器自身的快照或副本（如 Turso 的时间点恢复、sqld 的副本）。/ ' +
	'the database is a libSQL server, so no embedded backups are taken here: use the server’s own snapshots or replicas (e.g. Turso point-in-time recovery, an sqld replica).';

/** One backup now, recorded and logged; never throws. */
export async function backupNow(db: Db, databasePath: string, config: BackupConfig, clock: () => Date = () => new Date()) {
	const run = await runRecorded(
		db,
		'backup',
		clock,
		async () => {
			const taken = await takeBackup(databasePath, config, clock());
			console.log(`已备份数据库 / database backed up: ${taken.path} (${formatBytes(taken.bytes)}, ${taken.ms} ms${taken.removed.length ? `, 按保留规则删除 / pruned ${taken.removed.length}` : ''})`);
			return { file: taken.path, bytes: taken.bytes, ms: taken.ms, removed: taken.removed.length };
		},
		(error) => (error instanceof BackupError ? error.message : `备份失败 / backup failed: ${error instanceof Error ? error.message : String(error)}`)
	);
	if (!run.ok) console.error(`备份失败 / backup failed: ${run.error}`);
	return run;
}

/**
 * Whether a scheduled copy is due now. A second server started on the same database (another
 * instance, not one of WEB_PROCESSES' workers) keeps the same folder, so a plain copy younger than
 * half the interval, whoever took it, means this one is not needed: two servers take one copy an
 * interval between them, not two.
 */
export function scheduledCopyDue(copies: readonly BackupCopy[], everyMs: number, now: Date): boolean {
	const newest = copies.find((c) => c.tag === null);
	return !newest || now.getTime() - newest.takenAt.getTime() >= everyMs / 2;
}

export function startBackupJob(db: Db, databaseUrl: string, env: Record<string, string | undefined> = process.env): void {
	if (timer) return;
	const databasePath = databaseFilePath(databaseUrl);
	if (!databasePath) {
		console.log(SERVER_DATABASE_NOTICE);
		return;
	}
	let config: BackupConfig;
	try {
		config = backupConfigFromEnv(databasePath, env);
	} catch (error) {
		console.error(`备份未启动 / backups not started: ${error instanceof Error ? error.message : error}`);
		return;
	}
	if (config.everyMs === 0) {
		console.log('BACKUP_EVERY=off：不做定时备份 / no scheduled backups (npm run db:backup still takes one)');
		return;
	}
	const run = () => {
		// A copy slower than the interval is not overlapped by the next one.
		if (running) return;
		if (!scheduledCopyDue(listBackups(config.dir, backupBaseOf(databasePath)), config.everyMs, new Date())) return;
		running = backupNow(db, databasePath, config).finally(() => (running = null));
	};
	// After a restart, the first copy comes when the newest one is due, not at once on every start.
	const newest = listBackups(config.dir, backupBaseOf(databasePath)).find((c) => c.tag === null);
	const dueIn = newest ? Math.max(0, newest.takenAt.getTime() + config.everyMs - Date.now()) : 0;
	timer = setTimeout(() => {
		run();
		timer = setInterval(run, config.everyMs);
		timer.unref();
	}, dueIn);
	timer.unref();
}

export async function stopBackupJob(): Promise<void> {
	if (timer) clearTimeout(timer);
	timer = null;
	// Let a copy in progress finish: a half-written .partial would only be cleaned up a day later.
	await running;
}
