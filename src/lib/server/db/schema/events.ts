/** Events: free clinics (周末义诊) and health lectures (健康讲座), their series, registrations and sign-up attempts. */
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';
import { createdAt, updatedAt } from './columns';
import { departments, experts, organizations, sites } from './organizations';

export const EVENT_KINDS = ['free_clinic', 'lecture'] as const;

export const EVENT_STATUSES = ['scheduled', 'cancelled'] as const;

export const REGISTRATION_STATUSES = ['registered', 'waitlisted', 'cancelled'] as const;

export const AGE_BANDS = ['under_18', '18_44', '45_59', '60_69', '70_79', '80_plus'] as const;

/** A numbered series ("沙坪坝周末义诊 第441期"): each event taken from it gets the next number. */
export const eventSeries = sqliteTable('event_series', {
	id: text().primaryKey(),
	organizationId: text()
		.notNull()
		.references(() => organizations.id),
	name: text().notNull(),
	kind: text({ enum: EVENT_KINDS }).notNull(),
	/** The number the next event of the series gets. */
	nextIssue: integer().notNull().default(1),
	createdAt: createdAt()
});

export const events = sqliteTable(
	'events',
	{
		id: text().primaryKey(),
		kind: text({ enum: EVENT_KINDS }).notNull(),
		organizationId: text()
			.notNull()
			.references(() => organizations.id),
		siteId: text()
			.notNull()
			.references(() => sites.id),
		seriesId: text().references(() => eventSeries.id),
		issueNumber: integer(),
		title: text().notNull(),
		date: text().notNull(),
		startTime: text().notNull(),
		endTime: text().notNull(),
		/** null = no limit (walk up); a number = registrations beyond it wait. */
		capacity: integer(),
		description: text(),
		/** 量血压, 测血糖, 中医推拿 … */
		services: text({ mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
		whatToBring: text(),
		/** Lectures: topic, audience, and the speaker (an expert or a named guest). */
		topic: text(),
		audience: text(),
		speakerExpertId: text().references(() => experts.id),
		speakerName: text(),
		status: text({ enum: EVENT_STATUSES }).notNull().default('scheduled'),
		cancelReason: text(),
		sequence: integer().notNull().default(0),
		version: integer().notNull().default(1),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		index('events_site_date_idx').on(t.siteId, t.date),
		index('events_date_idx').on(t.date),
		uniqueIndex('events_series_issue_unique').on(t.seriesId, t.issueNumber),
		check('events_kind_check', sql`${t.kind} in ('free_clinic','lecture')`),
		check('events_status_check', sql`${t.status} in ('scheduled','cancelled')`),
		check('events_times_check', sql`${t.startTime} < ${t.endTime}`),
		check('events_capacity_check', sql`${t.capacity} is null or ${t.capacity} > 0`)
	]
);

export const eventDepartments = sqliteTable(
	'event_departments',
	{
		eventId: text()
			.notNull()
			.references(() => events.id),
		departmentId: text()
			.notNull()
			.references(() => departments.id)
	},
	(t) => [primaryKey({ columns: [t.eventId, t.departmentId] })]
);

export const eventExperts = sqliteTable(
	'event_experts',
	{
		eventId: text()
			.notNull()
			.references(() => events.id),
		expertId: text()
			.notNull()
			.references(() => experts.id)
	},
	(t) => [primaryKey({ columns: [t.eventId, t.expertId] })]
);

/**
 * A resident's place (or place in the queue) at an event, without an account. The phone is kept for
 * the organizer's export and shown masked everywhere else; one live registration per phone per event.
 */
export const registrations = sqliteTable(
	'registrations',
	{
		id: text().primaryKey(),
		eventId: text()
			.notNull()
			.references(() => events.id),
		name: text().notNull(),
		phone: text().notNull(),
		ageBand: text({ enum: AGE_BANDS }).notNull(),
		community: text(),
		/** Optional, only if the resident wants messages. */
		email: text(),
		consentAt: integer({ mode: 'timestamp_ms' }).notNull(),
		status: text({ enum: REGISTRATION_STATUSES }).notNull(),
		/** Short code shown at the door and encoded in the QR code; unique within the event. */
		checkInCode: text().notNull(),
		/** SHA-256 of the private manage link's token. */
		manageTokenHash: text().notNull(),
		walkIn: integer({ mode: 'boolean' }).notNull().default(false),
		checkedInAt: integer({ mode: 'timestamp_ms' }),
		/** The volunteer or organizer who checked the person in. */
		checkedInBy: text().references(() => users.id),
		/** Set when an organizer erased the person's data: name, phone and community are gone, the count stays. */
		erasedAt: integer({ mode: 'timestamp_ms' }),
		promotedAt: integer({ mode: 'timestamp_ms' }),
		cancelledAt: integer({ mode: 'timestamp_ms' }),
		/** When the resident chose 不再接收短信 on their manage page; no text about this registration after it. */
		smsOptOutAt: integer({ mode: 'timestamp_ms' }),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		index('registrations_event_status_idx').on(t.eventId, t.status, t.createdAt),
		uniqueIndex('registrations_event_code_unique').on(t.eventId, t.checkInCode),
		uniqueIndex('registrations_manage_token_unique').on(t.manageTokenHash),
		uniqueIndex('registrations_live_phone_unique')
			.on(t.eventId, t.phone)
			.where(sql`status <> 'cancelled'`),
		// People served (受益人次) in the outreach report: a district year counts 170,000 registrations,
		// and reading each row for its status and check-in was a fifth of the report.
		index('registrations_served_idx')
			.on(t.eventId)
			.where(sql`status <> 'cancelled' and (walk_in = 1 or checked_in_at is not null)`),
		check('registrations_status_check', sql`${t.status} in ('registered','waitlisted','cancelled')`)
	]
);

/** Registration attempts per IP and per phone in a sliding window: the registration rate limit. */
export const registrationAttempts = sqliteTable(
	'registration_attempts',
	{
		/** 'ip:<address>' or 'phone:<number>' */
		key: text().notNull(),
		at: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('registration_attempts_key_idx').on(t.key, t.at)]
);
