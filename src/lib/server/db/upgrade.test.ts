/**
 * Upgrades keep every row (issue 21, point 3). For each earlier migration, a database is built as
 * that version left it and filled with the demo district (plus rows for tables the demo leaves empty)
 * as far as that schema can hold it; then it is migrated to the newest, and every row must still be
 * there with the same values, every foreign key must hold, and the integrity check must be clean.
 *
 * A migration that means to drop or rewrite data says so in its file (`-- Drops or rewrites data:`),
 * is named in REWRITES below with what it changes, and has a test of its own.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../auth/sessions';
import { recordLoginFailure } from '../auth/throttle';
import { requestPasswordReset } from '../auth/account-links';
import { recordRegistrationAttempts } from '../events/registration-limit';
import { stampItems } from '../feeds/ledger';
import { enqueueMail } from '../notify/outbox';
import { recordJobRun } from '../ops/job-runs';
import { seedDemoData, demoId } from '../seed/seed-demo';
import { requestPhoneCode } from '../sms/verification';
import { scoreUnscoredSheets } from '../surveys/scores';
import { openAtMigration, shippedTags } from '../testing/old-schema';
import { backupBeforeUpgrade } from './upgrade';
import { openDatabase, type OpenDatabase } from './client';
import { applyMigrations, migrationsFolder } from './migrate';
import {
	calendarFeedStates,
	calendarFeedTokens,
	checkInOps,
	experts,
	holidayDays,
	holidayYears,
	mailFanouts,
	mailRecipients,
	phoneSessions,
	registrations,
	rosterUploads,
	rotations,
	sittingTeaching,
	sittingVisits,
	smsFollows
} from './schema';

type Row = Record<string, unknown>;
interface SyncDb {
	prepare(sql: string): { all(...params: unknown[]): Row[]; run(...params: unknown[]): unknown; get(...params: unknown[]): Row | undefined };
	exec(sql: string): void;
	close(): void;
}
const Database = createRequire(import.meta.url)('libsql') as new (path: string) => SyncDb;

/** Columns renamed by a migration: table → { old name: new name }. */
const RENAMED: Record<string, Record<string, string>> = { check_in_ops: { id: 'op_id' } };
/** Tables whose primary key a migration changed (0014 keyed check-in ops by event too): rows are matched by a column every version has. */
const MATCHED_BY: Record<string, string> = { check_in_ops: 'op_id' };
/** Rows a migration writes itself (0002 starts the schedule's change counter): a database of that time had none before it. */
const MADE_BY_MIGRATIONS = new Set(['schedule_generation']);
/** Migrations that drop or rewrite data on purpose: tag → tables and columns they change. None so far. */
const REWRITES: Record<string, Record<string, string[]>> = {};
/** Tables the filled demo leaves empty: each of them is still checked to exist after the upgrade. */
const LEFT_EMPTY = new Set<string>([]);

const NOW = new Date('2026-11-10T02:00:00.000Z');
let dir: string;
let source: SyncDb;

