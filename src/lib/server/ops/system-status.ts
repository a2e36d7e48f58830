/**
 * What an operator needs to see at a glance, for the admin only: the database
 * (reachable, migrations, size), backups (the newest copy's age and size, the last run's failure),
 * the outboxes' backlog, the background jobs' last runs, and free disk space. `attention` lists what
 * needs looking at, as codes the page words; /healthz stays the cheap liveness answer.
 */
import { existsSync, statfsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { m } from '../../i18n';
import { can, Forbidden, type Actor } from '../auth/policy';
import { backupBaseOf, backupConfigFromEnv, BackupError, listBackups, type BackupConfig } from '../db/backup';
import { databaseConfigFromEnv, type Db } from '../db/client';
import { databaseFilePath, walCompanions } from '../db/database-file';
import { isDatabaseReachable } from '../db/health';
import { migrationsFolder } from '../db/migrate';
import { feedConfigFromEnv } from '../feeds/sources';
import { appliedMigrationTimes, compareMigrations, shippedMigrations, type MigrationState } from '../db/migration-state';
import { lastJobRuns, type JobRun } from './job-runs';
import { outboxBacklog, type OutboxBacklog } from './outbox-backlog';
import { RETENTION_RULES, RULES_APPLIED_AS_THEY_GO } from './retention';

export interface DiskSpace {
	path: string;
	freeBytes: number;
	totalBytes: number;
}

export type Attention =
	| 'databaseUnreachable'
	| 'migrationsPending'
	| 'migrationsUnknown'
	| 'noBackupYet'
	| 'backupOld'
	| 'backupFailed'
	| 'backupsOff'
	| 'diskLow'
	| 'deadMessages'
	| 'messagesWaitingLong'
	| 'remindersLate'
	| 'retentionFailed';

export interface SystemStatus {
	checkedAt: Date;
	database: { reachable: boolean; kind: 'file' | 'server'; location: string; bytes: number | null; migrations: MigrationState | null };
	backups: {
		/** 'server': a libSQL server URL, backed up by the server itself; 'off': BACKUP_EVERY=off; 'config': a setting could not be read. */
		mode: 'scheduled' | 'off' | 'server' | 'config';
		dir: string | null;
		everyMs: number | null;
		keep: number | null;
		newest: { name: string; takenAt: Date; ageMs: number; bytes: number } | null;
		copies: number;
		totalBytes: number;
		lastRun: JobRun | null;
	};
	outbox: OutboxBacklog | null;
	jobs: { reminders: JobRun | null; retention: JobRun | null };
	/** The rules' names (the page words them) and how many days back calendar items are kept. */
	retention: { rules: readonly string[]; asTheyGo: readonly string[]; calendarDaysKept: number };
	disks: DiskSpace[];
	process: { pid: number; uptimeSeconds: number; rssBytes: number; node: string; runsBackgroundJobs: boolean };
	attention: Attention[];
}

export interface StatusOptions {
	now: Date;
	env?: Record<string, string | undefined>;
	/** Default: the app's (MIGRATIONS_DIR or drizzle/). */
	migrationsFolder?: string;
}

/** A disk is low below 10 % free or 1 GB, whichever is less: a district's database is far smaller than either. */
export function isDiskLow(disk: DiskSpace): boolean {
	return disk.freeBytes < Math.min(disk.totalBytes * 0.1, 1024 ** 3);
}

const REMINDERS_EVERY_MS = 5 * 60_000;
const WAITING_TOO_LONG_MS = 60 * 60_000;

function diskOf(path: string): DiskSpace | null {
	try {
		const s = statfsSync(path);
		return { path, freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
	} catch {
		return null;
	}
}

/** The database's place without secrets: a file path, or a server's host. */
function locationOf(url: string): string {
	const file = databaseFilePath(url);
	if (file) return file;
	try {
		return new URL(url).host;
	} catch {
		return '?';
	}
}

export async function systemStatusFor(db: Db, actor: Actor, options: StatusOptions): Promise<SystemStatus> {
	if (!can(actor, 'system:view')) throw new Forbidden(m.console.system.adminOnly);
	const { now } = options;
	const env = options.env ?? process.env;
	const { url } = databaseConfigFromEnv(env);
	const file = databaseFilePath(url);
	const attention: Attention[] = [];

	const reachable = await isDatabaseReachable(db);
	if (!reachable) attention.push('databaseUnreachable');
	const [migrations, runs, outbox] = reachable
		? await Promise.all([
				appliedMigrationTimes(db).then((applied) => compareMigrations(applied, shippedMigrations(options.migrationsFolder ?? migrationsFolder()))),
				lastJobRuns(db),
				outboxBacklog(db)
			])
		: [null, {}, null];
	if (migrations?.pending.length) attention.push('migrationsPending');
	if (migrations?.unknown.length) attention.push('migrationsUnknown');

	const backups = backupsOf(file, env, now, runs.backup ?? null);
	if (backups.mode === 'off' || backups.mode === 'config') attention.push('backupsOff');
	if (backups.mode === 'scheduled' && !backups.newest) attention.push('noBackupYet');
	if (backups.mode === 'scheduled' && backups.newest && backups.everyMs && backups.newest.ageMs > 2 * backups.everyMs) attention.push('backupOld');
	if (backups.lastRun && !backups.lastRun.ok) attention.push('backupFailed');

	const disks = [file ? dirname(file) : null, backups.dir && existsSync(backups.dir) ? backups.dir : null]
		.filter((p): p is string => p !== null)
		.map(diskOf)
		.filter((d): d is DiskSpace => d !== null)
		// The backup folder is usually on the database's disk: say it once.
		.filter((d, i, all) => all.findIndex((o) => o.freeBytes === d.freeBytes && o.totalBytes === d.totalBytes) === i);
	if (disks.some(isDiskLow)) attention.push('diskLow');

	if (outbox && outbox.mail.dead + outbox.sms.dead > 0) attention.push('deadMessages');
	const oldest = [outbox?.mail.oldestWaitingSince, outbox?.sms.oldestWaitingSince].filter((d): d is Date => d != null);
	if (oldest.some((d) => now.getTime() - d.getTime() > WAITING_TOO_LONG_MS)) attention.push('messagesWaitingLong');
	const reminders = runs.reminders ?? null;
	if (reminders && now.getTime() - reminders.finishedAt.getTime() > 3 * REMINDERS_EVERY_MS) attention.push('remindersLate');
	if (runs.retention && !runs.retention.ok) attention.push('retentionFailed');

	const memory = process.memoryUsage();
	return {
		checkedAt: now,
		database: {
			reachable,
			kind: file ? 'file' : 'server',
			location: locationOf(url),
			bytes: file && existsSync(file) ? [file, walCompanions(file)[0]!].filter(existsSync).reduce((n, p) => n + statSync(p).size, 0) : null,
			migrations
		},
		backups,
		outbox,
		jobs: { reminders, retention: runs.retention ?? null },
		retention: { rules: RETENTION_RULES, asTheyGo: RULES_APPLIED_AS_THEY_GO, calendarDaysKept: feedConfigFromEnv(env).daysBack + 1 },
		disks,
		process: { pid: process.pid, uptimeSeconds: Math.round(process.uptime()), rssBytes: memory.rss, node: process.version, runsBackgroundJobs: env.YIZHEN_BACKGROUND_JOBS !== 'off' },
		attention
	};
}

function backupsOf(file: string | null, env: Record<string, string | undefined>, now: Date, lastRun: JobRun | null): SystemStatus['backups'] {
	const none = { dir: null, everyMs: null, keep: null, newest: null, copies: 0, totalBytes: 0, lastRun };
	if (!file) return { mode: 'server', ...none };
	let config: BackupConfig;
	try {
		config = backupConfigFromEnv(file, env);
	} catch (error) {
		if (error instanceof BackupError) return { mode: 'config', ...none };
		throw error;
	}
	const copies = listBackups(config.dir, backupBaseOf(file));
	const newest = copies[0] ?? null;
	return {
		mode: config.everyMs === 0 ? 'off' : 'scheduled',
		dir: config.dir,
		everyMs: config.everyMs,
		keep: config.keep,
		newest: newest && { name: newest.name, takenAt: newest.takenAt, ageMs: now.getTime() - newest.takenAt.getTime(), bytes: newest.bytes },
		copies: copies.length,
		totalBytes: copies.reduce((n, c) => n + c.bytes, 0),
		lastRun
	};
}
