/**
 * The demo district as most domain tests start from it: a fresh database (test-db.ts) with the
 * seed loaded as it stood on `today`, so "this week" and "next Saturday" mean the same on any day
 * the tests run.
 */
import { afterEach, beforeEach } from 'vitest';
import type { CalendarDate } from '../../calendar-date';
import { seedDemoData } from '../seed/seed-demo';
import { createTestDb, type TestDb } from './test-db';

export async function createDemoDb(today: CalendarDate): Promise<TestDb> {
	const t = await createTestDb();
	await seedDemoData(t.db, { today });
	return t;
}

/** A new demo database for each test of the file (or describe block) that calls this, removed after it. */
export function demoDbForEachTest(today: CalendarDate): TestDb {
	let current: TestDb | null = null;
	beforeEach(async () => {
		current = await createDemoDb(today);
	});
	afterEach(() => {
		current?.cleanup();
		current = null;
	});
	const open = () => {
		if (!current) throw new Error('the demo database exists only inside a test');
		return current;
	};
	return {
		get db() {
			return open().db;
		},
		get url() {
			return open().url;
		},
		cleanup: () => open().cleanup()
	};
}