/** The demo district at the newest schema, with a few rows in tables it leaves empty. */
async function fillSource(path: string): Promise<void> {
	const opened = await openDatabase({ url: `file:${path}` });
	const { db } = opened;
	await applyMigrations(db);
	await seedDemoData(db, { today: '2026-11-09' });
	await scoreUnscoredSheets(db);
	await enqueueMail(db, { kind: 'invite', to: 'new.organizer@example.org', subject: '邀请', text: '您好' }, NOW);
	await requestPhoneCode(db, { phone: '13812345678', purpose: 'find_registrations', address: '127.0.0.1' }, undefined, NOW);
	await createSession(db, 'a-session-token-for-the-upgrade-test', demoId('user:admin@yizhen.example'), NOW);
	await recordLoginFailure(db, 'admin@yizhen.example', '127.0.0.1', NOW);
	await recordRegistrationAttempts(db, [{ who: { ip: '127.0.0.1', phone: '13812345678' }, at: NOW }]);
	await requestPasswordReset(db, 'organizer@yizhen.example', NOW);
	await stampItems(db, 'site:upgrade-test', [{ uid: 'u1@sitting.yizhen', date: '2026-11-10', startTime: '08:00', endTime: '11:30', timeZone: 'Asia/Shanghai', status: 'CONFIRMED', summary: '坐诊', location: '新桥', description: '', url: 'http://localhost:3000/' }], NOW);
	await recordJobRun(db, 'retention', { startedAt: NOW, finishedAt: NOW, ok: true, summary: { registrations: 0 } });
	// One representative row in each table the demo leaves empty, so each is carried through every upgrade.
	const event = demoId('event:clinic-this-saturday');
	const admin = demoId('user:admin@yizhen.example');
	const [rotation] = await db.select({ id: rotations.id }).from(rotations).limit(1);
	const [registration] = await db.select({ id: registrations.id }).from(registrations).where(eq(registrations.eventId, event)).limit(1);
	const [expert] = await db.select({ id: experts.id }).from(experts).limit(1);
	await db.insert(calendarFeedStates).values({ feedKey: 'site:upgrade-test', etag: '"e1"', modifiedAt: NOW });
	await db.insert(calendarFeedTokens).values({ token: 'feed-token-upgrade-test', kind: 'expert', subjectId: expert!.id, createdAt: NOW });
	await db.insert(checkInOps).values({ opId: 'op-upgrade-000001', eventId: event, kind: 'code', registrationId: registration!.id, outcome: 'checked_in', message: '王*兰 签到成功', byUserId: admin, clientAt: NOW, receivedAt: NOW });
	await db.insert(holidayDays).values({ date: '2027-01-01', kind: 'holiday', name: '元旦' });
	await db.insert(holidayYears).values({ year: 2027, note: '按国务院办公厅通知录入' });
	await db.insert(mailFanouts).values({ id: 'fanout-upgrade-test', kind: 'event_moved', eventId: event, before: '{"date":"2026-11-14"}', createdAt: NOW, doneAt: NOW });
	await db.insert(mailRecipients).values({ email: 'resident@example.org', unsubscribeToken: 'unsubscribe-upgrade-test', createdAt: NOW });
	await db.insert(phoneSessions).values({ tokenHash: 'phone-session-upgrade-test', purpose: 'follow', phone: '13812345678', expiresAt: NOW, createdAt: NOW });
	await db.insert(rosterUploads).values({ id: 'upload-upgrade-test', userId: admin, filename: '排班表.csv', bytes: Buffer.from('专家,科室\n'), expiresAt: NOW });
	await db.insert(sittingTeaching).values({ rotationId: rotation!.id, originalDate: '2026-11-03', kind: 'teaching', recordedBy: admin });
	await db.insert(sittingVisits).values({ rotationId: rotation!.id, originalDate: '2026-11-03', patientsSeen: 12, recordedBy: admin });
	await db.insert(smsFollows).values({ id: 'follow-upgrade-test', phone: '13812345678', targetKind: 'expert', targetId: expert!.id, consentAt: NOW, expiresAt: NOW, stopToken: 'stop-upgrade-test' });
	await opened.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
	opened.close();
}

function tablesOf(db: SyncDb): string[] {
	return db
		.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations' ORDER BY name")
		.all()
		.map((r) => String(r.name));
}

interface Column {
	name: string;
	notnull: number;
	dflt_value: unknown;
	pk: number;
}
const columnsOf = (db: SyncDb, table: string) => db.prepare(`PRAGMA table_info("${table}")`).all() as unknown as Column[];

