/**
 * Cached page data for the public schedule. An entry is good while the change counters of the scopes
 * it names are unchanged (cache-scopes.ts: bumped by triggers on every relevant write, whoever writes),
 * so a cached view is never staler than one tiny read, and for at most an hour (less a random part, so
 * entries made together do not all expire together): "today" moves on even when nothing is written.
 * Bounded: the least recently used entries go first.
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { scheduleGeneration } from '../db/schema';
import { stampOf } from './cache-scopes';

/** A district: 600 centers × 4 weeks, 2,000 experts, the find page's searches and their departments' weeks. */
const MAX_ENTRIES = 8_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;
const entries = new Map<string, { stamp: string; expires: number; value: unknown }>();

/** Everything the schedule shows, counted as one: for the calendar feeds, posters and reports. */
export async function currentGeneration(db: DbOrTx): Promise<number> {
	const row = await db.select({ value: scheduleGeneration.value }).from(scheduleGeneration).where(eq(scheduleGeneration.id, 1)).get();
	return row?.value ?? -1;
}

/** When an entry stored now should go: within `lifetimeMs`, at a random point of its last quarter. */
export function expiryFrom(now: number, lifetimeMs: number): number {
	return now + lifetimeMs * (0.75 + Math.random() * 0.25);
}

/**
 * The cached value for `key` if nothing in `scopes` has changed since it was computed, else
 * `compute()`'s. Keys must include everything the value depends on besides the database (the date,
 * for "today"); `lifetime` bounds what depends on the clock, in ms or worked out from the value.
 */
export async function cachedView<T>(
	db: DbOrTx,
	key: string,
	scopes: readonly string[],
	compute: () => Promise<T>,
	lifetime: number | ((value: T) => number) = HOUR_MS
): Promise<T> {
	const stamp = await stampOf(db, scopes);
	const hit = entries.get(key);
	const now = Date.now();
	if (hit && hit.stamp === stamp && hit.expires > now) {
		// Re-insert so the Map's order is least-recently-used first.
		entries.delete(key);
		entries.set(key, hit);
		return hit.value as T;
	}
	const value = await compute();
	entries.delete(key);
	entries.set(key, { stamp, expires: expiryFrom(now, typeof lifetime === 'number' ? lifetime : lifetime(value)), value });
	if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
	return value;
}

/** For tests: forget everything. */
export function clearViewCache(): void {
	entries.clear();
}
