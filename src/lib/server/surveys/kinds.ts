/**
 * What each kind of questionnaire may hold. Pure rules, shared by the editor (one item at a time),
 * creating a questionnaire (a template's or a copied questionnaire's items) and publishing.
 *
 * - 健康素养 (literacy) and 讲座前后小测验 (lecture_quiz) are scored by the national method: every
 *   question has an answer key (判断题, 单选题, 多选题), plus unscored 基本情况 questions.
 * - 满意度调查 (satisfaction) asks how people felt: 5-point rating questions without an answer key,
 *   read as distributions, plus 基本情况 questions.
 */
import { QUESTIONNAIRE_KINDS, SURVEY_ITEM_KINDS } from '../db/schema';
import { invalid } from '../errors';

export type QuestionnaireKind = (typeof QUESTIONNAIRE_KINDS)[number];
export type ItemKind = (typeof SURVEY_ITEM_KINDS)[number];

export const QUESTIONNAIRE_KIND_LABELS: Record<QuestionnaireKind, string> = {
	literacy: '健康素养',
	lecture_quiz: '讲座前后小测验',
	satisfaction: '满意度调查'
};

/** The item kinds each questionnaire kind holds, in the order the editor offers them. */
export const ITEM_KINDS_OF: Record<QuestionnaireKind, readonly ItemKind[]> = {
	literacy: ['true_false', 'single_choice', 'multiple_choice', 'demographic'],
	lecture_quiz: ['true_false', 'single_choice', 'multiple_choice', 'demographic'],
	satisfaction: ['rating', 'demographic']
};

/** The 5-point scale of every rating item, best first; its score is 5 for A down to 1 for E. */
export const RATING_OPTIONS = [
	{ key: 'A', label: '非常满意' },
	{ key: 'B', label: '满意' },
	{ key: 'C', label: '一般' },
	{ key: 'D', label: '不满意' },
	{ key: 'E', label: '非常不满意' }
] as const;

export function ratingScore(key: string): number | null {
	const index = RATING_OPTIONS.findIndex((o) => o.key === key);
	return index < 0 ? null : RATING_OPTIONS.length - index;
}

export function isQuestionnaireKind(value: string | undefined | null): value is QuestionnaireKind {
	return (QUESTIONNAIRE_KINDS as readonly string[]).includes(value ?? '');
}

/**
 * Refuses an item the questionnaire's kind cannot hold, at `field` (the item's kind in the editor, the
 * source when a copy brings it), with `where` before the reason (`复制的问卷第 3 题：`).
 */
export function refuseItemForKind(kind: QuestionnaireKind, item: { kind: ItemKind; answerKey: readonly string[] | null }, field: string, where = ''): void {
	if (ITEM_KINDS_OF[kind].includes(item.kind)) return;
	if (kind === 'satisfaction') {
		throw invalid(`${where}满意度调查只问感受，没有对错，题目不能设正确答案；请用“满意度题（5 级）”`, field);
	}
	throw invalid(`${where}${QUESTIONNAIRE_KIND_LABELS[kind]}的每道题都要有正确答案（判断题、单选题或多选题），满意度题没有正确答案，不能放进来`, field);
}

/** What a draft needs before it can be published, as the refusal to show; null when it may be. */
export function notPublishableBecause(kind: QuestionnaireKind, items: readonly { kind: ItemKind }[]): string | null {
	if (kind === 'satisfaction') {
		return items.some((i) => i.kind === 'rating') ? null : '满意度调查至少要有一道满意度题才能发布';
	}
	return items.some((i) => i.kind !== 'demographic' && i.kind !== 'rating') ? null : '问卷至少要有一道计分的题（判断题、单选题或多选题）才能发布';
}
