/** 区卫健委 → 医共体总院 / 医院 → 成员单位, their sites, departments and experts. */
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { DISTRICT_TIME_ZONE } from '../../../time-zone';
import { createdAt, updatedAt } from './columns';

export const ORGANIZATION_KINDS = ['commission', 'lead_hospital', 'hospital', 'member_site'] as const;

export const SITE_KINDS = ['community_center', 'community_station', 'township_clinic', 'village_clinic', 'hospital'] as const;

export const EXPERT_TITLES = ['主任医师', '副主任医师', '主治医师', '住院医师'] as const;

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
