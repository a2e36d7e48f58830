/**
 * Each submitted sheet's score, stored once (survey_scores) so results and reports aggregate stored
 * figures in SQL rather than loading and scoring every sheet on every page view.
 *
 * The figures are `scoreResponse`'s, so the stored score and the one computed from the answers can
 * never disagree. A sheet is scored in the transaction that submits it; sheets that reached the
 * database another way (submitted before this table existed, the demo seed, bulk imports) are scored
 * by `scoreUnscoredSheets`, which every aggregate calls first.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { DEMOGRAPHIC_FIELDS, LITERACY_ASPECTS, LITERACY_CATEGORIES, surveyAnswers, surveyItems, surveyResponses, surveyScores, surveys } from '../db/schema';
import { scoredItems, type SurveyItem } from './questionnaires';
import { scoreResponse, type LiteracyAspect, type LiteracyCategory } from './scoring';

type ScoreRow = typeof surveyScores.$inferInsert;
type FlagColumn = keyof ScoreRow & `literate${string}`;

/** The column holding each aspect's and category's literate flag. */
export const ASPECT_COLUMNS: Record<LiteracyAspect, FlagColumn> = {
	基本知识和理念: 'literateKnowledge',
	健康生活方式与行为: 'literateLifestyle',
	基本技能: 'literateSkills'
};
export const CATEGORY_COLUMNS: Record<LiteracyCategory, FlagColumn> = {
	科学健康观: 'literateHealthView',
	传染病防治: 'literateInfectious',
	慢性病防治: 'literateChronic',
	安全与急救: 'literateSafety',
	基本医疗: 'literateMedicalCare',
	健康信息: 'literateInformation'
};

/** The stored row for one sheet. `items` are its version's, in position order. Pure. */
export function scoreRow(
	items: readonly SurveyItem[],
	sheet: { responseId: string; surveyId: string; submittedAt: Date },
	answers: ReadonlyMap<string, readonly string[]>
): ScoreRow {
	const result = scoreResponse(scoredItems(items), answers);
	const row: ScoreRow = {
		...sheet,
		score: result.score,
		fullScore: result.full,
		literate: result.literate,
		correctLow: 0,
		correctHigh: 0
	};
	for (const item of items) {
		if (item.kind === 'demographic' || !result.correct[item.id]) continue;
		const { column, bit } = correctBit(item.position);
		// Added as powers of two, not with | and <<, which work on 32 bits in JavaScript.
		row[column] += 2 ** bit;
	}
	for (const a of LITERACY_ASPECTS) row[ASPECT_COLUMNS[a]] = result.byAspect[a].literate;
	for (const c of LITERACY_CATEGORIES) row[CATEGORY_COLUMNS[c]] = result.byCategory[c].literate;
	for (const field of DEMOGRAPHIC_FIELDS) {
		// The first item asking it, as results.ts has always grouped.
		const item = items.find((i) => i.kind === 'demographic' && i.demographic === field);
		row[field] = item ? (answers.get(item.id)?.[0] ?? null) : null;
	}
	return row;
}

async function itemsOfVersion(db: DbOrTx, versionId: string): Promise<SurveyItem[]> {
	return db.select().from(surveyItems).where(eq(surveyItems.versionId, versionId)).orderBy(asc(surveyItems.position));
}

/** Scores one sheet being submitted; call inside the submitting transaction. */
export async function recordScore(tx: DbOrTx, sheet: { responseId: string; surveyId: string; versionId: string; submittedAt: Date }): Promise<void> {
	const items = await itemsOfVersion(tx, sheet.versionId);
	const answers = new Map(
		(await tx.select({ itemId: surveyAnswers.itemId, choices: surveyAnswers.choices }).from(surveyAnswers).where(eq(surveyAnswers.responseId, sheet.responseId))).map(
			(a) => [a.itemId, a.choices]
		)
	);
	await tx.insert(surveyScores).values(scoreRow(items, sheet, answers));
}

/** Sheets per round: a few thousand answer rows read and a few hundred rows written at a time. */
const BATCH = 500;

