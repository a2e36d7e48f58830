/** Accounts: users, their sessions and memberships, invitation and reset tokens, failed logins. */
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './columns';
import { experts, organizations } from './organizations';

export const MEMBERSHIP_ROLES = ['organizer', 'expert', 'volunteer'] as const;

export const USER_TOKEN_PURPOSES = ['invite', 'reset'] as const;

export const users = sqliteTable(
	'users',
	{
		id: text().primaryKey(),
		/** Stored lower-case; unique. */
		email: text().notNull(),
		name: text().notNull(),
		/** Argon2id; null until an invited user sets a password. */
		passwordHash: text(),
		isAdmin: integer({ mode: 'boolean' }).notNull().default(false),
		active: integer({ mode: 'boolean' }).notNull().default(true),
		/** The kinds of mail this person chose not to get (notify/preferences.ts); everything else is sent. */
		mailOptOut: text({ mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [uniqueIndex('users_email_unique').on(t.email)]
);

/** Lucia-style: the id is the SHA-256 of the cookie's random token, so a leaked table opens nothing. */
export const sessions = sqliteTable(
	'sessions',
	{
		id: text().primaryKey(),
		userId: text()
			.notNull()
			.references(() => users.id),
		expiresAt: integer({ mode: 'timestamp_ms' }).notNull(),
		createdAt: createdAt()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

/**
 * What a user may do and where: organizer of an organization (and everything below it), the expert
 * record a user is, or a volunteer of an organization.
 */
export const memberships = sqliteTable(
	'memberships',
	{
		id: text().primaryKey(),
		userId: text()
			.notNull()
			.references(() => users.id),
		role: text({ enum: MEMBERSHIP_ROLES }).notNull(),
		organizationId: text().references(() => organizations.id),
		expertId: text().references(() => experts.id),
		createdAt: createdAt()
	},
	(t) => [
		index('memberships_user_idx').on(t.userId),
		uniqueIndex('memberships_unique').on(t.userId, t.role, t.organizationId, t.expertId),
		check('memberships_role_check', sql`${t.role} in ('organizer','expert','volunteer')`),
		check(
			'memberships_target_check',
			sql`(${t.role} = 'expert' and ${t.expertId} is not null) or (${t.role} <> 'expert' and ${t.organizationId} is not null)`
		)
	]
);

/** Single-use links for invitations and password resets; the id is the SHA-256 of the emailed token. */
export const userTokens = sqliteTable(
	'user_tokens',
	{
		id: text().primaryKey(),
		userId: text()
			.notNull()
			.references(() => users.id),
		purpose: text({ enum: USER_TOKEN_PURPOSES }).notNull(),
		expiresAt: integer({ mode: 'timestamp_ms' }).notNull(),
		usedAt: integer({ mode: 'timestamp_ms' }),
		createdAt: createdAt()
	},
	(t) => [
		index('user_tokens_user_idx').on(t.userId),
		check('user_tokens_purpose_check', sql`${t.purpose} in ('invite','reset')`)
	]
);

/** Wrong passwords per account, per address and per account-and-address pair: the login rate limit. */
export const loginFailures = sqliteTable(
	'login_failures',
	{
		/**
		 * One row per wrong password under each of 'account:<email>', 'ip:<address>' and
		 * 'pair:<email>|<address>'; 'lock:<email>' when an account-wide lock began (auth/throttle.ts).
		 */
		key: text().notNull(),
		at: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('login_failures_key_idx').on(t.key, t.at)]
);
