/** Calendar feeds: private tokens, published items and their states. */
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns';

export const CALENDAR_FEED_KINDS = ['expert', 'resident'] as const;

/**
 * Private calendar feed addresses (an expert's own, a resident's registrations). Kept as issued, not
 * hashed like sessions: a calendar address must be shown again whenever its owner asks for it, and it
 * only reads a schedule; it never signs anyone in. Rotating revokes the old row, so it answers 404.
 */
export const calendarFeedTokens = sqliteTable(
	'calendar_feed_tokens',
	{
		token: text().primaryKey(),
		kind: text({ enum: CALENDAR_FEED_KINDS }).notNull(),
		/** The expert's id, or the registration whose manage page issued it. */
		subjectId: text().notNull(),
		createdAt: createdAt(),
		revokedAt: integer({ mode: 'timestamp_ms' })
	},
	(t) => [
		index('calendar_feed_tokens_subject_idx').on(t.kind, t.subjectId),
		check('calendar_feed_tokens_kind_check', sql`${t.kind} in ('expert','resident')`)
	]
);

/**
 * What each item of each feed looked like when last served. SEQUENCE, DTSTAMP and LAST-MODIFIED come
 * from here, so they change exactly when the item's content does, whatever caused the change (a rule
 * edit, leave, a holiday entered, a renamed site), and stay put between requests.
 */
export const calendarItems = sqliteTable(
	'calendar_items',
	{
		feedKey: text().notNull(),
		uid: text().notNull(),
		/** The item's local date, to forget items once they leave every window. */
		date: text().notNull(),
		contentHash: text().notNull(),
		sequence: integer().notNull().default(0),
		createdAt: integer({ mode: 'timestamp_ms' }).notNull(),
		modifiedAt: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.feedKey, t.uid] }), index('calendar_items_date_idx').on(t.date)]
);

/** The last body each feed served, by hash: Last-Modified moves only when the ETag does. */
export const calendarFeedStates = sqliteTable('calendar_feed_states', {
	feedKey: text().primaryKey(),
	etag: text().notNull(),
	modifiedAt: integer({ mode: 'timestamp_ms' }).notNull()
});