/** Copies every row the older schema can hold from the demo into `db`; returns what did not fit. */
function fillFromSource(db: SyncDb): string[] {
	const problems: string[] = [];
	const sourceTables = new Set(tablesOf(source));
	db.exec('PRAGMA foreign_keys = OFF');
	db.exec('BEGIN');
	for (const table of tablesOf(db)) {
		if (!sourceTables.has(table) || MADE_BY_MIGRATIONS.has(table)) continue;
		const renamed = RENAMED[table] ?? {};
		const sourceColumns = new Set(columnsOf(source, table).map((c) => c.name));
		const all = columnsOf(db, table);
		const columns = all.filter((c) => sourceColumns.has(renamed[c.name] ?? c.name));
		const unfilled = all.filter((c) => !columns.includes(c) && c.notnull && c.dflt_value === null);
		if (unfilled.length) {
			problems.push(`${table}: no value for ${unfilled.map((c) => c.name).join(', ')}`);
			continue;
		}
		const select = columns.map((c) => `"${renamed[c.name] ?? c.name}"`).join(', ');
		const insert = db.prepare(`INSERT OR IGNORE INTO "${table}" (${columns.map((c) => `"${c.name}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
		// A blob reads back as an ArrayBuffer, which the driver binds only as a Buffer.
		for (const row of source.prepare(`SELECT ${select} FROM "${table}"`).all()) insert.run(...Object.values(row).map((v) => (v instanceof ArrayBuffer ? Buffer.from(v) : v)));
	}
	db.exec('COMMIT');
	// Rows the older schema refused (a CHECK it did not yet allow) leave children without a parent:
	// those children go too, until every foreign key holds, as it does in any real database.
	for (let violations = db.prepare('PRAGMA foreign_key_check').all(); violations.length > 0; violations = db.prepare('PRAGMA foreign_key_check').all()) {
		for (const v of violations) db.prepare(`DELETE FROM "${String(v.table)}" WHERE rowid = ?`).run(v.rowid);
	}
	db.exec('PRAGMA foreign_keys = ON');
	return problems;
}

/** Every row of every table, keyed by its primary key (or rowid), with every column's value. */
function snapshot(db: SyncDb): Map<string, Map<string, Row>> {
	const all = new Map<string, Map<string, Row>>();
	for (const table of tablesOf(db)) {
		const columns = columnsOf(db, table);
		const stable = MATCHED_BY[table];
		const stableHere = stable && (columns.some((c) => c.name === stable) ? stable : Object.entries(RENAMED[table] ?? {}).find(([, to]) => to === stable)?.[0]);
		const key = stableHere
			? [stableHere]
			: columns
					.filter((c) => c.pk > 0)
					.sort((a, b) => a.pk - b.pk)
					.map((c) => c.name);
		const rows = new Map<string, Row>();
		for (const row of db.prepare(`SELECT rowid AS __rowid, * FROM "${table}"`).all()) {
			const { __rowid, ...values } = row;
			rows.set(key.length ? JSON.stringify(key.map((k) => values[k])) : String(__rowid), values);
		}
		all.set(table, rows);
	}
	return all;
}

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'yizhen-upgrade-'));
	await fillSource(join(dir, 'source.db'));
	source = new Database(join(dir, 'source.db'));
}, 120_000);
afterAll(() => {
	source?.close();
	rmSync(dir, { recursive: true, force: true });
});

const tags = shippedTags();
const newest = tags.at(-1)!;

