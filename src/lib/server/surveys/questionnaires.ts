/**
 * Questionnaires and their versions. A draft version may be edited in place; a published one is
 * frozen, because submitted answers point at its items: revising it makes the next version (a draft),
 * and surveys already running keep the version they were started with.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../db/client';
import {
	DEMOGRAPHIC_FIELDS,
	LITERACY_ASPECTS,
	LITERACY_CATEGORIES,
	questionnaireVersions,
	questionnaires,
	surveyItems
} from '../db/schema';
import { conflict, invalid, notFound } from '../errors';
import { newId } from '../ids';
import { parseOrThrow } from '../validation';
import type { ScoredItem } from './scoring';
import { singleLineText, multiLineText } from '../text/single-line';
import { dm } from '../../i18n/domain';

const Option = z.object({
	key: z.string().regex(/^[A-Z]{1,2}$/, dm.surveys.schema.optionKeyPattern),
	label: singleLineText(dm.surveys.schema.optionField).min(1, dm.surveys.schema.optionEmpty).max(200, dm.surveys.schema.optionTooLong)
});
const Prompt = multiLineText(dm.surveys.schema.promptField).min(1, dm.surveys.schema.promptEmpty).max(500, dm.surveys.schema.promptTooLong);
const Points = z.number().int().positive(dm.surveys.schema.pointsPositive).optional();
const Aspect = z.enum(LITERACY_ASPECTS, { message: dm.surveys.schema.aspectRequired });
const Category = z.enum(LITERACY_CATEGORIES, { message: dm.surveys.schema.categoryRequired });

export const TRUE_FALSE_OPTIONS = [
	{ key: 'T', label: dm.surveys.labels.trueFalse.true },
	{ key: 'F', label: dm.surveys.labels.trueFalse.false }
] as const;

/** One item of a version as the author gives it; points default to the national method's. */
export const ItemInput = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('true_false'), prompt: Prompt, answer: z.boolean(), points: Points, aspect: Aspect, category: Category }),
	z.object({
		kind: z.literal('single_choice'),
		prompt: Prompt,
		options: z.array(Option).min(2, dm.surveys.schema.singleTooFewOptions).max(8, dm.surveys.schema.singleTooManyOptions),
		answerKey: z.array(z.string()).length(1, dm.surveys.schema.singleOneAnswer),
		points: Points,
		aspect: Aspect,
		category: Category
	}),
	z.object({
		kind: z.literal('multiple_choice'),
		prompt: Prompt,
		options: z.array(Option).min(3, dm.surveys.schema.multipleTooFewOptions).max(8, dm.surveys.schema.multipleTooManyOptions),
		answerKey: z.array(z.string()).min(2, dm.surveys.schema.multipleTwoAnswers),
		points: Points,
		aspect: Aspect,
		category: Category
	}),
	z.object({
		kind: z.literal('demographic'),
		demographic: z.enum(DEMOGRAPHIC_FIELDS),
		prompt: Prompt,
		options: z.array(Option).min(2, dm.surveys.schema.tooFewOptions).max(20, dm.surveys.schema.tooManyOptions)
	})
]);
export type ItemInput = z.input<typeof ItemInput>;

/** A questionnaire's items at most: survey_scores keeps right/wrong per item in 104 bits (scores.ts). */
export const MAX_ITEMS = 80;
export const TOO_MANY_ITEMS = dm.surveys.schema.tooManyItems(MAX_ITEMS);

export const VersionInput = z.object({
	title: singleLineText(dm.surveys.schema.titleField).min(1, dm.surveys.errors.titleRequired).max(60, dm.surveys.errors.titleTooLong(60)),
	intro: multiLineText(dm.surveys.schema.introField).max(500, dm.surveys.schema.introTooLong).nullish(),
	items: z.array(ItemInput).min(1, dm.surveys.schema.noItems).max(MAX_ITEMS, TOO_MANY_ITEMS)
});
export type VersionInput = z.input<typeof VersionInput>;

type ItemRow = typeof surveyItems.$inferInsert;

/** Checks what zod cannot see item by item (keys exist, no repeats) and makes the rows. */
function itemRows(versionId: string, items: z.output<typeof VersionInput>['items'], ids?: (position: number) => string): ItemRow[] {
	const seenDemographics = new Set<string>();
	return items.map((item, i) => {
		const position = i + 1;
		const where = dm.surveys.schema.itemWhere(position);
		const id = ids?.(position) ?? newId();
		if (item.kind === 'true_false') {
			return {
				id,
				versionId,
				position,
				kind: item.kind,
				prompt: item.prompt,
				options: [...TRUE_FALSE_OPTIONS],
				answerKey: [item.answer ? 'T' : 'F'],
				points: item.points ?? 1,
				aspect: item.aspect,
				category: item.category
			};
		}
		const keys = item.options.map((o) => o.key);
		if (new Set(keys).size !== keys.length) throw invalid(dm.surveys.schema.duplicateKeys(where), 'items');
		if (item.kind === 'demographic') {
			if (seenDemographics.has(item.demographic)) throw invalid(dm.surveys.schema.demographicTwice(where), 'items');
			seenDemographics.add(item.demographic);
			return { id, versionId, position, kind: item.kind, prompt: item.prompt, options: item.options, demographic: item.demographic };
		}
		if (new Set(item.answerKey).size !== item.answerKey.length || item.answerKey.some((k) => !keys.includes(k))) {
			throw invalid(dm.surveys.schema.answerNotAnOption(where), 'items');
		}
		return {
			id,
			versionId,
			position,
			kind: item.kind,
			prompt: item.prompt,
			options: item.options,
			answerKey: [...item.answerKey].sort(),
			points: item.points ?? (item.kind === 'multiple_choice' ? 2 : 1),
			aspect: item.aspect,
			category: item.category
		};
	});
}

