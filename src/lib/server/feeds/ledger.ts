/**
 * SEQUENCE, DTSTAMP and LAST-MODIFIED for each item of a feed, from the calendar_items ledger: an item
 * whose content differs from what this feed last served gets SEQUENCE + 1 and a new modification time;
 * an unchanged item keeps both, so the feed's bytes (and its ETag) stay put between requests.
 *
 * Reads the feed's rows in one query and writes only the items that changed. Two instances doing this
 * at once cannot double-bump: the upsert only fires where the stored hash still differs.
 */
import { createHash } from 'node:crypto';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { CalendarDate } from '../../calendar-date';
import type { DbOrTx } from '../db/client';
import { calendarItems } from '../db/schema';
import type { FeedItem } from './items';

export interface StampedItem extends FeedItem {
	/** Of the item's content: with the stamps below, it names one rendering of the item exactly. */
	contentHash: string;
	sequence: number;
	createdAt: Date;
	modifiedAt: Date;
}

export function contentHash(item: FeedItem): string {
	return createHash('sha256').update(JSON.stringify(item)).digest('base64url').slice(0, 22);
}

/** The UIDs are in one IN list; SQLite allows far more parameters, but chunks keep each query cheap. */
const CHUNK = 500;

export async function stampItems(db: DbOrTx, feedKey: string, items: FeedItem[], now: Date): Promise<StampedItem[]> {
	if (items.length === 0) return [];
	const stored = new Map<string, { contentHash: string; sequence: number; createdAt: Date; modifiedAt: Date }>();
	for (let i = 0; i < items.length; i += CHUNK) {
		const uids = items.slice(i, i + CHUNK).map((item) => item.uid);
		const rows = await db
			.select()
			.from(calendarItems)
			.where(and(eq(calendarItems.feedKey, feedKey), inArray(calendarItems.uid, uids)));
		for (const row of rows) stored.set(row.uid, row);
	}

	const hashes = items.map(contentHash);
	const changed = items.map((item, i) => ({ item, hash: hashes[i]! })).filter(({ item, hash }) => stored.get(item.uid)?.contentHash !== hash);
	if (changed.length > 0) {
		const statements = changed.map(({ item, hash }) =>
			db
				.insert(calendarItems)
				.values({ feedKey, uid: item.uid, date: item.date, contentHash: hash, sequence: 0, createdAt: now, modifiedAt: now })
				.onConflictDoUpdate({
					target: [calendarItems.feedKey, calendarItems.uid],
					set: {
						contentHash: hash,
						date: item.date,
						sequence: sql`${calendarItems.sequence} + 1`,
						modifiedAt: now
					},
					setWhere: sql`${calendarItems.contentHash} <> excluded.content_hash`
				})
		);
		// A batch is one round trip for a new 600-item feed; inside a transaction (a change that also
		// queues mail) the statements simply run in turn.
		if ('batch' in db) await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
		else for (const statement of statements) await statement;
		// Read back what is stored now: another instance may have written the same change first.
		const rows = await db
			.select()
			.from(calendarItems)
			.where(and(eq(calendarItems.feedKey, feedKey), inArray(calendarItems.uid, changed.map(({ item }) => item.uid))));
		for (const row of rows) stored.set(row.uid, row);
	}

	return items.map((item, i) => {
		const contentHash = hashes[i]!;
		const row = stored.get(item.uid);
		// Only if a concurrent writer removed the row between our write and read; serve it as new.
		if (!row) return { ...item, contentHash, sequence: 0, createdAt: now, modifiedAt: now };
		return { ...item, contentHash, sequence: row.sequence, createdAt: row.createdAt, modifiedAt: row.modifiedAt };
	});
}

/** Forget items dated before `before`: they are out of every feed's window. */
export async function forgetItemsBefore(db: DbOrTx, before: CalendarDate): Promise<number> {
	const result = await db.delete(calendarItems).where(lt(calendarItems.date, before));
	return result.rowsAffected;
}
