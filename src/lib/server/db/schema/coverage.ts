/** Coverage targets (下沉 commitments). */
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './columns';
import { EXPERT_TITLES, departments, experts, organizations, sites } from './organizations';

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