export interface CreatedVersion {
	questionnaireId: string;
	versionId: string;
	version: number;
}

/** A new questionnaire with its first version, as a draft. Ids may be given (the demo derives them). */
export async function createQuestionnaire(
	db: DbOrTx,
	organizationId: string,
	input: VersionInput,
	ids: { questionnaireId?: string; versionId?: string; itemId?: (position: number) => string } = {}
): Promise<CreatedVersion> {
	const values = parseOrThrow(VersionInput, input);
	return db.transaction(async (tx) => {
		const questionnaireId = ids.questionnaireId ?? newId();
		const versionId = ids.versionId ?? newId();
		await tx.insert(questionnaires).values({ id: questionnaireId, organizationId, title: values.title });
		await tx.insert(questionnaireVersions).values({ id: versionId, questionnaireId, version: 1, title: values.title, intro: values.intro ?? null });
		await tx.insert(surveyItems).values(itemRows(versionId, values.items, ids.itemId));
		return { questionnaireId, versionId, version: 1 };
	});
}

/** A questionnaire's newest version, draft or published; 404 for an unknown questionnaire. */
export async function latestVersion(db: DbOrTx, questionnaireId: string) {
	const latest = await db
		.select()
		.from(questionnaireVersions)
		.where(eq(questionnaireVersions.questionnaireId, questionnaireId))
		.orderBy(desc(questionnaireVersions.version))
		.get();
	if (!latest) throw notFound(dm.surveys.errors.questionnaireNotFound);
	return latest;
}

/**
 * Saves new wording. The latest version is edited in place while it is a draft; once published it is
 * left exactly as it was and the wording becomes the next version, a draft.
 */
export async function reviseQuestionnaire(db: DbOrTx, questionnaireId: string, input: VersionInput): Promise<CreatedVersion> {
	const values = parseOrThrow(VersionInput, input);
	return db.transaction(async (tx) => {
		const latest = await latestVersion(tx, questionnaireId);
		await tx.update(questionnaires).set({ title: values.title }).where(eq(questionnaires.id, questionnaireId));
		if (latest.status === 'draft') {
			await tx.delete(surveyItems).where(eq(surveyItems.versionId, latest.id));
			await tx.update(questionnaireVersions).set({ title: values.title, intro: values.intro ?? null }).where(eq(questionnaireVersions.id, latest.id));
			await tx.insert(surveyItems).values(itemRows(latest.id, values.items));
			return { questionnaireId, versionId: latest.id, version: latest.version };
		}
		const versionId = newId();
		await tx.insert(questionnaireVersions).values({ id: versionId, questionnaireId, version: latest.version + 1, title: values.title, intro: values.intro ?? null });
		await tx.insert(surveyItems).values(itemRows(versionId, values.items));
		return { questionnaireId, versionId, version: latest.version + 1 };
	});
}

/** Freezes a draft: from now on surveys may use it and nothing in it changes. */
export async function publishVersion(db: DbOrTx, versionId: string, now = new Date()): Promise<void> {
	const [row] = await db
		.update(questionnaireVersions)
		.set({ status: 'published', publishedAt: now })
		.where(and(eq(questionnaireVersions.id, versionId), eq(questionnaireVersions.status, 'draft')))
		.returning({ id: questionnaireVersions.id });
	if (row) return;
	const exists = await db.select({ id: questionnaireVersions.id }).from(questionnaireVersions).where(eq(questionnaireVersions.id, versionId)).get();
	if (!exists) throw notFound(dm.surveys.errors.versionNotFound);
	throw conflict(dm.surveys.errors.alreadyPublished);
}

export type SurveyItem = typeof surveyItems.$inferSelect;

/** The items of a version in order. */
export async function versionItems(db: DbOrTx, versionId: string): Promise<SurveyItem[]> {
	return db.select().from(surveyItems).where(eq(surveyItems.versionId, versionId)).orderBy(asc(surveyItems.position));
}

/** The scored items among a version's items, in the shape the scoring rules take. */
export function scoredItems(items: readonly SurveyItem[]): ScoredItem[] {
	const scored: ScoredItem[] = [];
	for (const item of items) {
		if (item.kind === 'demographic' || item.kind === 'rating' || !item.answerKey || !item.points || !item.aspect || !item.category) continue;
		scored.push({ id: item.id, kind: item.kind, answerKey: item.answerKey, points: item.points, aspect: item.aspect, category: item.category });
	}
	return scored;
}
