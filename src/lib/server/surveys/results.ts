/**
 * What the surveys found: the health literacy level (健康素养水平, the share of respondents who reach
 * 80% of the full score; see scoring.ts) overall, by aspect and category, by site and by the
 * respondents' age, sex, education and community, with the number of respondents behind every figure;
 * per-item correct rates; and before/after a lecture side by side.
 *
 * Only submitted sheets count. A group of fewer than 30 respondents is flagged 小样本: its level moves
 * by more than ten points with a handful of people and should not be read as a finding.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { DEMOGRAPHIC_FIELDS, LITERACY_ASPECTS, LITERACY_CATEGORIES, events, questionnaireVersions, questionnaires, sites, surveyItems, surveyResponses, surveyScores, surveys } from '../db/schema';
import { notFound } from '../errors';
import { organizedOrgIds, loadOrgTree, scopedObject } from '../auth/scope';
import { assertCan, can, type Actor } from '../auth/policy';
import { scoredItems, type SurveyItem } from './questionnaires';
import { type QuestionnaireKind } from './kinds';
import { ASPECT_COLUMNS, CATEGORY_COLUMNS, correctCountsSql, scoreUnscoredSheets } from './scores';
import { scoreResponse, type LiteracyAspect, type LiteracyCategory, type ResponseScore } from './scoring';
import { comparePinyin } from '../../format/pinyin-order';
import { dm } from '../../i18n/domain';
import { SMALL_SAMPLE } from './sample-size';
import { ratingsOf, type RatingResults } from './rating-results';

export { SMALL_SAMPLE } from './sample-size';
export type DemographicField = (typeof DEMOGRAPHIC_FIELDS)[number];

export interface Figure {
	/** Respondents behind the figure. */
	n: number;
	/** Of them, how many reach the threshold. */
	literate: number;
	/** literate / n, 0–1; null when n is 0. */
	level: number | null;
	smallSample: boolean;
}

export interface GroupFigure extends Figure {
	label: string;
}

export interface ItemRate {
	itemId: string;
	position: number;
	prompt: string;
	kind: SurveyItem['kind'];
	aspect: LiteracyAspect;
	category: LiteracyCategory;
	points: number;
	n: number;
	correct: number;
	rate: number | null;
	smallSample: boolean;
}

export interface LiteracyResults {
	overall: Figure;
	byAspect: GroupFigure[];
	byCategory: GroupFigure[];
	bySite: GroupFigure[];
	byDemographic: Record<DemographicField, GroupFigure[]>;
	items: ItemRate[];
	fullScore: number;
	meanScore: number | null;
}

/** One submitted sheet as the summary needs it. */
export interface Sheet {
	siteName: string | null;
	answers: ReadonlyMap<string, readonly string[]>;
}

const NOT_GIVEN = dm.surveys.labels.notGiven;
const NO_SITE = dm.surveys.labels.noSite;

function figure(n: number, literate: number): Figure {
	return { n, literate, level: n ? literate / n : null, smallSample: n < SMALL_SAMPLE };
}

class Tally {
	private groups = new Map<string, { n: number; literate: number }>();
	constructor(order: readonly string[] = []) {
		for (const label of order) this.groups.set(label, { n: 0, literate: 0 });
	}
	add(label: string, literate: boolean | null) {
		if (literate !== null) this.addCount(label, 1, literate ? 1 : 0);
	}
	/** `n` respondents with a judgement, `literate` of them reaching the threshold. */
	addCount(label: string, n: number, literate: number) {
		if (n === 0) return;
		const g = this.groups.get(label) ?? { n: 0, literate: 0 };
		g.n += n;
		g.literate += literate;
		this.groups.set(label, g);
	}
	/** Groups in the given order, then any others by name; empty groups of the given order are kept out. */
	figures(): GroupFigure[] {
		return [...this.groups.entries()].filter(([, g]) => g.n > 0).map(([label, g]) => ({ label, ...figure(g.n, g.literate) }));
	}
}

