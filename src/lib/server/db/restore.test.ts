/**
 * The restore drill (issue 21): registrations and survey sheets are written while a backup is taken,
 * the database is deleted, the backup restored, and every row committed before the backup began is
 * there, nothing is half there, and the integrity and foreign-key checks are clean. Then the files a
 * restore must refuse, each leaving the live database as it was.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq, inArray } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerForEvent } from '../events/registration';
import { answerItem, newDeviceToken, startResponse, submitResponse } from '../surveys/answering';
import { answersFor, makeSurveyWorld } from '../testing/surveys';
import { openAtMigration, shippedTags } from '../testing/old-schema';
import { takeBackup } from './backup';
import { openDatabase, type OpenDatabase } from './client';
import { walCompanions } from './database-file';
import { applyMigrations, migrationsFolder } from './migrate';
import { registrations, surveyAnswers, surveyResponses, surveyScores } from './schema';
import { restoreDatabase, RestoreRefused } from './restore';
import { inspectInWorker } from './snapshot';

let dir: string;
let databasePath: string;
let backupDir: string;
let live: OpenDatabase | null;
const NOW = new Date('2026-11-10T02:00:00.000Z');

beforeEach(async () => {
	dir = mkdtempSync(join(tmpdir(), 'yizhen-restore-'));
	databasePath = join(dir, 'yizhen.db');
	backupDir = join(dir, 'backups');
	live = await openDatabase({ url: `file:${databasePath}` });
	await applyMigrations(live.db);
});
afterEach(() => {
	live?.close();
	rmSync(dir, { recursive: true, force: true });
});

const yieldToEvents = () => new Promise((resolve) => setImmediate(resolve));
const restore = (source: string) => restoreDatabase({ source, databasePath, backupDir, migrationsFolder: migrationsFolder(), now: NOW });
const fingerprint = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('the restore drill', () => {
	it('restores every registration and sheet committed before a backup taken during writes, with clean checks', async () => {
		const db = live!.db;
		const w = await makeSurveyWorld(db);
		const { code } = await w.standalone({ allowMultiplePerDevice: true });
		const committed: { kind: 'registration' | 'sheet'; id: string; at: number }[] = [];
		let n = 0;
		const register = async () => {
			const i = n++;
			const r = await registerForEvent(db, w.lectureId, { name: `居民${i}`, phone: `1390000${String(i).padStart(4, '0')}`, ageBand: '60_69', consent: true }, '2026-11-01', null, NOW);
			committed.push({ kind: 'registration', id: r.id, at: performance.now() });
		};
		const sheet = async () => {
			const device = newDeviceToken();
			const { responseId } = await startResponse(db, code, device, {}, NOW);
			for (const answer of answersFor(w.items, 3)) {
				await answerItem(db, code, device, { responseId, ...answer }, NOW);
				await yieldToEvents();
			}
			await submitResponse(db, code, device, { responseId }, NOW);
			committed.push({ kind: 'sheet', id: responseId, at: performance.now() });
		};
		for (let i = 0; i < 5; i++) {
			await register();
			await sheet();
		}

		let writing = true;
		const writers = [
			(async () => {
				while (writing) {
					await register();
					await yieldToEvents();
				}
			})(),
			(async () => {
				while (writing) await sheet();
			})()
		];
		const began = performance.now();
		const backup = await takeBackup(databasePath, { dir: backupDir, keep: 24 }, NOW);
		const ended = performance.now();
		// A little more after the copy, which the restored database must not have.
		await new Promise((resolve) => setTimeout(resolve, 50));
		writing = false;
		await Promise.all(writers);
		const before = committed.filter((c) => c.at < began);
		const after = committed.filter((c) => c.at > ended + 1);
		expect(before.length).toBeGreaterThanOrEqual(10);
		expect(committed.some((c) => c.at > began && c.at < ended)).toBe(true);

		// The disk is lost.
		live!.close();
		live = null;
		for (const file of [databasePath, ...walCompanions(databasePath)]) rmSync(file, { force: true });
		expect(existsSync(databasePath)).toBe(false);

		const done = await restore(backup.path);
		expect(done.replacedCopy).toBeNull();
		expect(await inspectInWorker(databasePath)).toMatchObject({ ok: true, integrity: ['ok'] });
		live = await openDatabase({ url: `file:${databasePath}` });
		const restored = live.db;
		expect((await live.client.execute('PRAGMA foreign_key_check')).rows).toEqual([]);
		const ids = (kind: string, list: typeof committed) => list.filter((c) => c.kind === kind).map((c) => c.id);
		const registrationIds = new Set((await restored.select({ id: registrations.id }).from(registrations)).map((r) => r.id));
		const submitted = await restored.select({ id: surveyResponses.id }).from(surveyResponses).where(eq(surveyResponses.status, 'submitted'));
		const sheetIds = new Set(submitted.map((r) => r.id));
		for (const id of ids('registration', before)) expect(registrationIds).toContain(id);
		for (const id of ids('sheet', before)) expect(sheetIds).toContain(id);
		for (const id of ids('registration', after)) expect(registrationIds).not.toContain(id);
		for (const id of ids('sheet', after)) expect(sheetIds).not.toContain(id);
		// No sheet is half there: each submitted one has its score and an answer to every item.
		const scores = await restored.select({ n: count() }).from(surveyScores).where(inArray(surveyScores.responseId, [...sheetIds]));
		expect(scores[0]!.n).toBe(sheetIds.size);
		const answers = await restored.select({ n: count() }).from(surveyAnswers).where(inArray(surveyAnswers.responseId, [...sheetIds]));
		expect(answers[0]!.n).toBe(sheetIds.size * w.items.length);
	}, 60_000);

	it('keeps a checked copy of the database it replaces', async () => {
		const w = await makeSurveyWorld(live!.db);
		const backup = await takeBackup(databasePath, { dir: backupDir, keep: 24 }, new Date(NOW.getTime() - 60_000));
		await registerForEvent(live!.db, w.lectureId, { name: '王秀兰', phone: '13812345678', ageBand: '60_69', consent: true }, '2026-11-01', null, NOW);
		live!.close();
		live = null;

		const done = await restore(backup.path);
		expect(done.replacedCopy).toBe(join(backupDir, 'yizhen-20261110T020000.000Z-before-restore.db'));
		const replaced = await openDatabase({ url: `file:${done.replacedCopy}` });
		const inReplaced = await replaced.db.select({ n: count() }).from(registrations);
		replaced.close();
		expect(inReplaced[0]!.n).toBe(1);
		live = await openDatabase({ url: `file:${databasePath}` });
		expect((await live.db.select({ n: count() }).from(registrations))[0]!.n).toBe(0);
	}, 30_000);

	it('brings a backup from an older version up to date', async () => {
		// A database at 0021, as that version left it.
		const tags = shippedTags();
		const upTo = tags.findIndex((tag) => tag.startsWith('0021_'));
		const oldPath = join(dir, 'old.db');
		const oldDb = await openAtMigration(oldPath, tags[upTo]!, dir);
		await oldDb.client.execute("INSERT INTO organizations (id, name, kind) VALUES ('org1', '旧版本的卫健委', 'commission')");
		oldDb.close();

		live!.close();
		live = null;
		const done = await restore(oldPath);
		expect(done.migrations).toEqual({ before: upTo + 1, after: tags.length });
		live = await openDatabase({ url: `file:${databasePath}` });
		expect((await live.client.execute('SELECT name FROM organizations')).rows.map((r) => r[0])).toEqual(['旧版本的卫健委']);
		expect((await live.client.execute("SELECT count(*) FROM sqlite_master WHERE name = 'job_runs'")).rows[0]![0]).toBe(1);
	}, 30_000);
});

describe('a restore refuses, and the live database stays as it was', () => {
	async function expectRefused(source: string, words: RegExp) {
		await live!.client.execute("INSERT INTO organizations (id, name, kind) VALUES ('live', '在用的数据库', 'commission')");
		const names = (await live!.client.execute('SELECT name FROM organizations ORDER BY name')).rows.map((r) => r[0]);
		live!.close();
		live = null;
		const before = fingerprint(databasePath);
		const refused = await restore(source).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(RestoreRefused);
		expect((refused as RestoreRefused).message).toMatch(words);
		expect(fingerprint(databasePath)).toBe(before);
		expect(readdirSync(dir).filter((f) => f.includes('.restoring'))).toEqual([]);
		live = await openDatabase({ url: `file:${databasePath}` });
		expect((await live.client.execute('SELECT name FROM organizations ORDER BY name')).rows.map((r) => r[0])).toEqual(names);
		expect(names).toContain('在用的数据库');
	}

	it('refuses a file that is not a database', async () => {
		const foreign = join(dir, 'photo.jpg');
		writeFileSync(foreign, Buffer.alloc(8192, 0xab));
		await expectRefused(foreign, /不是可读的 SQLite 数据库文件.*not a readable SQLite database/s);
	});

	it('refuses a damaged database', async () => {
		await makeSurveyWorld(live!.db);
		const backup = await takeBackup(databasePath, { dir: backupDir, keep: 24 }, NOW);
		// Scribble over the start of a few pages after the first, as a failing disk would.
		const bytes = readFileSync(backup.path);
		for (let page = 2; page < 6; page++) bytes.fill(0x5a, 4096 * (page - 1), 4096 * (page - 1) + 64);
		writeFileSync(backup.path, bytes);
		await expectRefused(backup.path, /完整性检查|不是可读的/);
	});

	it('refuses a SQLite database of another application', async () => {
		const other = join(dir, 'other.db');
		const opened = await openDatabase({ url: `file:${other}` });
		await opened.client.execute('CREATE TABLE photos (id integer primary key, name text)');
		opened.close();
		await expectRefused(other, /不是义诊的数据库.*not a Yizhen database/s);
	});

	it('refuses a database from a newer version', async () => {
		const newer = (await takeBackup(databasePath, { dir: backupDir, keep: 24 }, NOW)).path;
		const opened = await openDatabase({ url: `file:${newer}` });
		await opened.client.execute(`INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('from-the-future', ${Date.parse('2030-01-01')})`);
		await opened.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
		opened.close();
		await expectRefused(newer, /来自更新的版本.*comes from a newer version/s);
	});

	it('refuses while a server has the database open', async () => {
		const backup = await takeBackup(databasePath, { dir: backupDir, keep: 24 }, NOW);
		// The process that started this test is alive: a marker in its name stands for a running server.
		mkdirSync(`${databasePath}.running`, { recursive: true });
		writeFileSync(join(`${databasePath}.running`, `${hostname()}-${process.ppid}`), '');
		await expectRefused(backup.path, /服务器正在使用这个数据库.*stop it, then restore/s);
	});

	it('forgets a marker left by a server that is gone', async () => {
		const backup = await takeBackup(databasePath, { dir: backupDir, keep: 24 }, NOW);
		mkdirSync(`${databasePath}.running`, { recursive: true });
		// No process has pid 2^22 (Linux's pid_max is at most that minus one).
		writeFileSync(join(`${databasePath}.running`, `${hostname()}-4194304`), '');
		live!.close();
		live = null;
		await restore(backup.path);
		expect(readdirSync(`${databasePath}.running`)).toEqual([]);
	});
});
