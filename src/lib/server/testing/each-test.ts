/**
 * Test files declare their database once, at the top, and get a fresh one in every test: the
 * before/after pair here is the one place that makes and removes it. Apart from test-db.ts, which
 * the bench scripts use outside vitest.
 */
import { afterEach, beforeEach } from 'vitest';
import type { Db } from '../db/client';
import { createTestDb, type TestDb } from './test-db';

/**
 * Something made before each test of the file (or describe block) that calls this and disposed of
 * after it; `current()` is this test's, and refuses outside a test.
 */
export function forEachTest<R>(make: () => Promise<R>, dispose: (made: R) => void): () => R {
	let made: { value: R } | null = null;
	beforeEach(async () => {
		made = { value: await make() };
	});
	afterEach(() => {
		if (made) dispose(made.value);
		made = null;
	});
	return () => {
		if (!made) throw new Error('made for each test: it exists only inside a test');
		return made.value;
	};
}

/**
 * An object that stands for `current()` whenever it is read, so a file can hold this test's database
 * or world in a constant. Reads, `in`, spreads and printing all see the current one.
 */
export function standingFor<T extends object>(current: () => T): T {
	return new Proxy({} as T, {
		get: (_, key) => Reflect.get(current(), key),
		has: (_, key) => Reflect.has(current(), key),
		ownKeys: () => Reflect.ownKeys(current()),
		getOwnPropertyDescriptor: (_, key) => {
			const found = Reflect.getOwnPropertyDescriptor(current(), key);
			return found && { ...found, configurable: true };
		}
	});
}

/**
 * A fresh database for each test, made ready by `prepare` (a world of factories, the demo seed) and
 * removed after it. `t` and `w` stand for the current test's database and what `prepare` returned.
 */
export function testDbForEachTest<W extends object>(prepare: (db: Db) => Promise<W>): { t: TestDb; w: W } {
	const current = forEachTest(
		async () => {
			const t = await createTestDb();
			try {
				return { t, w: await prepare(t.db) };
			} catch (error) {
				t.cleanup();
				throw error;
			}
		},
		(made) => made.t.cleanup()
	);
	return { t: standingFor(() => current().t), w: standingFor(() => current().w) };
}

/** A fresh database, migrations applied and nothing in it, for each test of the file that calls this. */
export function emptyDbForEachTest(): TestDb {
	return testDbForEachTest(async () => ({})).t;
}