/** A tally per demographic question, its groups in the order of the question's options. */
function demographicTallies(demographics: readonly SurveyItem[]): Record<DemographicField, Tally> {
	const optionsOf = (field: DemographicField) => demographics.find((d) => d.demographic === field)?.options.map((o) => o.label) ?? [];
	return Object.fromEntries(DEMOGRAPHIC_FIELDS.map((field) => [field, new Tally(optionsOf(field))])) as Record<DemographicField, Tally>;
}

/** The group figures of LiteracyResults from their tallies; sites by name in pinyin order. */
function groupFigures(aspects: Tally, categories: Tally, bySite: Tally, byDemographic: Record<DemographicField, Tally>) {
	return {
		byAspect: aspects.figures(),
		byCategory: categories.figures(),
		bySite: bySite.figures().sort((a, b) => comparePinyin(a.label, b.label)),
		byDemographic: Object.fromEntries(DEMOGRAPHIC_FIELDS.map((f) => [f, byDemographic[f].figures()])) as Record<DemographicField, GroupFigure[]>
	};
}

/** One scored item's correct rate among n respondents. */
function itemFigure(i: SurveyItem, n: number, correct: number): LiteracyResults['items'][number] {
	return {
		itemId: i.id,
		position: i.position,
		prompt: i.prompt,
		kind: i.kind,
		aspect: i.aspect!,
		category: i.category!,
		points: i.points!,
		n,
		correct,
		rate: n ? correct / n : null,
		smallSample: n < SMALL_SAMPLE
	};
}

/** The summary of a set of sheets answered on one questionnaire version (items in position order). Pure. */
export function summarizeLiteracy(items: readonly SurveyItem[], sheets: readonly Sheet[]): LiteracyResults {
	const scored = scoredItems(items);
	const demographics = items.filter((i) => i.kind === 'demographic' && i.demographic);
	const aspects = new Tally(LITERACY_ASPECTS);
	const categories = new Tally(LITERACY_CATEGORIES);
	const bySite = new Tally();
	const byDemographic = demographicTallies(demographics);
	const correctByItem = new Map(scored.map((i) => [i.id, 0]));
	let literate = 0;
	let scoreSum = 0;
	const scores: ResponseScore[] = [];
	for (const sheet of sheets) {
		const score = scoreResponse(scored, sheet.answers);
		scores.push(score);
		scoreSum += score.score;
		if (score.literate) literate++;
		for (const a of LITERACY_ASPECTS) aspects.add(a, score.byAspect[a].literate);
		for (const c of LITERACY_CATEGORIES) categories.add(c, score.byCategory[c].literate);
		bySite.add(sheet.siteName ?? NO_SITE, score.literate);
		for (const field of DEMOGRAPHIC_FIELDS) {
			const item = demographics.find((d) => d.demographic === field);
			if (!item) continue;
			const chosen = sheet.answers.get(item.id)?.[0];
			byDemographic[field].add(item.options.find((o) => o.key === chosen)?.label ?? NOT_GIVEN, score.literate);
		}
		for (const [id, right] of Object.entries(score.correct)) if (right) correctByItem.set(id, (correctByItem.get(id) ?? 0) + 1);
	}
	const n = sheets.length;
	const fullScore = scored.reduce((sum, i) => sum + i.points, 0);
	return {
		overall: figure(n, literate),
		...groupFigures(aspects, categories, bySite, byDemographic),
		items: items
			.filter((i) => correctByItem.has(i.id))
			.map((i) => itemFigure(i, n, correctByItem.get(i.id) ?? 0)),
		fullScore,
		meanScore: n ? scoreSum / n : null
	};
}

/**
 * The summary of the given surveys' submitted sheets (all answered on the version whose `items` these
 * are), added up in SQL from the scores stored at submission: the same figures as `summarizeLiteracy`
 * over the sheets (scores.test.ts holds them equal), without reading every answer.
 */
