/** Check-in at the door, volunteers and their shifts, patients seen at sittings, teaching done there. */
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';
import { createdAt, updatedAt } from './columns';
import { events, registrations } from './events';
import { rotations } from './rotations';

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
