import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeOrganization } from '../testing/factories';
import { createTestDb, type TestDb } from '../testing/test-db';
import { backupFileName } from './backup-retention';
import { BackupError, backupConfigFromEnv, FREE_SPACE_RESERVE_BYTES, listBackups, pruneBackups, roomForBackup, takeBackup } from './backup';
import { openDatabase } from './client';
import { databaseFilePath } from './database-file';
import { organizations } from './schema';
import { inspectInWorker } from './snapshot';

let t: TestDb;
let dir: string;
let databasePath: string;
const NOW = new Date('2026-12-07T12:00:00.000Z');

beforeEach(async () => {
	t = await createTestDb();
	databasePath = databaseFilePath(t.url)!;
	dir = mkdtempSync(join(tmpdir(), 'yizhen-backups-'));
});
afterEach(() => {
	t.cleanup();
	rmSync(dir, { recursive: true, force: true });
});

const organizationsIn = async (path: string) => {
	const opened = await openDatabase({ url: `file:${path}` });
	try {
		return (await opened.db.select({ n: count() }).from(organizations))[0]!.n;
	} finally {
		opened.close();
	}
};

describe('takeBackup', () => {
	it('writes a checked copy named by its moment that holds every committed row, while writes go on', async () => {
		for (let i = 0; i < 5; i++) await makeOrganization(t.db, { name: `机构${i}` });
		let writing = true;
		let written = 0;
		const writer = (async () => {
			while (writing) {
				await makeOrganization(t.db, { name: `写入中${written}` });
				written++;
				// As a server's requests do, each write gives the event loop back (the copy's answer is an event).
				await new Promise((resolve) => setImmediate(resolve));
			}
		})();
		const taken = await takeBackup(databasePath, { dir, keep: 24 }, NOW);
		const duringCopy = written;
		writing = false;
		await writer;

		expect(taken.path).toBe(join(dir, 'test-20261207T120000.000Z.db'));
		expect(taken.bytes).toBeGreaterThan(0);
		expect(readdirSync(dir)).toEqual(['test-20261207T120000.000Z.db']);
		const inside = await inspectInWorker(taken.path);
		expect(inside).toMatchObject({ ok: true, integrity: ['ok'] });
		const copied = await organizationsIn(taken.path);
		// Everything committed before the copy began, and no more than was committed by its end.
		expect(copied).toBeGreaterThanOrEqual(5);
		expect(copied).toBeLessThanOrEqual(5 + duringCopy);
		// The server kept writing during the copy: the thread did not hold the event loop.
		expect(written).toBeGreaterThan(0);
	});

	it('refuses a backup folder that cannot be created, in Chinese and English, and leaves the database as it was', async () => {
		await makeOrganization(t.db);
		const before = createHash('sha256').update(readFileSync(databasePath)).digest('hex');
		const aFile = join(dir, 'not-a-folder');
		writeFileSync(aFile, 'x');
		const refused = await takeBackup(databasePath, { dir: join(aFile, 'backups'), keep: 24 }, NOW).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(BackupError);
		expect(refused).toMatchObject({ kind: 'unwritable' });
		expect((refused as BackupError).zh).toContain('无法创建或写入备份目录');
		expect((refused as BackupError).en).toContain('cannot be created or written');
		expect(createHash('sha256').update(readFileSync(databasePath)).digest('hex')).toBe(before);
		expect(await organizationsIn(databasePath)).toBe(1);
	});

	it('reports a disk that fills up during the copy, removes the unfinished copy and leaves the database as it was', async () => {
		await makeOrganization(t.db);
		const before = createHash('sha256').update(readFileSync(databasePath)).digest('hex');
		// The copy's file is /dev/full, whose every write fails with ENOSPC, as a disk that fills mid-copy.
		symlinkSync('/dev/full', join(dir, `${backupFileName('test', NOW)}.partial`));
		const refused = await takeBackup(databasePath, { dir, keep: 24 }, NOW).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(BackupError);
		expect(refused).toMatchObject({ kind: 'no-room' });
		expect((refused as BackupError).zh).toContain('磁盘已满');
		expect((refused as BackupError).en).toContain('disk filled up');
		expect(readdirSync(dir)).toEqual([]);
		expect(createHash('sha256').update(readFileSync(databasePath)).digest('hex')).toBe(before);
		expect(await organizationsIn(databasePath)).toBe(1);
	});

	it('refuses when the database file is missing', async () => {
		await expect(takeBackup(join(dir, 'missing.db'), { dir, keep: 24 }, NOW)).rejects.toMatchObject({ kind: 'no-database' });
		expect(readdirSync(dir)).toEqual([]);
	});

	it('thins older copies by the retention rules after a new one is taken', async () => {
		const hour = 3_600_000;
		for (let i = 1; i <= 4; i++) writeFileSync(join(dir, backupFileName('test', new Date(NOW.getTime() - i * hour))), 'old copy');
		writeFileSync(join(dir, 'keep-me.txt'), 'not a backup');
		const taken = await takeBackup(databasePath, { dir, keep: 2 }, NOW);
		// The newest two stay; today's newest is one of them, so the older three of today go.
		expect(taken.removed).toEqual(['test-20261207T080000.000Z.db', 'test-20261207T090000.000Z.db', 'test-20261207T100000.000Z.db']);
		expect(listBackups(dir, 'test').map((c) => c.name)).toEqual(['test-20261207T120000.000Z.db', 'test-20261207T110000.000Z.db']);
		expect(existsSync(join(dir, 'keep-me.txt'))).toBe(true);
	});

	it('removes a partial copy a crash left more than a day ago, and not a newer one', () => {
		const old = join(dir, 'test-20261201T000000.000Z.db.partial');
		const fresh = join(dir, 'test-20261207T115900.000Z.db.partial');
		for (const [path, at] of [[old, new Date('2026-12-06T11:00:00.000Z')], [fresh, new Date('2026-12-07T11:59:00.000Z')]] as const) {
			writeFileSync(path, 'x');
			utimesSync(path, at, at);
		}
		pruneBackups(dir, 'test', NOW, 24);
		expect(existsSync(old)).toBe(false);
		expect(existsSync(fresh)).toBe(true);
	});
});