async function literacyOf(db: DbOrTx, items: readonly SurveyItem[], surveyIds: readonly string[]): Promise<LiteracyResults> {
	if (surveyIds.length === 0) return summarizeLiteracy(items, []);
	await scoreUnscoredSheets(db);
	// One survey's sheets are found through the index; pooled surveys are most of the table, where
	// reading it straight through beat looking every row up from the index about 2.5 times (the unary
	// + keeps SQLite off the index).
	const inSurveys = surveyIds.length === 1 ? eq(surveyScores.surveyId, surveyIds[0]!) : inArray(sql`+${surveyScores.surveyId}`, [...surveyIds]);
	const scored = scoredItems(items);
	const positions = items.filter((i) => scored.some((s) => s.id === i.id)).map((i) => i.position);
	const flagColumns = [...LITERACY_ASPECTS.map((a) => ASPECT_COLUMNS[a]), ...LITERACY_CATEGORIES.map((c) => CATEGORY_COLUMNS[c])];
	const [totals] = await db
		.select({
			n: sql<number>`count(*)`,
			literate: sql<number>`coalesce(sum(${surveyScores.literate}), 0)`,
			scoreSum: sql<number>`coalesce(sum(${surveyScores.score}), 0)`,
			flags: sql<string>`json_array(${sql.join(
				flagColumns.map((c) => sql`count(${surveyScores[c]}), coalesce(sum(${surveyScores[c]}), 0)`),
				sql`, `
			)})`,
			correct: positions.length ? sql<string>`json_array(${sql.join(correctCountsSql(positions), sql`, `)})` : sql<string>`'[]'`
		})
		.from(surveyScores)
		.where(inSurveys);
	const n = totals?.n ?? 0;
	const flags = JSON.parse(totals?.flags ?? '[]') as number[];
	const correct = JSON.parse(totals?.correct ?? '[]') as number[];
	const aspects = new Tally(LITERACY_ASPECTS);
	const categories = new Tally(LITERACY_CATEGORIES);
	LITERACY_ASPECTS.forEach((a, k) => aspects.addCount(a, flags[2 * k]!, flags[2 * k + 1]!));
	LITERACY_CATEGORIES.forEach((c, k) => categories.addCount(c, flags[2 * (LITERACY_ASPECTS.length + k)]!, flags[2 * (LITERACY_ASPECTS.length + k) + 1]!));

	// Sites and demographics from one more pass, over the covering index survey_scores_groups_idx:
	// respondents grouped by survey and answers, packed in one JSON row (the driver's cost is per row),
	// then added up by site name and by each question.
	const siteOf = new Map(
		(
			await db
				.select({ id: surveys.id, siteName: sites.name })
				.from(surveys)
				.leftJoin(sites, eq(sites.id, surveys.siteId))
				.where(inArray(surveys.id, [...surveyIds]))
		).map((r) => [r.id, r.siteName ?? NO_SITE])
	);
	const sc = surveyScores;
	const packed = await db.get<{ groups: string | null }>(sql`
		select json_group_array(json_array(survey_id, age, sex, education, community, n, literate)) as groups from (
			select ${sc.surveyId} as survey_id, ${sc.age} as age, ${sc.sex} as sex, ${sc.education} as education, ${sc.community} as community,
				count(${sc.literate}) as n, coalesce(sum(${sc.literate}), 0) as literate
			from ${sc} where ${inArray(sc.surveyId, [...surveyIds])}
			group by ${sc.surveyId}, ${sc.age}, ${sc.sex}, ${sc.education}, ${sc.community})`);
	const groups = (JSON.parse(packed?.groups ?? '[]') as [string, string | null, string | null, string | null, string | null, number, number][]).map(
		([surveyId, age, sex, education, community, count, literate]) => ({ surveyId, answers: { age, sex, education, community }, n: count, literate })
	);
	const bySite = new Tally();
	for (const g of groups) bySite.addCount(siteOf.get(g.surveyId) ?? NO_SITE, g.n, g.literate);

	const demographics = items.filter((i) => i.kind === 'demographic' && i.demographic);
	const byDemographic = demographicTallies(demographics);
	for (const field of DEMOGRAPHIC_FIELDS) {
		const item = demographics.find((d) => d.demographic === field);
		if (!item) continue;
		for (const g of groups) byDemographic[field].addCount(item.options.find((o) => o.key === g.answers[field])?.label ?? NOT_GIVEN, g.n, g.literate);
	}

	return {
		overall: figure(n, totals?.literate ?? 0),
		...groupFigures(aspects, categories, bySite, byDemographic),
		items: items
			.filter((i) => positions.includes(i.position))
			.map((i) => itemFigure(i, n, correct[positions.indexOf(i.position)] ?? 0)),
		fullScore: scored.reduce((sum, i) => sum + i.points, 0),
		meanScore: n ? (totals?.scoreSum ?? 0) / n : null
	};
}