/**
 * Scores every submitted sheet that has no stored score yet, and says how many. Cheap when there are
 * none (two counts: scores exist only for submitted sheets, and neither is ever deleted); the first
 * call after the migration scores the existing sheets, in batches of one transaction each so a page
 * view is never held by one long write.
 */
export async function scoreUnscoredSheets(db: DbOrTx): Promise<number> {
	const [counts] = await db
		.select({
			missing: sql<number>`(select count(*) from ${surveyResponses} where ${surveyResponses.status} = 'submitted') - (select count(*) from ${surveyScores})`
		})
		.from(sql`(select 1)`);
	if (!counts || counts.missing <= 0) return 0;
	// The ids first, packed in one JSON row, then the sheets batch by batch: paging through the
	// anti-join instead re-sorted every submitted sheet once per batch.
	const [unscored] = await db
		.select({ ids: sql<string>`coalesce(json_group_array(${surveyResponses.id}), '[]')` })
		.from(surveyResponses)
		.leftJoin(surveyScores, eq(surveyScores.responseId, surveyResponses.id))
		.where(and(eq(surveyResponses.status, 'submitted'), isNull(surveyScores.responseId)));
	const ids = JSON.parse(unscored?.ids ?? '[]') as string[];
	const items = new Map<string, SurveyItem[]>();
	for (let start = 0; start < ids.length; start += BATCH) {
		const batch = ids.slice(start, start + BATCH);
		const pending = await db
			.select({ responseId: surveyResponses.id, surveyId: surveyResponses.surveyId, submittedAt: surveyResponses.submittedAt, versionId: surveys.versionId })
			.from(surveyResponses)
			.innerJoin(surveys, eq(surveys.id, surveyResponses.surveyId))
			.where(inArray(surveyResponses.id, batch));
		// One row per sheet with its answers as a JSON object: the driver's cost is per row, and a sheet
		// has some 25 answers.
		const answers = new Map(pending.map((p) => [p.responseId, new Map<string, string[]>()]));
		const rows = await db
			.select({ responseId: surveyAnswers.responseId, answers: sql<string>`json_group_object(${surveyAnswers.itemId}, json(${surveyAnswers.choices}))` })
			.from(surveyAnswers)
			.where(inArray(surveyAnswers.responseId, batch))
			.groupBy(surveyAnswers.responseId);
		for (const r of rows) for (const [itemId, choices] of Object.entries(JSON.parse(r.answers) as Record<string, string[]>)) answers.get(r.responseId)!.set(itemId, choices);
		const values: ScoreRow[] = [];
		for (const p of pending) {
			let versionItems = items.get(p.versionId);
			if (!versionItems) items.set(p.versionId, (versionItems = await itemsOfVersion(db, p.versionId)));
			values.push(scoreRow(versionItems, { responseId: p.responseId, surveyId: p.surveyId, submittedAt: p.submittedAt! }, answers.get(p.responseId)!));
		}
		// Two callers backfilling at once would insert the same sheet twice: the second keeps the first's row.
		await db.transaction(async (tx) => {
			for (let i = 0; i < values.length; i += 100) await tx.insert(surveyScores).values(values.slice(i, i + 100)).onConflictDoNothing();
		});
	}
	return ids.length;
}

const BITS_PER_COLUMN = 52;

/** Where item position p (1-based) keeps its right/wrong bit. */
export function correctBit(position: number): { column: 'correctLow' | 'correctHigh'; bit: number } {
	const k = Math.trunc(position) - 1;
	if (k < 0 || k >= 2 * BITS_PER_COLUMN) throw new Error(`item position ${position} is outside the stored bits`);
	return k < BITS_PER_COLUMN ? { column: 'correctLow', bit: k } : { column: 'correctHigh', bit: k - BITS_PER_COLUMN };
}

/** `sum((bits >> k) & 1)` for each position: the number of sheets right on item p. */
export function correctCountsSql(positions: readonly number[]) {
	return positions.map((p) => {
		const { column, bit } = correctBit(p);
		return sql<number>`coalesce(sum((${surveyScores[column]} >> ${sql.raw(String(bit))}) & 1), 0)`;
	});
}
