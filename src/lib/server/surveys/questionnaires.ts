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

const Option = z.object({
	key: z.string().regex(/^[A-Z]{1,2}$/, '选项编号应为大写字母，如 A、B'),
	label: singleLineText('选项内容').min(1, '选项内容不能为空').max(200, '选项内容太长')
});
const Prompt = multiLineText('题目').min(1, '题目不能为空').max(500, '题目太长');
const Points = z.number().int().positive('分值应为正整数').optional();
const Aspect = z.enum(LITERACY_ASPECTS, { message: '请选择题目所属方面（基本知识和理念、健康生活方式与行为、基本技能）' });
const Category = z.enum(LITERACY_CATEGORIES, { message: '请选择题目所属的健康问题类别' });

export const TRUE_FALSE_OPTIONS = [
	{ key: 'T', label: '正确' },
	{ key: 'F', label: '错误' }
] as const;

/** One item of a version as the author gives it; points default to the national method's. */
export const ItemInput = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('true_false'), prompt: Prompt, answer: z.boolean(), points: Points, aspect: Aspect, category: Category }),
	z.object({
		kind: z.literal('single_choice'),
		prompt: Prompt,
		options: z.array(Option).min(2, '单选题至少要有两个选项').max(8, '单选题最多 8 个选项'),
		answerKey: z.array(z.string()).length(1, '单选题只能有一个正确答案'),
		points: Points,
		aspect: Aspect,
		category: Category
	}),
	z.object({
		kind: z.literal('multiple_choice'),
		prompt: Prompt,
		options: z.array(Option).min(3, '多选题至少要有三个选项').max(8, '多选题最多 8 个选项'),
		answerKey: z.array(z.string()).min(2, '多选题至少要有两个正确答案'),
		points: Points,
		aspect: Aspect,
		category: Category
	}),
	z.object({
		kind: z.literal('demographic'),
		demographic: z.enum(DEMOGRAPHIC_FIELDS),
		prompt: Prompt,
		options: z.array(Option).min(2, '至少要有两个选项').max(20, '最多 20 个选项')
	})
]);
export type ItemInput = z.input<typeof ItemInput>;

/** A questionnaire's items at most: survey_scores keeps right/wrong per item in 104 bits (scores.ts). */
export const MAX_ITEMS = 80;
export const TOO_MANY_ITEMS = `一份问卷最多 ${MAX_ITEMS} 道题`;

export const VersionInput = z.object({
	title: singleLineText('问卷名称').min(1, '请填写问卷名称').max(60, '问卷名称不超过 60 个字'),
	intro: multiLineText('说明').max(500, '说明不超过 500 字').nullish(),
	items: z.array(ItemInput).min(1, '问卷至少要有一道题').max(MAX_ITEMS, TOO_MANY_ITEMS)
});
export type VersionInput = z.input<typeof VersionInput>;

type ItemRow = typeof surveyItems.$inferInsert;

/** Checks what zod cannot see item by item (keys exist, no repeats) and makes the rows. */
function itemRows(versionId: string, items: z.output<typeof VersionInput>['items'], ids?: (position: number) => string): ItemRow[] {
	const seenDemographics = new Set<string>();
	return items.map((item, i) => {
		const position = i + 1;
		const where = `第${position}题：`;
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
		if (new Set(keys).size !== keys.length) throw invalid(`${where}选项编号重复`, 'items');
		if (item.kind === 'demographic') {
			if (seenDemographics.has(item.demographic)) throw invalid(`${where}同一项基本情况问了两次`, 'items');
			seenDemographics.add(item.demographic);
			return { id, versionId, position, kind: item.kind, prompt: item.prompt, options: item.options, demographic: item.demographic };
		}
		if (new Set(item.answerKey).size !== item.answerKey.length || item.answerKey.some((k) => !keys.includes(k))) {
			throw invalid(`${where}正确答案必须是题目里的选项`, 'items');
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
	if (!latest) throw notFound('没有找到这份问卷');
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
	if (!exists) throw notFound('没有找到这个问卷版本');
	throw conflict('这个版本已经发布，不能再次发布');
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