async function itemsOf(db: DbOrTx, versionId: string): Promise<SurveyItem[]> {
	return db.select().from(surveyItems).where(eq(surveyItems.versionId, versionId)).orderBy(asc(surveyItems.position));
}

export interface SurveySummaryRow {
	id: string;
	code: string;
	title: string;
	kind: 'pre' | 'post' | 'standalone';
	status: 'open' | 'closed';
	versionId: string;
	questionnaireTitle: string;
	questionnaireKind: QuestionnaireKind;
	version: number;
	siteName: string | null;
	eventTitle: string | null;
	eventDate: string | null;
	respondents: number;
}

/** Surveys as the console shows them: SurveySummaryRow before respondents are counted, with what SurveyResults adds. */
function selectSurveySummaries(db: DbOrTx) {
	return db
		.select({
			id: surveys.id,
			code: surveys.code,
			title: surveys.title,
			kind: surveys.kind,
			status: surveys.status,
			versionId: surveys.versionId,
			questionnaireTitle: questionnaireVersions.title,
			questionnaireKind: questionnaires.kind,
			version: questionnaireVersions.version,
			siteName: sites.name,
			eventTitle: events.title,
			eventDate: events.date,
			allowMultiplePerDevice: surveys.allowMultiplePerDevice,
			eventId: surveys.eventId,
			organizationId: surveys.organizationId,
			createdAt: surveys.createdAt
		})
		.from(surveys)
		.innerJoin(questionnaireVersions, eq(questionnaireVersions.id, surveys.versionId))
		.innerJoin(questionnaires, eq(questionnaires.id, questionnaireVersions.questionnaireId))
		.leftJoin(sites, eq(sites.id, surveys.siteId))
		.leftJoin(events, eq(events.id, surveys.eventId));
}

/** The surveys an organizer may see (their subtree; everything for an admin), newest first. */
export async function listSurveysFor(db: DbOrTx, actor: Actor): Promise<SurveySummaryRow[]> {
	const scope = organizedOrgIds(actor, await loadOrgTree(db));
	if (scope && scope.size === 0) return [];
	const rows = await selectSurveySummaries(db).where(scope ? inArray(surveys.organizationId, [...scope]) : undefined);
	const counts = new Map<string, number>();
	if (rows.length) {
		// Counted in SQL: a district's surveys hold hundreds of thousands of sheets, one row each otherwise.
		const submitted = await db
			.select({ surveyId: surveyResponses.surveyId, n: sql<number>`count(*)` })
			.from(surveyResponses)
			.where(and(inArray(surveyResponses.surveyId, rows.map((r) => r.id)), eq(surveyResponses.status, 'submitted')))
			.groupBy(surveyResponses.surveyId);
		for (const s of submitted) counts.set(s.surveyId, s.n);
	}
	return rows
		.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || comparePinyin(a.title, b.title))
		.map(({ createdAt: _, allowMultiplePerDevice: _a, eventId: _e, organizationId: _o, ...r }) => ({ ...r, respondents: counts.get(r.id) ?? 0 }));
}

export interface VersionOverview {
	versionId: string;
	questionnaireTitle: string;
	version: number;
	surveys: number;
	results: LiteracyResults;
}

