/**
 * A fresh libSQL file database in a temporary folder with every migration applied: domain tests run
 * against the real engine, never a mock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../db/client';
import { applyMigrations } from '../db/migrate';

export interface TestDb {
	db: Db;
	url: string;
	cleanup(): void;
}

export async function createTestDb(): Promise<TestDb> {
	const dir = mkdtempSync(join(tmpdir(), 'yizhen-test-'));
	const url = `file:${join(dir, 'test.db')}`;
	const { db, close } = await openDatabase({ url });
	await applyMigrations(db);
	return {
		db,
		url,
		cleanup() {
			close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
