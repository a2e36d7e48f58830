/** Health literacy surveys (健康素养调查): questionnaires, versions, items, surveys, answer sheets and scores. */
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './columns';
import { events, registrations } from './events';
import { organizations, sites } from './organizations';

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
