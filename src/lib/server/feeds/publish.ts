/**
 * A feed as served: body, ETag (a hash of the whole body, so any change shows), Last-Modified (moves
 * only when the ETag does, kept in calendar_feed_states so every instance agrees) and a gzip copy.
 * Public feeds are cached against the schedule generation, like the schedule pages: a conditional
 * request for an unchanged feed costs one tiny read and a string compare.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { calendarFeedStates } from '../db/schema';
import { currentGeneration } from '../schedule/view-cache';
import { stampItems } from './ledger';
import { renderCalendar } from './render';
import type { FeedSource } from './sources';

export interface PublishedFeed {
	body: string;
	gzipped: Buffer;
	etag: string;
	lastModified: Date;
}

export async function publishFeed(db: Db, source: FeedSource, now: Date = new Date()): Promise<PublishedFeed> {
	const items = await stampItems(db, source.key, source.items, now);
	const body = renderCalendar(items, { name: source.name, timeZone: source.timeZone });
	const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
	// Record the ETag; Last-Modified moves only when it changed (or the feed is new).
	await db
		.insert(calendarFeedStates)
		.values({ feedKey: source.key, etag, modifiedAt: now })
		.onConflictDoUpdate({
			target: calendarFeedStates.feedKey,
			set: { etag, modifiedAt: now },
			setWhere: sql`${calendarFeedStates.etag} <> excluded.etag`
		});
	const state = await db.select().from(calendarFeedStates).where(eq(calendarFeedStates.feedKey, source.key)).get();
	return { body, gzipped: gzipSync(body), etag, lastModified: state?.modifiedAt ?? now };
}

const MAX_ENTRIES = 1_000;
const cache = new Map<string, { generation: number; feed: PublishedFeed }>();

/**
 * The published feed for `key` (which must include the window's dates and the origin), rebuilt only
 * when the schedule generation moved. `load` returns null for an unknown subject; that is not cached.
 */
export async function cachedFeed(db: Db, key: string, load: () => Promise<FeedSource | null>): Promise<PublishedFeed | null> {
	const generation = await currentGeneration(db);
	const hit = cache.get(key);
	if (hit && hit.generation === generation) return hit.feed;
	const source = await load();
	if (!source) return null;
	const feed = await publishFeed(db, source);
	cache.delete(key);
	cache.set(key, { generation, feed });
	if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
	return feed;
}

export function clearFeedCache(): void {
	cache.clear();
}
