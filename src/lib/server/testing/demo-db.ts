/**
 * The demo district as most domain tests start from it: a fresh database (test-db.ts) with the
 * seed loaded as it stood on `today`, so "this week" and "next Saturday" mean the same on any day
 * the tests run.
 */
import type { CalendarDate } from '../../calendar-date';
import { seedDemoData } from '../seed/seed-demo';
import { testDbForEachTest } from './each-test';
import { createTestDb, type TestDb } from './test-db';

export async function createDemoDb(today: CalendarDate): Promise<TestDb> {
	const t = await createTestDb();
	await seedDemoData(t.db, { today });
	return t;
}

/** A new demo database for each test of the file (or describe block) that calls this, removed after it. */
export function demoDbForEachTest(today: CalendarDate): TestDb {
	return testDbForEachTest(async (db) => {
		await seedDemoData(db, { today });
		return {};
	}).t;
}