describe('roomForBackup', () => {
	it('refuses a copy that would leave less than the reserve free, and says how much is needed', () => {
		const mb = 1024 * 1024;
		expect(roomForBackup(50 * mb, 50 * mb + FREE_SPACE_RESERVE_BYTES)).toBeNull();
		const refused = roomForBackup(50 * mb, 50 * mb + FREE_SPACE_RESERVE_BYTES - 1);
		expect(refused).toMatchObject({ kind: 'no-room' });
		expect(refused!.zh).toContain('磁盘空间不足');
		expect(refused!.en).toContain('not enough free disk space');
	});
});

describe('backupConfigFromEnv', () => {
	it('keeps hourly copies beside the database by default', () => {
		expect(backupConfigFromEnv('/srv/yizhen/data/yizhen.db', {})).toEqual({ dir: '/srv/yizhen/data/backups', everyMs: 3_600_000, keep: 24 });
	});

	it('reads intervals and off, and refuses what it cannot read', () => {
		expect(backupConfigFromEnv('/d/y.db', { BACKUP_EVERY: '30m', BACKUP_KEEP: '6', BACKUP_DIR: '/backups' })).toEqual({ dir: '/backups', everyMs: 1_800_000, keep: 6 });
		expect(backupConfigFromEnv('/d/y.db', { BACKUP_EVERY: 'off' }).everyMs).toBe(0);
		expect(() => backupConfigFromEnv('/d/y.db', { BACKUP_EVERY: 'hourly' })).toThrow(/BACKUP_EVERY/);
		expect(() => backupConfigFromEnv('/d/y.db', { BACKUP_EVERY: '5s' })).toThrow(/至少 1 分钟/);
		expect(() => backupConfigFromEnv('/d/y.db', { BACKUP_KEEP: '0' })).toThrow(/BACKUP_KEEP/);
	});
});
