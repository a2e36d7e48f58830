/**
 * The database schema. camelCase here, snake_case in SQL (drizzle `casing: 'snake_case'`).
 * Dates of sittings are local calendar dates ('YYYY-MM-DD'); times of day are local 'HH:MM' in the
 * site's time zone; instants (createdAt …) are stored as UTC milliseconds.
 */
import { sql } from 'drizzle-orm';
import { DISTRICT_TIME_ZONE } from '../../time-zone';
import {
	blob,
	check,
	index,
	integer,
	primaryKey,
	real,
	sqliteTable,
	text,
	uniqueIndex,
	type AnySQLiteColumn
} from 'drizzle-orm/sqlite-core';

const createdAt = () =>
	integer({ mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`);
const updatedAt = () =>
	integer({ mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`)
		.$onUpdate(() => new Date());

export const ORGANIZATION_KINDS = ['commission', 'lead_hospital', 'hospital', 'member_site'] as const;
export const SITE_KINDS = ['community_center', 'community_station', 'township_clinic', 'village_clinic', 'hospital'] as const;
export const EXPERT_TITLES = ['主任医师', '副主任医师', '主治医师', '住院医师'] as const;
export const HOLIDAY_POLICIES = ['skip', 'keep'] as const;
export const HOLIDAY_DAY_KINDS = ['holiday', 'workday', 'normal'] as const;
export const LEAVE_STATUSES = ['requested', 'approved', 'declined'] as const;

/** 区卫健委 → 医共体总院 / 医院 → 成员单位 (社区卫生服务中心、卫生院). */
export const organizations = sqliteTable(
	'organizations',
	{
		id: text().primaryKey(),
		parentId: text().references((): AnySQLiteColumn => organizations.id),
		name: text().notNull(),
		shortName: text(),
		kind: text({ enum: ORGANIZATION_KINDS }).notNull(),
		/**
		 * Which weekday's roster (1 = Monday … 5 = Friday) a swapped working day (调休上班日) follows when
		 * no date-specific choice exists; null = inherit from the parent, and at the root, no sittings.
		 */
		swapDayFollowsWeekday: integer(),
		active: integer({ mode: 'boolean' }).notNull().default(true),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		index('organizations_parent_idx').on(t.parentId),
		check('organizations_kind_check', sql`${t.kind} in ('commission','lead_hospital','hospital','member_site')`),
		check(
			'organizations_swap_weekday_check',
			sql`${t.swapDayFollowsWeekday} is null or ${t.swapDayFollowsWeekday} between 1 and 7`
		)
	]
);

/** A date-specific choice: on this swapped working day, this organization follows that weekday's roster. */
export const swapDayRosters = sqliteTable(
	'swap_day_rosters',
	{
		organizationId: text()
			.notNull()
			.references(() => organizations.id),
		date: text().notNull(),
		followsWeekday: integer().notNull(),
		createdAt: createdAt()
	},
	(t) => [
		primaryKey({ columns: [t.organizationId, t.date] }),
		check('swap_day_rosters_weekday_check', sql`${t.followsWeekday} between 1 and 7`)
	]
);

export const sites = sqliteTable(
	'sites',
	{
		id: text().primaryKey(),
		organizationId: text()
			.notNull()
			.references(() => organizations.id),
		name: text().notNull(),
		kind: text({ enum: SITE_KINDS }).notNull(),
		district: text(),
		address: text().notNull(),
		phone: text(),
		latitude: real(),
		longitude: real(),
		timeZone: text().notNull().default(DISTRICT_TIME_ZONE),
		/** Shown to residents as written, e.g. 周一至周五 8:00–17:30；周六上午 8:00–12:00 */
		openingHours: text(),
		/** How to get there, as residents would be told: 轨道交通1号线磁器口站 2 号出口，步行约 5 分钟 */
		directions: text(),
		/** Consulting rooms available for visiting experts; null = not limited. */
		rooms: integer(),
		active: integer({ mode: 'boolean' }).notNull().default(true),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		index('sites_organization_idx').on(t.organizationId),
		check(
			'sites_kind_check',
			sql`${t.kind} in ('community_center','community_station','township_clinic','village_clinic','hospital')`
		),
		check('sites_rooms_check', sql`${t.rooms} is null or ${t.rooms} > 0`)
	]
);

export const departments = sqliteTable(
	'departments',
	{
		id: text().primaryKey(),
		name: text().notNull(),
		sortOrder: integer().notNull().default(0),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('departments_name_unique').on(t.name)]
);

export const experts = sqliteTable(
	'experts',
	{
		id: text().primaryKey(),
		name: text().notNull(),
		title: text({ enum: EXPERT_TITLES }).notNull(),
		departmentId: text()
			.notNull()
			.references(() => departments.id),
		/** The hospital the expert works at. */
		organizationId: text()
			.notNull()
			.references(() => organizations.id),
		/** JSON array of short phrases, e.g. ["高血压","冠心病"]. */
		specialties: text({ mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
		bio: text(),
		photoUrl: text(),
		/**
		 * How the organizer reaches an expert who has no account (or whose account gets no mail):
		 * sitting changes are mailed here then, and the phone is what the organizer calls. Never public.
		 */
		contactEmail: text(),
		contactPhone: text(),
		active: integer({ mode: 'boolean' }).notNull().default(true),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		index('experts_department_idx').on(t.departmentId),
		index('experts_organization_idx').on(t.organizationId),
		check('experts_title_check', sql`${t.title} in ('主任医师','副主任医师','主治医师','住院医师')`)
	]
);

/** 坐诊安排: an expert sits at a site on the dates an RFC 5545 rule gives, at a local time slot. */
export const rotations = sqliteTable(
	'rotations',
	{
		id: text().primaryKey(),
		expertId: text()
			.notNull()
			.references(() => experts.id),
		siteId: text()
			.notNull()
			.references(() => sites.id),
		departmentId: text()
			.notNull()
			.references(() => departments.id),
		/** An RRULE without DTSTART, e.g. FREQ=WEEKLY;BYDAY=TU,TH. DTSTART is validFrom. */
		rrule: text().notNull(),
		startTime: text().notNull(),
		endTime: text().notNull(),
		validFrom: text().notNull(),
		validUntil: text(),
		/** 号源: how many patients the expert sees per sitting; null = not limited. */
		quota: integer(),
		holidayPolicy: text({ enum: HOLIDAY_POLICIES }).notNull().default('skip'),
		/** Whether the rotation also runs on swapped working days (调休上班日) whose roster follows its weekday. */
		countSwapDays: integer({ mode: 'boolean' }).notNull().default(true),
		note: text(),
		active: integer({ mode: 'boolean' }).notNull().default(true),
		/** Bumped on every edit: a form carries the version it was opened at, so a stale edit is caught. */
		version: integer().notNull().default(1),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		index('rotations_site_idx').on(t.siteId),
		index('rotations_expert_idx').on(t.expertId),
		index('rotations_department_idx').on(t.departmentId),
		check('rotations_holiday_policy_check', sql`${t.holidayPolicy} in ('skip','keep')`),
		check('rotations_times_check', sql`${t.startTime} < ${t.endTime}`),
		check('rotations_valid_range_check', sql`${t.validUntil} is null or ${t.validUntil} >= ${t.validFrom}`),
		check('rotations_quota_check', sql`${t.quota} is null or ${t.quota} >= 0`)
	]
);

/**
 * A change to one occurrence, keyed by the occurrence's original date (RECURRENCE-ID), so it survives
 * later edits of the rule. Fields left null keep the rule's value.
 */
export const sittingOverrides = sqliteTable(
	'sitting_overrides',
	{
		id: text().primaryKey(),
		rotationId: text()
			.notNull()
			.references(() => rotations.id),
		originalDate: text().notNull(),
		cancelled: integer({ mode: 'boolean' }).notNull().default(false),
		reason: text(),
		substituteExpertId: text().references(() => experts.id),
		newDate: text(),
		newStartTime: text(),
		newEndTime: text(),
		quota: integer(),
		/** Bumped on every change: the iCalendar SEQUENCE of this occurrence. */
		sequence: integer().notNull().default(0),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		uniqueIndex('sitting_overrides_rotation_date_unique').on(t.rotationId, t.originalDate),
		check('sitting_overrides_quota_check', sql`${t.quota} is null or ${t.quota} >= 0`),
		check(
			'sitting_overrides_times_check',
			sql`${t.newStartTime} is null or ${t.newEndTime} is null or ${t.newStartTime} < ${t.newEndTime}`
		)
	]
);

export const expertLeaves = sqliteTable(
	'expert_leaves',
	{
		id: text().primaryKey(),
		expertId: text()
			.notNull()
			.references(() => experts.id),
		startDate: text().notNull(),
		endDate: text().notNull(),
		reason: text(),
		/**
		 * An expert's request waits for an organizer; only approved leave marks sittings as needing cover.
		 * Leave an organizer records is approved at once.
		 */
		status: text({ enum: LEAVE_STATUSES }).notNull().default('approved'),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		index('expert_leaves_expert_idx').on(t.expertId, t.startDate),
		check('expert_leaves_range_check', sql`${t.endDate} >= ${t.startDate}`),
		check('expert_leaves_status_check', sql`${t.status} in ('requested','approved','declined')`)
	]
);

/**
 * Holiday data an admin entered: a whole year the State Council published after the `chinese-days`
 * release, or a correction of one day. 'normal' removes a day from the package's lists.
 */
export const holidayDays = sqliteTable(
	'holiday_days',
	{
		date: text().primaryKey(),
		kind: text({ enum: HOLIDAY_DAY_KINDS }).notNull(),
		name: text(),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [check('holiday_days_kind_check', sql`${t.kind} in ('holiday','workday','normal')`)]
);

/** Years whose holiday schedule an admin has entered in full (beyond what `chinese-days` knows). */
export const holidayYears = sqliteTable('holiday_years', {
	year: integer().primaryKey(),
	note: text(),
	createdAt: createdAt()
});

// ——— Accounts ———————————————————————————————————————————————————————————————

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

// ——— Mail outbox ————————————————————————————————————————————————————————————————

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'dead'] as const;

/**
 * Every message the app sends, written in the same transaction as the change that causes it, then
 * delivered by the worker (notify/worker.ts). With no SMTP_URL the worker delivers to the local
 * mailbox instead: the row is marked sent with `deliveredVia = 'mailbox'` and an admin reads it in the
 * console.
 */
export const outboxMessages = sqliteTable(
	'outbox_messages',
	{
		id: text().primaryKey(),
		/** RFC 5322 Message-ID, fixed at enqueue: a retried send is recognisably the same message. */
		messageId: text().notNull(),
		/** What kind of message this is (invite, password_reset, sitting_cancelled …). */
		kind: text().notNull(),
		toAddress: text().notNull(),
		toName: text(),
		subject: text().notNull(),
		textBody: text().notNull(),
		htmlBody: text(),
		/** JSON: [{ filename, contentType, content (utf-8 text) }]. */
		attachments: text({ mode: 'json' }).$type<{ filename: string; contentType: string; content: string }[]>(),
		/** JSON: extra headers such as List-Unsubscribe. */
		headers: text({ mode: 'json' }).$type<Record<string, string>>(),
		/** Enqueuing twice with the same key queues one message. */
		dedupeKey: text(),
		status: text({ enum: OUTBOX_STATUSES }).notNull().default('pending'),
		attempts: integer().notNull().default(0),
		nextAttemptAt: integer({ mode: 'timestamp_ms' }).notNull(),
		/** The worker holding this message and until when; another worker may take it after that. */
		leaseOwner: text(),
		leaseUntil: integer({ mode: 'timestamp_ms' }),
		lastError: text(),
		deliveredVia: text({ enum: ['smtp', 'mailbox'] }),
		sentAt: integer({ mode: 'timestamp_ms' }),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		index('outbox_due_idx').on(t.status, t.nextAttemptAt),
		index('outbox_to_idx').on(t.toAddress, t.createdAt),
		uniqueIndex('outbox_message_id_unique').on(t.messageId),
		uniqueIndex('outbox_dedupe_unique').on(t.dedupeKey),
		check('outbox_status_check', sql`${t.status} in ('pending','sending','sent','dead')`)
	]
);

// ——— Audit log ——————————————————————————————————————————————————————————————————

/** Who changed what, when, and what it was before and after. Never updated, never deleted. */
export const auditLog = sqliteTable(
	'audit_log',
	{
		id: text().primaryKey(),
		at: integer({ mode: 'timestamp_ms' }).notNull(),
		/** Null for the system (the demo seed, an import run by a script). */
		actorUserId: text().references(() => users.id),
		actorName: text().notNull(),
		/** e.g. rotation.create, sitting.cancel, leave.approve, expert.update */
		action: text().notNull(),
		objectKind: text().notNull(),
		objectId: text().notNull(),
		/** The organization that owns the object, so organizers see the log of their subtree only. */
		organizationId: text(),
		before: text({ mode: 'json' }).$type<Record<string, unknown> | null>(),
		after: text({ mode: 'json' }).$type<Record<string, unknown> | null>(),
		/** One line in Chinese for the object's page, e.g. 停诊 12月3日 周四 上午：专家外出培训 */
		summary: text().notNull()
	},
	(t) => [index('audit_object_idx').on(t.objectKind, t.objectId, t.at), index('audit_org_idx').on(t.organizationId, t.at)]
);

// ——— Change counter ———————————————————————————————————————————————————————————

/**
 * One row whose value database triggers bump on every write to a table the public schedule reads
 * (see drizzle/0001_schedule_generation_triggers.sql). Pages cache their data against it: one tiny
 * read per request instead of eight, and any writer — this process, another instance, a script —
 * invalidates every cache at once.
 */
export const scheduleGeneration = sqliteTable(
	'schedule_generation',
	{
		id: integer().primaryKey(),
		value: integer().notNull()
	},
	(t) => [check('schedule_generation_single_row', sql`${t.id} = 1`)]
);

/**
 * A change counter per part of the public schedule, so one center's edit drops only the pages that
 * show it (one global counter made a change at one center re-render 599 others). Triggers
 * (drizzle/0017_cache_scopes.sql) bump, in the writing transaction, whichever scopes a row touches:
 * `site:<id>`, `expert:<id>`, `dept:<id>`, `event:<id>`; `sittings` for any sitting anywhere; and `all`
 * for what every page may show (organizations, sites, departments, an expert's public profile,
 * holidays, swapped working days). A missing row reads as 0. `schedule_generation` still counts
 * everything, for the calendar feeds and reports.
 */
export const cacheScopes = sqliteTable('cache_scopes', {
	scope: text().primaryKey(),
	generation: integer().notNull()
});

// ——— Events: free clinics (周末义诊) and health lectures (健康讲座) ——————————————————————————

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

// ——— Check-in at the door, volunteers, attendance ——————————————————————————————————————

export const CHECK_IN_OP_KINDS = ['code', 'registration', 'walk_in'] as const;
export const CHECK_IN_OUTCOMES = ['checked_in', 'already', 'conflict', 'rejected'] as const;

/**
 * Every check-in a door phone sent, keyed by its event and the id the phone gave it. A phone that was
 * offline replays its queue when the signal returns; a replayed id gets the stored outcome back instead
 * of counting the person twice. The id is the client's choice, so it is unique only within its event:
 * keyed alone, an id sent to a second event came back as the first event's outcome.
 */
export const checkInOps = sqliteTable(
	'check_in_ops',
	{
		/** Generated on the phone (a UUID), so the same operation sent twice is recognised. */
		opId: text().notNull(),
		eventId: text()
			.notNull()
			.references(() => events.id),
		kind: text({ enum: CHECK_IN_OP_KINDS }).notNull(),
		registrationId: text().references(() => registrations.id),
		outcome: text({ enum: CHECK_IN_OUTCOMES }).notNull(),
		/** What the volunteer is shown, in Chinese: 已签到 张* · 第 12 位, or why not. */
		message: text().notNull(),
		byUserId: text()
			.notNull()
			.references(() => users.id),
		/** When the volunteer tapped, by the phone's clock; differs from receivedAt when it was offline. */
		clientAt: integer({ mode: 'timestamp_ms' }),
		receivedAt: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		primaryKey({ columns: [t.eventId, t.opId] }),
		index('check_in_ops_event_idx').on(t.eventId, t.receivedAt),
		check('check_in_ops_kind_check', sql`${t.kind} in ('code','registration','walk_in')`),
		check('check_in_ops_outcome_check', sql`${t.outcome} in ('checked_in','already','conflict','rejected')`)
	]
);

/** 导诊, 登记, 测血压, 秩序维护 …: what an event needs volunteers for, and how many. */
export const volunteerRoles = sqliteTable(
	'volunteer_roles',
	{
		id: text().primaryKey(),
		eventId: text()
			.notNull()
			.references(() => events.id),
		name: text().notNull(),
		needed: integer().notNull(),
		sortOrder: integer().notNull().default(0),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('volunteer_roles_event_name_unique').on(t.eventId, t.name), check('volunteer_roles_needed_check', sql`${t.needed} >= 1`)]
);

/** A volunteer in a role: signed up themselves, or put there by an organizer. */
export const volunteerShifts = sqliteTable(
	'volunteer_shifts',
	{
		id: text().primaryKey(),
		roleId: text()
			.notNull()
			.references(() => volunteerRoles.id),
		userId: text()
			.notNull()
			.references(() => users.id),
		source: text({ enum: ['self', 'organizer'] }).notNull(),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('volunteer_shifts_role_user_unique').on(t.roleId, t.userId),
		index('volunteer_shifts_user_idx').on(t.userId),
		check('volunteer_shifts_source_check', sql`${t.source} in ('self','organizer')`)
	]
);

/** 诊疗人次: patients an expert saw at one sitting, keyed like an override by the occurrence's original date. */
export const sittingVisits = sqliteTable(
	'sitting_visits',
	{
		rotationId: text()
			.notNull()
			.references(() => rotations.id),
		originalDate: text().notNull(),
		patientsSeen: integer().notNull(),
		recordedBy: text()
			.notNull()
			.references(() => users.id),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		primaryKey({ columns: [t.rotationId, t.originalDate] }),
		// Covering the outreach report's read of a district year's visits (some 90,000) from the index alone.
		index('sitting_visits_report_idx').on(t.rotationId, t.originalDate, t.patientsSeen),
		check('sitting_visits_patients_check', sql`${t.patientsSeen} >= 0`)
	]
);

/**
 * 教学及指导: what a sitting included besides seeing patients, which commissions count. A set
 * per sitting, one row per kind, keyed like an override by the occurrence's original date (a moved
 * sitting keeps its marks). teaching = 带教, ward_round = 查房, guidance = 指导.
 */
export const SITTING_TEACHING_KINDS = ['teaching', 'ward_round', 'guidance'] as const;

export const sittingTeaching = sqliteTable(
	'sitting_teaching',
	{
		rotationId: text()
			.notNull()
			.references(() => rotations.id),
		originalDate: text().notNull(),
		kind: text({ enum: SITTING_TEACHING_KINDS }).notNull(),
		recordedBy: text()
			.notNull()
			.references(() => users.id),
		createdAt: createdAt()
	},
	(t) => [
		primaryKey({ columns: [t.rotationId, t.originalDate, t.kind] }),
		check('sitting_teaching_kind_check', sql`${t.kind} in ('teaching','ward_round','guidance')`)
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

// ——— Health literacy surveys (健康素养调查) ——————————————————————————————————————————

export const SURVEY_ITEM_KINDS = ['true_false', 'single_choice', 'multiple_choice', 'demographic', 'rating'] as const;
/**
 * What a questionnaire is for, which decides the items it may hold and how its results read:
 * health literacy by the national method, a short quiz before and after a lecture (scored the same
 * way, read item by item), or a satisfaction survey (5-point rating items, no answer key, read as
 * distributions).
 */
export const QUESTIONNAIRE_KINDS = ['literacy', 'lecture_quiz', 'satisfaction'] as const;
/** The three aspects of the national monitoring framework (全国居民健康素养监测). */
export const LITERACY_ASPECTS = ['基本知识和理念', '健康生活方式与行为', '基本技能'] as const;
/** The six health problem categories of the same framework. */
export const LITERACY_CATEGORIES = ['科学健康观', '传染病防治', '慢性病防治', '安全与急救', '基本医疗', '健康信息'] as const;
export const DEMOGRAPHIC_FIELDS = ['age', 'sex', 'education', 'community'] as const;
export const QUESTIONNAIRE_VERSION_STATUSES = ['draft', 'published'] as const;
export const SURVEY_KINDS = ['pre', 'post', 'standalone'] as const;
export const SURVEY_STATUSES = ['open', 'closed'] as const;
export const SURVEY_RESPONSE_STATUSES = ['in_progress', 'submitted'] as const;

/** A questionnaire as an organizer names it; its wording lives in versions. */
export const questionnaires = sqliteTable(
	'questionnaires',
	{
		id: text().primaryKey(),
		organizationId: text()
			.notNull()
			.references(() => organizations.id),
		title: text().notNull(),
		kind: text({ enum: QUESTIONNAIRE_KINDS }).notNull().default('literacy'),
		/** The lecture a quiz was made for (创建课前/课后小测验 on its page); null otherwise. */
		eventId: text().references(() => events.id),
		/** Archived: no new survey may use it; its surveys and their answers stay. Null while in use. */
		archivedAt: integer({ mode: 'timestamp_ms' }),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		index('questionnaires_organization_idx').on(t.organizationId),
		index('questionnaires_event_idx').on(t.eventId),
		check('questionnaires_kind_check', sql`${t.kind} in ('literacy','lecture_quiz','satisfaction')`)
	]
);

/**
 * One wording of a questionnaire. A published version is frozen: answers already given refer to its
 * items, so changing a word would change what people answered. An edit makes the next version.
 */
export const questionnaireVersions = sqliteTable(
	'questionnaire_versions',
	{
		id: text().primaryKey(),
		questionnaireId: text()
			.notNull()
			.references(() => questionnaires.id),
		version: integer().notNull(),
		title: text().notNull(),
		/** Shown before the first question: who runs it, how long it takes, that it is anonymous. */
		intro: text(),
		status: text({ enum: QUESTIONNAIRE_VERSION_STATUSES }).notNull().default('draft'),
		publishedAt: integer({ mode: 'timestamp_ms' }),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		uniqueIndex('questionnaire_versions_number_unique').on(t.questionnaireId, t.version),
		check('questionnaire_versions_status_check', sql`${t.status} in ('draft','published')`),
		check('questionnaire_versions_published_check', sql`(${t.status} = 'published') = (${t.publishedAt} is not null)`)
	]
);

/**
 * A question of one version. Knowledge items carry their answer key, points, aspect and category;
 * demographic items (age, sex, education, community) carry which of those they ask and are never scored;
 * rating items (a satisfaction survey's 5-point questions) carry neither and are never scored.
 * Options are [{ key: 'A', label: '…' }]; a true/false item has the keys 'T' and 'F'.
 */
export const surveyItems = sqliteTable(
	'survey_items',
	{
		id: text().primaryKey(),
		versionId: text()
			.notNull()
			.references(() => questionnaireVersions.id),
		/** 1-based order within the version: 第3题. */
		position: integer().notNull(),
		kind: text({ enum: SURVEY_ITEM_KINDS }).notNull(),
		prompt: text().notNull(),
		options: text({ mode: 'json' }).$type<{ key: string; label: string }[]>().notNull(),
		/** The option keys that make a correct answer; null for demographic items. */
		answerKey: text({ mode: 'json' }).$type<string[]>(),
		points: integer(),
		aspect: text({ enum: LITERACY_ASPECTS }),
		category: text({ enum: LITERACY_CATEGORIES }),
		demographic: text({ enum: DEMOGRAPHIC_FIELDS }),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('survey_items_version_position_unique').on(t.versionId, t.position),
		check('survey_items_kind_check', sql`${t.kind} in ('true_false','single_choice','multiple_choice','demographic','rating')`),
		check('survey_items_position_check', sql`${t.position} >= 1`),
		check(
			'survey_items_scored_check',
			// Every comparison is guarded by `is not null`: a CHECK whose result is NULL passes.
			sql`(${t.kind} = 'demographic' and ${t.demographic} is not null and ${t.demographic} in ('age','sex','education','community') and ${t.answerKey} is null and ${t.points} is null and ${t.aspect} is null and ${t.category} is null)
			or (${t.kind} = 'rating' and ${t.demographic} is null and ${t.answerKey} is null and ${t.points} is null and ${t.aspect} is null and ${t.category} is null)
			or (${t.kind} in ('true_false','single_choice','multiple_choice') and ${t.demographic} is null and ${t.answerKey} is not null and ${t.points} is not null and ${t.points} > 0
				and ${t.aspect} is not null and ${t.category} is not null
				and ${t.aspect} in ('基本知识和理念','健康生活方式与行为','基本技能')
				and ${t.category} in ('科学健康观','传染病防治','慢性病防治','安全与急救','基本医疗','健康信息'))`
		)
	]
);

/**
 * A published questionnaire version put in front of residents: before or after a lecture (pre/post, tied
 * to the event), or on its own at a site. Residents reach it by its short code: /s/<code>.
 */
export const surveys = sqliteTable(
	'surveys',
	{
		id: text().primaryKey(),
		/** Short, unambiguous, unguessable enough for a poster: the address /s/<code>. */
		code: text().notNull(),
		versionId: text()
			.notNull()
			.references(() => questionnaireVersions.id),
		organizationId: text()
			.notNull()
			.references(() => organizations.id),
		eventId: text().references(() => events.id),
		/** Where it runs; an event's survey runs at the event's site. Null for a district-wide survey. */
		siteId: text().references(() => sites.id),
		kind: text({ enum: SURVEY_KINDS }).notNull(),
		title: text().notNull(),
		status: text({ enum: SURVEY_STATUSES }).notNull().default('open'),
		/** A shared phone at a lecture hands one device to many residents: the organizer may allow it. */
		allowMultiplePerDevice: integer({ mode: 'boolean' }).notNull().default(false),
		closedAt: integer({ mode: 'timestamp_ms' }),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		uniqueIndex('surveys_code_unique').on(t.code),
		index('surveys_organization_idx').on(t.organizationId),
		uniqueIndex('surveys_event_kind_unique')
			.on(t.eventId, t.kind)
			.where(sql`event_id is not null`),
		check('surveys_kind_check', sql`${t.kind} in ('pre','post','standalone')`),
		check('surveys_status_check', sql`${t.status} in ('open','closed')`),
		check('surveys_event_kind_check', sql`${t.kind} = 'standalone' or ${t.eventId} is not null`)
	]
);

/**
 * One respondent's answer sheet. Anonymous: the device id is the SHA-256 of a random cookie value, so
 * the table alone identifies nobody; a registration is linked only when the respondent asked for it.
 * 'in_progress' sheets let a resident close the page and carry on later.
 */
export const surveyResponses = sqliteTable(
	'survey_responses',
	{
		id: text().primaryKey(),
		surveyId: text()
			.notNull()
			.references(() => surveys.id),
		deviceHash: text().notNull(),
		registrationId: text().references(() => registrations.id),
		status: text({ enum: SURVEY_RESPONSE_STATUSES }).notNull().default('in_progress'),
		startedAt: integer({ mode: 'timestamp_ms' }).notNull(),
		submittedAt: integer({ mode: 'timestamp_ms' }),
		updatedAt: updatedAt()
	},
	(t) => [
		index('survey_responses_survey_idx').on(t.surveyId, t.status),
		index('survey_responses_device_idx').on(t.surveyId, t.deviceHash),
		// At most one sheet being filled per device and survey: resuming always finds the same one.
		uniqueIndex('survey_responses_one_open_per_device')
			.on(t.surveyId, t.deviceHash)
			.where(sql`status = 'in_progress'`),
		check('survey_responses_status_check', sql`${t.status} in ('in_progress','submitted')`),
		check('survey_responses_submitted_check', sql`(${t.status} = 'submitted') = (${t.submittedAt} is not null)`)
	]
);

/** The options one respondent chose for one item (several for a multiple-choice item). */
export const surveyAnswers = sqliteTable(
	'survey_answers',
	{
		responseId: text()
			.notNull()
			.references(() => surveyResponses.id),
		itemId: text()
			.notNull()
			.references(() => surveyItems.id),
		choices: text({ mode: 'json' }).$type<string[]>().notNull(),
		answeredAt: integer({ mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.responseId, t.itemId] })]
);

/**
 * A submitted sheet's score, stored when it is handed in (see surveys/scores.ts) so the results pages
 * and reports add up stored figures with GROUP BY instead of scoring every sheet again: a district
 * year is hundreds of thousands of sheets. A published version is frozen, so a score never goes stale.
 * The survey and the submission instant are copied from the sheet (never changed after submission) so
 * the aggregates read this table alone. The literate flags are null for a part with no item in the version.
 */
export const surveyScores = sqliteTable(
	'survey_scores',
	{
		responseId: text()
			.primaryKey()
			.references(() => surveyResponses.id),
		surveyId: text()
			.notNull()
			.references(() => surveys.id),
		submittedAt: integer({ mode: 'timestamp_ms' }).notNull(),
		score: integer().notNull(),
		fullScore: integer().notNull(),
		literate: integer({ mode: 'boolean' }),
		literateKnowledge: integer({ mode: 'boolean' }),
		literateLifestyle: integer({ mode: 'boolean' }),
		literateSkills: integer({ mode: 'boolean' }),
		literateHealthView: integer({ mode: 'boolean' }),
		literateInfectious: integer({ mode: 'boolean' }),
		literateChronic: integer({ mode: 'boolean' }),
		literateSafety: integer({ mode: 'boolean' }),
		literateMedicalCare: integer({ mode: 'boolean' }),
		literateInformation: integer({ mode: 'boolean' }),
		/** The option key chosen for each "about you" question, null when the version does not ask it. */
		age: text(),
		sex: text(),
		education: text(),
		community: text(),
		/**
		 * Which items were answered right, as bits: item position p is bit p − 1 of correctLow for p ≤ 52,
		 * bit p − 53 of correctHigh after that (52 bits each stay exact in a JS number; a version has at
		 * most 80 items). Item rates sum ((bits >> k) & 1) in one scan, some 2.5 times faster than
		 * substr() over a text of '1's and '0's (bench:reports).
		 */
		correctLow: integer().notNull(),
		correctHigh: integer().notNull()
	},
	// Covers the grouping by survey and answers (sites, demographics): read in order from the index
	// alone instead of sorting the whole table; one survey's rows by prefix.
	(t) => [index('survey_scores_groups_idx').on(t.surveyId, t.age, t.sex, t.education, t.community, t.literate)]
);

/**
 * Every address the app writes to on a resident's or an expert's behalf: its one-click unsubscribe
 * token, and whether it may be written to at all (unsubscribed, or bounced permanently).
 */
export const mailRecipients = sqliteTable(
	'mail_recipients',
	{
		/** Lower-case. */
		email: text().primaryKey(),
		unsubscribeToken: text().notNull(),
		unsubscribedAt: integer({ mode: 'timestamp_ms' }),
		bouncedAt: integer({ mode: 'timestamp_ms' }),
		bounceReason: text(),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('mail_recipients_token_unique').on(t.unsubscribeToken)]
);

/**
 * One message to many people, queued with its cause and written out per person afterwards: cancelling
 * a free clinic with 500 registrants commits one row in the organizer's click, and the worker expands
 * it into 500 outbox messages in small transactions (each person's message keyed by this row's id, so
 * an expansion interrupted and run again, or run by two workers, queues each message once).
 */
export const mailFanouts = sqliteTable(
	'mail_fanouts',
	{
		id: text().primaryKey(),
		kind: text({ enum: ['event_cancelled', 'event_moved', 'event_restored'] }).notNull(),
		eventId: text()
			.notNull()
			.references(() => events.id),
		/** Words the message needs that the database no longer holds (how a moved event read before). */
		before: text(),
		createdAt: integer({ mode: 'timestamp_ms' }).notNull(),
		doneAt: integer({ mode: 'timestamp_ms' })
	},
	(t) => [index('mail_fanouts_pending_idx').on(t.doneAt, t.createdAt), check('mail_fanouts_kind_check', sql`${t.kind} in ('event_cancelled','event_moved','event_restored')`)]
);

/**
 * A roster sheet kept between 只检查 and 导入, so the organizer imports what they checked without
 * choosing the file again (a file input cannot be pre-filled, and the page works without JavaScript).
 * Only its uploader may use it, for 30 minutes; the id is the SHA-256 of the token the page holds.
 */
export const rosterUploads = sqliteTable(
	'roster_uploads',
	{
		id: text().primaryKey(),
		userId: text()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		filename: text().notNull(),
		bytes: blob({ mode: 'buffer' }).notNull(),
		expiresAt: integer({ mode: 'timestamp_ms' }).notNull(),
		createdAt: createdAt()
	},
	(t) => [index('roster_uploads_user_idx').on(t.userId)]
);

// ——— SMS outbox ——————————————————————————————————————————————————————————————————

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

// ——— Phone verification codes ———————————————————————————————————————————————————————

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

// ——— Following an expert or a center by phone (停诊提醒) ————————————————————————————————

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

// ——— Coverage targets (下沉 commitments) ——————————————————————————————————————————————

/**
 * site_days_per_week: each center, specialist sittings on ≥ N distinct days a week.
 * site_senior_days_per_week: each center, ≥ N days a week with a sitting by an expert of `minTitle` or above.
 * department_halfdays_per_month: the department at the center, ≥ N half-days (上午/下午) a month.
 * expert_sittings_per_month: the expert, ≥ N sittings a month wherever they sit (下派).
 */
export const COVERAGE_TARGET_KINDS = [
	'site_days_per_week',
	'site_senior_days_per_week',
	'department_halfdays_per_month',
	'expert_sittings_per_month'
] as const;
/** pro_rata: a week or month with holidays on working days needs the target scaled to its working days. exempt: it is not counted. */
export const COVERAGE_HOLIDAY_RULES = ['pro_rata', 'exempt'] as const;

/**
 * A commitment a 医共体 is measured on (coverage/targets.ts). Which of site, department, expert and
 * title a rule uses follows from its kind, and the CHECKs hold every row to that shape: a site rule
 * with no site covers every center of the organization's subtree.
 */
export const coverageTargets = sqliteTable(
	'coverage_targets',
	{
		id: text().primaryKey(),
		organizationId: text()
			.notNull()
			.references(() => organizations.id),
		kind: text({ enum: COVERAGE_TARGET_KINDS }).notNull(),
		siteId: text().references(() => sites.id),
		departmentId: text().references(() => departments.id),
		expertId: text().references(() => experts.id),
		/** For senior-day rules: the lowest title that counts (副主任医师 = 副高以上). */
		minTitle: text({ enum: EXPERT_TITLES }),
		/** N: days a week, half-days a month or sittings a month, by kind. */
		minimum: integer().notNull(),
		holidayRule: text({ enum: COVERAGE_HOLIDAY_RULES }).notNull().default('pro_rata'),
		/** Where the commitment comes from, as the organizer writes it (e.g. 医共体绩效考核方案第 3 条). */
		note: text(),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		index('coverage_targets_organization_idx').on(t.organizationId),
		check(
			'coverage_targets_kind_check',
			sql`${t.kind} in ('site_days_per_week','site_senior_days_per_week','department_halfdays_per_month','expert_sittings_per_month')`
		),
		check('coverage_targets_holiday_rule_check', sql`${t.holidayRule} in ('pro_rata','exempt')`),
		check('coverage_targets_min_title_check', sql`${t.minTitle} is null or ${t.minTitle} in ('主任医师','副主任医师','主治医师','住院医师')`),
		check(
			'coverage_targets_minimum_check',
			sql`${t.minimum} >= 1 and ${t.minimum} <= case when ${t.kind} in ('site_days_per_week','site_senior_days_per_week') then 7 else 62 end`
		),
		check(
			'coverage_targets_shape_check',
			sql`case ${t.kind}
				when 'site_days_per_week' then ${t.departmentId} is null and ${t.expertId} is null and ${t.minTitle} is null
				when 'site_senior_days_per_week' then ${t.departmentId} is null and ${t.expertId} is null and ${t.minTitle} is not null
				when 'department_halfdays_per_month' then ${t.siteId} is not null and ${t.departmentId} is not null and ${t.expertId} is null and ${t.minTitle} is null
				else ${t.siteId} is null and ${t.departmentId} is null and ${t.expertId} is not null and ${t.minTitle} is null
			end`
		)
	]
);

// ——— Background jobs an operator watches ————————————————————————————————————————————

export const JOB_NAMES = ['backup', 'retention', 'reminders'] as const;

/**
 * The last run of each background job, one row per job, so the admin's system page (served by any
 * process) can say when the job that runs in one process last ran, how it went and what it did.
 */
export const jobRuns = sqliteTable(
	'job_runs',
	{
		job: text({ enum: JOB_NAMES }).primaryKey(),
		startedAt: integer({ mode: 'timestamp_ms' }).notNull(),
		finishedAt: integer({ mode: 'timestamp_ms' }).notNull(),
		ok: integer({ mode: 'boolean' }).notNull(),
		/** What the run did, as counts or facts (JSON): rows erased, the copy's file and size … */
		summary: text({ mode: 'json' }).$type<Record<string, number | string>>().notNull(),
		/** The failure, in Chinese and English, when ok is false. */
		error: text(),
		lastSuccessAt: integer({ mode: 'timestamp_ms' })
	},
	(t) => [check('job_runs_job_check', sql`${t.job} in ('backup','retention','reminders')`)]
);