describe('upgrading a database keeps every row', () => {
	it('fills the newest schema with the demo and rows in nearly every table', () => {
		const empty = tablesOf(source).filter((t) => Number(source.prepare(`SELECT count(*) AS n FROM "${t}"`).get()!.n) === 0);
		expect(empty.filter((t) => !LEFT_EMPTY.has(t))).toEqual([]);
	});

	for (const tag of tags.slice(0, -1)) {
		it(`from ${tag} to ${newest}`, async () => {
			const path = join(dir, `${tag}.db`);
			(await openAtMigration(path, tag, dir)).close();
			const old = new Database(path);
			const problems = fillFromSource(old);
			const before = snapshot(old);
			old.close();
			expect(problems).toEqual([]);
			// Something was there to lose: the organization tree at least.
			expect(before.get('organizations')!.size).toBeGreaterThan(0);

			const opened = await openDatabase({ url: `file:${path}` });
			await applyMigrations(opened.db);
			opened.close();

			const upgraded = new Database(path);
			try {
				expect(upgraded.prepare('PRAGMA integrity_check').all().map((r) => Object.values(r)[0])).toEqual(['ok']);
				expect(upgraded.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
				const after = snapshot(upgraded);
				const later = tags.slice(tags.indexOf(tag) + 1);
				const lost: string[] = [];
				for (const [table, rows] of before) {
					const now = after.get(table);
					if (!now) {
						lost.push(`${table}: the table is gone`);
						continue;
					}
					const rewritten = new Set(later.flatMap((t) => REWRITES[t]?.[table] ?? []));
					const renamed = RENAMED[table] ?? {};
					for (const [key, row] of rows) {
						// A renamed primary key column keeps its values: the key reads the same.
						const found = now.get(key);
						if (!found) {
							lost.push(`${table} ${key}: the row is gone`);
							continue;
						}
						for (const [column, value] of Object.entries(row)) {
							const newName = column in found ? column : renamed[column];
							if (!newName || rewritten.has(newName)) continue;
							if (!isDeepStrictEqual(found[newName], value)) lost.push(`${table} ${key}.${column}: ${String(value)} became ${String(found[newName])}`);
						}
					}
				}
				expect(lost.slice(0, 20)).toEqual([]);
			} finally {
				upgraded.close();
			}
		}, 60_000);
	}
});

describe('migrations that drop or rewrite data say so', () => {
	it('has no DROP, DELETE or UPDATE outside a table rebuild or a trigger unless the file says why', () => {
		const folder = migrationsFolder();
		const unsaid: string[] = [];
		for (const file of readdirSync(folder).filter((f) => f.endsWith('.sql'))) {
			const text = readFileSync(join(folder, file), 'utf8');
			if (text.includes('-- Drops or rewrites data:')) continue;
			for (const statement of text.split('--> statement-breakpoint')) {
				const sql = statement.replace(/^\s*--.*$/gm, '').trim();
				if (/^CREATE TRIGGER/i.test(sql)) continue;
				const dropped = /^DROP TABLE [`"]?(\w+)/i.exec(sql)?.[1];
				// drizzle's rebuild: the rows were copied into __new_<table> just before.
				if (dropped && text.includes(`INSERT INTO \`__new_${dropped}\``)) continue;
				if (/^(DROP TABLE|DELETE FROM|UPDATE\s|ALTER TABLE \S+ DROP COLUMN)/i.test(sql)) unsaid.push(`${file}: ${sql.slice(0, 60)}`);
			}
		}
		expect(unsaid).toEqual([]);
	});
});

describe('npm start before an upgrade', () => {
	it('backs up a database that holds data and has migrations to apply, and nothing else', async () => {
		const path = join(dir, 'before-upgrade.db');
		const backups = join(dir, 'before-upgrade-backups');
		const old = await openAtMigration(path, tags.at(-2)!, dir);
		await old.client.execute("INSERT INTO organizations (id, name, kind) VALUES ('org1', '升级前的卫健委', 'commission')");
		const env = { BACKUP_DIR: backups };
		const first = await backupBeforeUpgrade(old.db, `file:${path}`, migrationsFolder(), env, NOW);
		expect(first.pending).toEqual([newest]);
		expect(first.backup?.path).toBe(join(backups, 'before-upgrade-20261110T020000.000Z-before-upgrade.db'));
		await applyMigrations(old.db);
		const second = await backupBeforeUpgrade(old.db, `file:${path}`, migrationsFolder(), env, NOW);
		expect(second).toEqual({ pending: [], backup: null });
		old.close();

		const fresh: OpenDatabase = await openDatabase({ url: `file:${join(dir, 'fresh.db')}` });
		expect((await backupBeforeUpgrade(fresh.db, `file:${join(dir, 'fresh.db')}`, migrationsFolder(), env, NOW)).backup).toBeNull();
		fresh.close();
		expect(readdirSync(backups)).toEqual(['before-upgrade-20261110T020000.000Z-before-upgrade.db']);
	}, 60_000);
});
