import { eq } from 'drizzle-orm';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy';
import { backupFileName } from '../db/backup-retention';
import { migrationsFolder } from '../db/migrate';
import { outboxMessages } from '../db/schema';
import { enqueueMail } from '../notify/outbox';
import { createTestDb, type TestDb } from '../testing/test-db';
import { recordJobRun } from './job-runs';
import { isDiskLow, systemStatusFor } from './system-status';

let t: TestDb;
let backups: string;
const NOW = new Date('2026-12-07T12:00:00.000Z');
const admin: Actor = { userId: 'a', name: '管理员', isAdmin: true, organizerOf: [], volunteerOf: [], expertIds: [] };
const organizer: Actor = { ...admin, isAdmin: false, organizerOf: ['org'] };

beforeEach(async () => {
	t = await createTestDb();
	backups = mkdtempSync(join(tmpdir(), 'yizhen-status-'));
});
afterEach(() => {
	t.cleanup();
	rmSync(backups, { recursive: true, force: true });
});

const status = (actor: Actor, env: Record<string, string> = {}) =>
	systemStatusFor(t.db, actor, { now: NOW, migrationsFolder: migrationsFolder(), env: { DATABASE_URL: t.url, BACKUP_DIR: backups, ...env } });

describe('systemStatusFor', () => {
	it('is for the admin only', async () => {
		await expect(status(organizer)).rejects.toMatchObject({ status: 403 });
	});

	// diskLow depends on the machine the tests run on: isDiskLow is tested on its own below.
	it('reports the database, the newest backup, the backlog and the jobs, and what needs attention', async () => {
		writeFileSync(join(backups, backupFileName('test', new Date('2026-12-07T09:00:00.000Z'))), 'a copy');
		await enqueueMail(t.db, { kind: 'invite', to: 'a@example.org', subject: '邀请', text: '您好' }, new Date('2026-12-07T10:00:00.000Z'));
		await t.db.update(outboxMessages).set({ status: 'dead' }).where(eq(outboxMessages.toAddress, 'a@example.org'));
		await recordJobRun(t.db, 'reminders', { startedAt: NOW, finishedAt: new Date('2026-12-07T11:58:00.000Z'), ok: true, summary: { residents: 2, volunteers: 0, digests: 0 } });
		const s = await status(admin);
		expect(s.database).toMatchObject({ reachable: true, kind: 'file' });
		expect(s.database.migrations).toMatchObject({ pending: [], unknown: [] });
		expect(s.database.migrations!.applied).toBe(s.database.migrations!.shipped);
		expect(s.backups).toMatchObject({ mode: 'scheduled', dir: backups, everyMs: 3_600_000, copies: 1, newest: { ageMs: 3 * 3_600_000, bytes: 6 } });
		expect(s.outbox?.mail).toMatchObject({ pending: 0, dead: 1 });
		expect(s.jobs.reminders?.summary).toEqual({ residents: 2, volunteers: 0, digests: 0 });
		expect(s.jobs.retention).toBeNull();
		expect(s.retention.rules).toEqual(['registrations', 'calendarItems', 'follows']);
		expect(s.disks.length).toBeGreaterThan(0);
		// 3 h old against hourly copies; a dead message. Reminders ran 2 minutes ago: on time.
		expect(s.attention.filter((a) => a !== 'diskLow')).toEqual(['backupOld', 'deadMessages']);
	});

	it('says to use the libSQL server’s own backups when the database is one', async () => {
		const s = await status(admin, { DATABASE_URL: 'libsql://yizhen.example.org', BACKUP_DIR: backups });
		expect(s.database).toMatchObject({ kind: 'server', location: 'yizhen.example.org' });
		expect(s.backups.mode).toBe('server');
		expect(s.attention).not.toContain('noBackupYet');
	});

	it('asks for attention when there is no backup yet, and when reminders stopped running', async () => {
		await recordJobRun(t.db, 'reminders', { startedAt: NOW, finishedAt: new Date('2026-12-07T11:00:00.000Z'), ok: true, summary: {} });
		expect((await status(admin)).attention.filter((a) => a !== 'diskLow')).toEqual(['noBackupYet', 'remindersLate']);
	});
});

describe('isDiskLow', () => {
	it('is low under 10 % free on a small disk, or under 1 GB on a large one', () => {
		const gb = 1024 ** 3;
		expect(isDiskLow({ path: '/', freeBytes: 0.9 * gb, totalBytes: 8 * gb })).toBe(false);
		expect(isDiskLow({ path: '/', freeBytes: 0.7 * gb, totalBytes: 8 * gb })).toBe(true);
		expect(isDiskLow({ path: '/', freeBytes: 2 * gb, totalBytes: 500 * gb })).toBe(false);
		expect(isDiskLow({ path: '/', freeBytes: 0.9 * gb, totalBytes: 500 * gb })).toBe(true);
	});
});
