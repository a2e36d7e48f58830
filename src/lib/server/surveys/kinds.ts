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
import { dm } from '../../i18n/domain';

export type QuestionnaireKind = (typeof QUESTIONNAIRE_KINDS)[number];
export type ItemKind = (typeof SURVEY_ITEM_KINDS)[number];

export const QUESTIONNAIRE_KIND_LABELS: Record<QuestionnaireKind, string> = dm.surveys.labels.questionnaireKinds;

/** The item kinds each questionnaire kind holds, in the order the editor offers them. */
export const ITEM_KINDS_OF: Record<QuestionnaireKind, readonly ItemKind[]> = {
	literacy: ['true_false', 'single_choice', 'multiple_choice', 'demographic'],
	lecture_quiz: ['true_false', 'single_choice', 'multiple_choice', 'demographic'],
	satisfaction: ['rating', 'demographic']
};

/** The 5-point scale of every rating item, best first; its score is 5 for A down to 1 for E. */
export const RATING_OPTIONS = [
	{ key: 'A', label: dm.surveys.labels.rating.veryPleased },
	{ key: 'B', label: dm.surveys.labels.rating.pleased },
	{ key: 'C', label: dm.surveys.labels.rating.neutral },
	{ key: 'D', label: dm.surveys.labels.rating.displeased },
	{ key: 'E', label: dm.surveys.labels.rating.veryDispleased }
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
		throw invalid(dm.surveys.errors.satisfactionNoAnswerKey(where), field);
	}
	throw invalid(dm.surveys.errors.scoredNeedsAnswerKey(where, QUESTIONNAIRE_KIND_LABELS[kind]), field);
}

/** What a draft needs before it can be published, as the refusal to show; null when it may be. */
export function notPublishableBecause(kind: QuestionnaireKind, items: readonly { kind: ItemKind }[]): string | null {
	if (kind === 'satisfaction') {
		return items.some((i) => i.kind === 'rating') ? null : dm.surveys.errors.satisfactionNeedsRating;
	}
	return items.some((i) => i.kind !== 'demographic' && i.kind !== 'rating') ? null : dm.surveys.errors.needsScoredItem;
}
