/**
 * Cached page data for the public schedule. An entry is good while the database's schedule
 * generation (bumped by triggers on every relevant write, whoever writes) is unchanged, so a cached
 * page is never staler than one tiny read. Bounded: the oldest entries go first.
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { scheduleGeneration } from '../db/schema';

const MAX_ENTRIES = 5_000;
const entries = new Map<string, { generation: number; value: unknown }>();

export async function currentGeneration(db: DbOrTx): Promise<number> {
	const row = await db.select({ value: scheduleGeneration.value }).from(scheduleGeneration).where(eq(scheduleGeneration.id, 1)).get();
	return row?.value ?? -1;
}

/**
 * The cached value for `key` if nothing has changed since it was computed, else `compute()`'s. Keys
 * must include everything the value depends on besides the database (the date, for "today").
 */
export async function cachedView<T>(db: DbOrTx, key: string, compute: () => Promise<T>): Promise<T> {
	const generation = await currentGeneration(db);
	const hit = entries.get(key);
	if (hit && hit.generation === generation) {
		// Re-insert so the Map's order is least-recently-used first.
		entries.delete(key);
		entries.set(key, hit);
		return hit.value as T;
	}
	const value = await compute();
	entries.delete(key);
	entries.set(key, { generation, value });
	if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
	return value;
}

/** For tests: forget everything. */
export function clearViewCache(): void {
	entries.clear();
}
