/**
 * What a satisfaction survey found: for each rated question, how many chose each answer and the mean
 * score, with the number of respondents behind it (小样本 below SMALL_SAMPLE).
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { surveyAnswers, surveyResponses } from '../db/schema';
import { type SurveyItem } from './questionnaires';
import { RATING_OPTIONS, ratingScore } from './kinds';
import { SMALL_SAMPLE } from './sample-size';

export interface RatingShare {
	key: string;
	label: string;
	count: number;
	/** count / n, 0–1; null when nobody answered the item. */
	share: number | null;
}

export interface RatingItemResult {
	itemId: string;
	position: number;
	prompt: string;
	/** Respondents who answered the item. */
	n: number;
	/** Every level of the scale, best first, with how many chose it. */
	levels: RatingShare[];
	/** Chose 非常满意 or 满意. */
	satisfied: number;
	satisfiedShare: number | null;
	/** Mean on the scale, 5 (非常满意) to 1 (非常不满意); null with no answers. */
	mean: number | null;
	smallSample: boolean;
}

export interface RatingResults {
	/** Submitted sheets. */
	respondents: number;
	items: RatingItemResult[];
	/** Of every rating answer given, the share that is 非常满意 or 满意. */
	satisfiedShare: number | null;
	smallSample: boolean;
}

/** How many submitted sheets chose each option of each item: one row per item and option chosen. */
export interface ChoiceCount {
	itemId: string;
	choice: string;
	count: number;
}

/**
 * A satisfaction survey's results: for each rating item, how many chose each level of the scale,
 * the share satisfied (非常满意 or 满意) and the mean score, each with its respondents. No answer key,
 * no literacy level. Pure.
 */
export function summarizeRatings(items: readonly SurveyItem[], respondents: number, counts: readonly ChoiceCount[]): RatingResults {
	let satisfiedAll = 0;
	let answeredAll = 0;
	const results = items
		.filter((i) => i.kind === 'rating')
		.map((item): RatingItemResult => {
			const mine = counts.filter((c) => c.itemId === item.id);
			const n = mine.reduce((sum, c) => sum + c.count, 0);
			const countOf = (key: string) => mine.find((c) => c.choice === key)?.count ?? 0;
			const levels = item.options.map((o) => ({ key: o.key, label: o.label, count: countOf(o.key), share: n ? countOf(o.key) / n : null }));
			const satisfied = RATING_OPTIONS.slice(0, 2).reduce((sum, o) => sum + countOf(o.key), 0);
			const scoreSum = mine.reduce((sum, c) => sum + (ratingScore(c.choice) ?? 0) * c.count, 0);
			satisfiedAll += satisfied;
			answeredAll += n;
			return {
				itemId: item.id,
				position: item.position,
				prompt: item.prompt,
				n,
				levels,
				satisfied,
				satisfiedShare: n ? satisfied / n : null,
				mean: n ? scoreSum / n : null,
				smallSample: n < SMALL_SAMPLE
			};
		});
	return { respondents, items: results, satisfiedShare: answeredAll ? satisfiedAll / answeredAll : null, smallSample: respondents < SMALL_SAMPLE };
}

/** The rating results of the given surveys' submitted sheets, counted in SQL. */
export async function ratingsOf(db: DbOrTx, items: readonly SurveyItem[], surveyIds: readonly string[]): Promise<RatingResults> {
	const ratingIds = items.filter((i) => i.kind === 'rating').map((i) => i.id);
	if (surveyIds.length === 0) return summarizeRatings(items, 0, []);
	const submitted = and(inArray(surveyResponses.surveyId, [...surveyIds]), eq(surveyResponses.status, 'submitted'));
	const [sheets] = await db.select({ n: sql<number>`count(*)` }).from(surveyResponses).where(submitted);
	const counts = ratingIds.length
		? await db
				.select({ itemId: surveyAnswers.itemId, choice: sql<string>`json_extract(${surveyAnswers.choices}, '$[0]')`, count: sql<number>`count(*)` })
				.from(surveyAnswers)
				.innerJoin(surveyResponses, eq(surveyResponses.id, surveyAnswers.responseId))
				.where(and(submitted, inArray(surveyAnswers.itemId, ratingIds)))
				.groupBy(surveyAnswers.itemId, sql`json_extract(${surveyAnswers.choices}, '$[0]')`)
		: [];
	return summarizeRatings(items, sheets?.n ?? 0, counts);
}