/**
 * Every health literacy survey the organizer sees, pooled per questionnaire version (figures from
 * different wordings are never added together): the district view by site, age, sex and education.
 * Lecture quizzes and satisfaction surveys are read one survey at a time, not as a literacy level.
 */
export async function literacyOverviewFor(db: DbOrTx, actor: Actor, listed?: readonly SurveySummaryRow[]): Promise<VersionOverview[]> {
	// A page that already listed the actor's surveys passes them in rather than reading them twice.
	const list = listed ?? (await listSurveysFor(db, actor));
	const byVersion = new Map<string, SurveySummaryRow[]>();
	for (const s of list) if (s.questionnaireKind === 'literacy') byVersion.set(s.versionId, [...(byVersion.get(s.versionId) ?? []), s]);
	const overviews: VersionOverview[] = [];
	for (const [versionId, rows] of byVersion) {
		const results = await literacyOf(db, await itemsOf(db, versionId), rows.map((r) => r.id));
		overviews.push({ versionId, questionnaireTitle: rows[0]!.questionnaireTitle, version: rows[0]!.version, surveys: rows.length, results });
	}
	return overviews;
}

export interface Comparison {
	before: { surveyId: string; title: string; results: LiteracyResults };
	after: { surveyId: string; title: string; results: LiteracyResults };
	/** Same wording before and after: item rates line up by item. */
	sameVersion: boolean;
}

export interface SurveyResults {
	survey: SurveySummaryRow & { allowMultiplePerDevice: boolean; eventId: string | null; organizationId: string };
	/** Scored by the national method: a literacy questionnaire and a lecture quiz (read item by item). */
	results: LiteracyResults;
	/** A satisfaction survey's distributions; null for the scored kinds. */
	ratings: RatingResults | null;
	/** For a lecture with a survey before and after it. */
	comparison: Comparison | null;
}

/**
 * One survey's results, and the lecture's before/after comparison when it has both, for an actor with
 * `survey:manage` on the survey (checked before anything of it is read). The other survey of the
 * lecture is reached through the event, so it is checked as well and left out if the actor may not see it.
 */
export async function surveyResults(db: DbOrTx, actor: Actor, surveyId: string): Promise<SurveyResults> {
	const tree = await loadOrgTree(db);
	assertCan(actor, 'survey:manage', await scopedObject(db, tree, 'survey', surveyId));
	const found = await selectSurveySummaries(db).where(eq(surveys.id, surveyId)).get();
	if (!found) throw notFound(dm.surveys.errors.surveyNotFound);
	const { createdAt: _, ...s } = found;
	const items = await itemsOf(db, s.versionId);
	const results = await literacyOf(db, items, [s.id]);
	const satisfaction = s.questionnaireKind === 'satisfaction';
	const ratings = satisfaction ? await ratingsOf(db, items, [s.id]) : null;
	let comparison: Comparison | null = null;
	// Before and after compare what was learnt: a satisfaction survey has nothing to compare.
	if (s.eventId && s.kind !== 'standalone' && !satisfaction) {
		const other = await db
			.select()
			.from(surveys)
			.where(and(eq(surveys.eventId, s.eventId), eq(surveys.kind, s.kind === 'pre' ? 'post' : 'pre')))
			.get();
		if (other && can(actor, 'survey:manage', await scopedObject(db, tree, 'survey', other.id))) {
			const otherResults = await literacyOf(db, other.versionId === s.versionId ? items : await itemsOf(db, other.versionId), [other.id]);
			const mine = { surveyId: s.id, title: s.title, results };
			const theirs = { surveyId: other.id, title: other.title, results: otherResults };
			comparison = { before: s.kind === 'pre' ? mine : theirs, after: s.kind === 'pre' ? theirs : mine, sameVersion: other.versionId === s.versionId };
		}
	}
	return { survey: { ...s, respondents: ratings ? ratings.respondents : results.overall.n }, results, ratings, comparison };
}
