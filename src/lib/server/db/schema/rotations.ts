/** Rotations (专家坐诊 on fixed days), their single-day changes, leave and holidays, and rosters uploaded from a spreadsheet. */
import { sql } from 'drizzle-orm';
import { blob, check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';
import { createdAt, updatedAt } from './columns';
import { departments, experts, sites } from './organizations';

export const HOLIDAY_POLICIES = ['skip', 'keep'] as const;

export const HOLIDAY_DAY_KINDS = ['holiday', 'workday', 'normal'] as const;

export const LEAVE_STATUSES = ['requested', 'approved', 'declined'] as const;

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
