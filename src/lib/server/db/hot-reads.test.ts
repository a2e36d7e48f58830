import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stampOf } from '../schedule/cache-scopes';
import { createTestDb, type TestDb } from '../testing/test-db';
import { openDatabase } from './client';
import { databaseFilePath, hotReaderOf } from './hot-reads';

let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
});
afterEach(() => t.cleanup());

const bump = (db: TestDb['db'], scope: string) =>
	db.run(sql`INSERT INTO cache_scopes (scope, generation) VALUES (${scope}, 1) ON CONFLICT (scope) DO UPDATE SET generation = generation + 1`);

describe('the kept-statement reader of cache stamps', () => {
	it('reads the file a file URL names, and leaves servers and memory to the client', () => {
		expect(databaseFilePath('file:data/yizhen.db')).toBe('data/yizhen.db');
		expect(databaseFilePath('file:/srv/yizhen/data/yizhen.db?mode=rwc')).toBe('/srv/yizhen/data/yizhen.db');
		expect(databaseFilePath('file:///srv/yi%20zhen/yizhen.db')).toBe('/srv/yi zhen/yizhen.db');
		expect(databaseFilePath('libsql://yizhen.example.org')).toBeNull();
		expect(databaseFilePath('file::memory:')).toBeNull();
	});

	it('sees a write once it is committed, from this connection or another process’s, and not before', async () => {
		expect(hotReaderOf(t.db)).not.toBeNull();
		const before = await stampOf(t.db, ['site:a', 'all']);
		const other = await openDatabase({ url: t.url });
		try {
			await bump(other.db, 'site:a');
			const afterOther = await stampOf(t.db, ['site:a', 'all']);
			expect(afterOther).not.toBe(before);

			let insideTransaction = '';
			await t.db.transaction(async (tx) => {
				await bump(tx as unknown as TestDb['db'], 'all');
				// A transaction reads through the client and sees its own write; the reader does not, yet.
				insideTransaction = await stampOf(tx, ['site:a', 'all']);
				expect(hotReaderOf(tx)).toBeNull();
				expect(await stampOf(t.db, ['site:a', 'all'])).toBe(afterOther);
			});
			expect(insideTransaction).not.toBe(afterOther);
			expect(await stampOf(t.db, ['site:a', 'all'])).toBe(insideTransaction);
		} finally {
			other.close();
		}
	});

	it('is closed with its database', async () => {
		const other = await openDatabase({ url: t.url });
		const reader = hotReaderOf(other.db)!;
		other.close();
		expect(hotReaderOf(other.db)).toBeNull();
		expect(() => reader.rows('SELECT 1', [])).toThrow();
	});
});
