/** The SMS outbox, phone verification codes and sessions, and follows (停诊提醒). */
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './columns';
import { organizations } from './organizations';

export const SMS_STATUSES = ['pending', 'sending', 'sent', 'dead'] as const;

/**
 * Every text message, queued in the same transaction as its cause and sent by sms/worker.ts, as mail
 * is. A provider sends a pre-approved template with parameters, never free text, so the row keeps the
 * template's kind and its parameters; the words are the catalog's (sms/kinds.ts). Without a provider
 * the worker marks the row sent with `deliveredVia = 'box'` and an admin reads it in the console.
 */
export const smsMessages = sqliteTable(
	'sms_messages',
	{
		id: text().primaryKey(),
		kind: text().notNull(),
		/** 11 digits, mainland China (events/phone.ts normalizeMobile). */
		phone: text().notNull(),
		/** JSON: the template's parameters by name, plain strings. */
		params: text({ mode: 'json' }).$type<Record<string, string>>().notNull(),
		/** Enqueuing twice with the same key queues one message: no resident is texted twice for one cause. */
		dedupeKey: text().notNull(),
		/** Whose message this is, for the monthly count (SMS costs money); none for a verification code. */
		organizationId: text().references(() => organizations.id),
		/** Sent even in quiet hours (a same-day cancellation, a code the resident is waiting for). */
		urgent: integer({ mode: 'boolean' }).notNull().default(false),
		status: text({ enum: SMS_STATUSES }).notNull().default('pending'),
		attempts: integer().notNull().default(0),
		nextAttemptAt: integer({ mode: 'timestamp_ms' }).notNull(),
		leaseOwner: text(),
		leaseUntil: integer({ mode: 'timestamp_ms' }),
		lastError: text(),
		deliveredVia: text({ enum: ['tencent', 'box'] }),
		/** The provider's id of the sent message (Tencent's SerialNo). */
		providerMessageId: text(),
		/** Billed segments (Tencent's Fee; counted from the text for the box). */
		fee: integer(),
		sentAt: integer({ mode: 'timestamp_ms' }),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		index('sms_due_idx').on(t.status, t.nextAttemptAt),
		index('sms_phone_idx').on(t.phone, t.createdAt),
		index('sms_org_sent_idx').on(t.organizationId, t.sentAt),
		uniqueIndex('sms_dedupe_unique').on(t.dedupeKey),
		check('sms_status_check', sql`${t.status} in ('pending','sending','sent','dead')`)
	]
);

/** What a code proves the phone for: a code asked for one cannot be spent on another. */
export const PHONE_CODE_PURPOSES = ['find_registrations', 'follow'] as const;

/**
 * A 6-digit code texted to a phone (sms/verification.ts). The browser that asked holds a random
 * challenge token (a cookie); the row is found by the token's SHA-256 and the code is kept only as an
 * HMAC keyed by the token itself, so neither can be recovered from the database. Rows older than two
 * days are deleted as new codes are asked for: they only count towards the daily cap.
 */
export const phoneCodes = sqliteTable(
	'phone_codes',
	{
		challengeHash: text().primaryKey(),
		purpose: text({ enum: PHONE_CODE_PURPOSES }).notNull(),
		/** 11 digits, mainland China (events/phone.ts normalizeMobile). */
		phone: text().notNull(),
		codeHash: text().notNull(),
		/** The address that asked, for the per-address cap. */
		address: text().notNull(),
		/** Wrong codes entered; at the limit the code is dead. */
		attempts: integer().notNull().default(0),
		expiresAt: integer({ mode: 'timestamp_ms' }).notNull(),
		usedAt: integer({ mode: 'timestamp_ms' }),
		createdAt: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		index('phone_codes_phone_idx').on(t.phone, t.createdAt),
		index('phone_codes_address_idx').on(t.address, t.createdAt),
		index('phone_codes_created_idx').on(t.createdAt),
		check('phone_codes_purpose_check', sql`${t.purpose} in ('find_registrations','follow')`),
		check('phone_codes_attempts_check', sql`${t.attempts} >= 0`)
	]
);

/**
 * A phone proven by a code, for a short while: the browser holds the random token (an HttpOnly
 * cookie), the database its SHA-256, as for staff sessions.
 */
export const phoneSessions = sqliteTable(
	'phone_sessions',
	{
		tokenHash: text().primaryKey(),
		purpose: text({ enum: PHONE_CODE_PURPOSES }).notNull(),
		phone: text().notNull(),
		expiresAt: integer({ mode: 'timestamp_ms' }).notNull(),
		createdAt: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		index('phone_sessions_expires_idx').on(t.expiresAt),
		check('phone_sessions_purpose_check', sql`${t.purpose} in ('find_registrations','follow')`)
	]
);

export const SMS_FOLLOW_TARGETS = ['expert', 'site'] as const;

/**
 * A phone that asked, proven by a code, to be texted when an expert's or a center's sittings in the
 * next 14 days are cancelled, moved or substituted (sms/follows.ts). One row per phone and target:
 * following again renews it. It ends when stopped or at `expiresAt` (6 months after consent or the
 * last renewal) and is deleted 30 days after it ends.
 */
export const smsFollows = sqliteTable(
	'sms_follows',
	{
		id: text().primaryKey(),
		/** 11 digits, mainland China (events/phone.ts normalizeMobile). */
		phone: text().notNull(),
		targetKind: text({ enum: SMS_FOLLOW_TARGETS }).notNull(),
		/** An expert's or a site's id, by `targetKind`. */
		targetId: text().notNull(),
		/** When the resident ticked the consent and proved the phone (again, if they followed again). */
		consentAt: integer({ mode: 'timestamp_ms' }).notNull(),
		renewedAt: integer({ mode: 'timestamp_ms' }),
		expiresAt: integer({ mode: 'timestamp_ms' }).notNull(),
		stoppedAt: integer({ mode: 'timestamp_ms' }),
		/**
		 * The `/f/<token>` link in every text. Kept as it is, not hashed: each text carries it as a
		 * parameter, so it must be readable when a change is queued (sms_messages keeps it anyway),
		 * and it only stops or renews this one follow, never reads the full phone or another follow.
		 */
		stopToken: text().notNull(),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		uniqueIndex('sms_follows_phone_target_unique').on(t.phone, t.targetKind, t.targetId),
		uniqueIndex('sms_follows_stop_token_unique').on(t.stopToken),
		index('sms_follows_target_idx').on(t.targetKind, t.targetId, t.expiresAt),
		index('sms_follows_expires_idx').on(t.expiresAt),
		check('sms_follows_target_check', sql`${t.targetKind} in ('expert','site')`)
	]
);
