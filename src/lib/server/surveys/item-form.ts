/**
 * A questionnaire item as the editor's form writes it, and back: the labels the form shows, parsing
 * what was sent (each refusal at its field), and an item's values to fill the form again.
 */
import { DEMOGRAPHIC_FIELDS, LITERACY_ASPECTS, LITERACY_CATEGORIES, SURVEY_ITEM_KINDS } from '../db/schema';
import { invalid } from '../errors';
import { hasNoControlsButLineBreaks, isSingleLine, MULTI_LINE_MESSAGE, SINGLE_LINE_MESSAGE } from '../text/single-line';
import { RATING_OPTIONS } from './kinds';
import { TRUE_FALSE_OPTIONS, type SurveyItem } from './questionnaires';
import { dm } from '../../i18n/domain';

export const ITEM_KIND_LABELS: Record<(typeof SURVEY_ITEM_KINDS)[number], string> = dm.surveys.labels.itemKinds;
export const DEMOGRAPHIC_LABELS: Record<(typeof DEMOGRAPHIC_FIELDS)[number], string> = dm.surveys.labels.demographics;
/** The option rows the item form offers: A to H. */
export const OPTION_KEYS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;

export interface EditedItem {
	kind: (typeof SURVEY_ITEM_KINDS)[number];
	prompt: string;
	options: { key: string; label: string }[];
	answerKey: string[] | null;
	points: number | null;
	aspect: (typeof LITERACY_ASPECTS)[number] | null;
	category: (typeof LITERACY_CATEGORIES)[number] | null;
	demographic: (typeof DEMOGRAPHIC_FIELDS)[number] | null;
}

const oneOf = <T extends string>(list: readonly T[], value: string | undefined): T | null =>
	value !== undefined && (list as readonly string[]).includes(value) ? (value as T) : null;

/**
 * Reads one item from the editor's form: `kind`, `prompt`, option rows `option-A`…`option-H` with
 * their `correct-A`… boxes, `tfAnswer` (T/F) for a true/false item, `points`, `aspect`, `category`
 * and `demographic`. Blank option rows are skipped and the rest lettered again from A, so a gap in the
 * form does not leave a gap in the questionnaire. A rating item always has the 5-point scale and no
 * answer key: a ticked answer on one is refused. Each refusal names the field it belongs to.
 */
export function itemFromForm(values: Record<string, string | undefined>): EditedItem {
	const kind = oneOf(SURVEY_ITEM_KINDS, values.kind);
	if (!kind) throw invalid(dm.surveys.itemForm.kindRequired, 'kind');
	const prompt = (values.prompt ?? '').trim();
	if (!prompt) throw invalid(dm.surveys.itemForm.promptRequired, 'prompt');
	if (prompt.length > 500) throw invalid(dm.surveys.itemForm.promptTooLong, 'prompt');
	if (!hasNoControlsButLineBreaks(prompt)) throw invalid(dm.surveys.itemForm.promptControls(MULTI_LINE_MESSAGE), 'prompt');
	if (kind === 'rating') {
		const marked = OPTION_KEYS.some((key) => values[`correct-${key}`] === 'on') || values.tfAnswer === 'T' || values.tfAnswer === 'F';
		if (marked) throw invalid(dm.surveys.itemForm.ratingMarked, 'answer');
		return { kind, prompt, options: RATING_OPTIONS.map((o) => ({ ...o })), answerKey: null, points: null, aspect: null, category: null, demographic: null };
	}

	const rows: { label: string; correct: boolean }[] = [];
	for (const key of OPTION_KEYS) {
		const label = (values[`option-${key}`] ?? '').trim();
		const correct = values[`correct-${key}`] === 'on';
		if (!label) {
			if (correct && kind !== 'true_false' && kind !== 'demographic') throw invalid(dm.surveys.itemForm.correctButEmpty(key), 'options');
			continue;
		}
		if (label.length > 200) throw invalid(dm.surveys.itemForm.optionTooLong(key), 'options');
		if (!isSingleLine(label)) throw invalid(dm.surveys.itemForm.optionSingleLine(key, SINGLE_LINE_MESSAGE), 'options');
		rows.push({ label, correct });
	}
	const options = rows.map((r, i) => ({ key: OPTION_KEYS[i]!, label: r.label }));
	if (kind !== 'true_false' && new Set(options.map((o) => o.label)).size !== options.length) throw invalid(dm.surveys.itemForm.optionsRepeat, 'options');

	if (kind === 'demographic') {
		const demographic = oneOf(DEMOGRAPHIC_FIELDS, values.demographic);
		if (!demographic) throw invalid(dm.surveys.itemForm.demographicRequired, 'demographic');
		if (options.length < 2) throw invalid(dm.surveys.itemForm.twoOptions, 'options');
		return { kind, prompt, options, answerKey: null, points: null, aspect: null, category: null, demographic };
	}

	const pointsText = (values.points ?? '').trim();
	let points: number;
	if (!pointsText) points = kind === 'multiple_choice' ? 2 : 1;
	else if (!/^\d+$/.test(pointsText) || Number(pointsText) < 1) throw invalid(dm.surveys.itemForm.pointsPositive, 'points');
	else if (Number(pointsText) > 10) throw invalid(dm.surveys.itemForm.pointsTooMany, 'points');
	else points = Number(pointsText);
	const aspect = oneOf(LITERACY_ASPECTS, values.aspect);
	if (!aspect) throw invalid(dm.surveys.itemForm.aspectRequired, 'aspect');
	const category = oneOf(LITERACY_CATEGORIES, values.category);
	if (!category) throw invalid(dm.surveys.itemForm.categoryRequired, 'category');

	if (kind === 'true_false') {
		const answer = values.tfAnswer;
		if (answer !== 'T' && answer !== 'F') throw invalid(dm.surveys.itemForm.trueFalseAnswer, 'answer');
		return { kind, prompt, options: [...TRUE_FALSE_OPTIONS], answerKey: [answer], points, aspect, category, demographic: null };
	}
	if (options.length === 0) throw invalid(dm.surveys.itemForm.optionsRequired, 'options');
	const answerKey = options.filter((_, i) => rows[i]!.correct).map((o) => o.key);
	if (kind === 'single_choice') {
		if (options.length < 2) throw invalid(dm.surveys.itemForm.singleTooFewOptions, 'options');
		if (answerKey.length !== 1) throw invalid(dm.surveys.itemForm.singleOneAnswer, 'answer');
	} else {
		if (options.length < 3) throw invalid(dm.surveys.itemForm.multipleTooFewOptions, 'options');
		if (answerKey.length < 2) throw invalid(dm.surveys.itemForm.multipleTwoAnswers, 'answer');
		if (answerKey.length === options.length) throw invalid(dm.surveys.itemForm.multipleNotAll, 'answer');
	}
	return { kind, prompt, options, answerKey, points, aspect, category, demographic: null };
}

/** An item as the editor form's fields, the inverse of itemFromForm. */
export function itemFormValues(item: Pick<SurveyItem, 'kind' | 'prompt' | 'options' | 'answerKey' | 'points' | 'aspect' | 'category' | 'demographic'>): Record<string, string> {
	const values: Record<string, string> = { kind: item.kind, prompt: item.prompt, points: item.points ? String(item.points) : '', aspect: item.aspect ?? '', category: item.category ?? '', demographic: item.demographic ?? '' };
	if (item.kind === 'rating') return values;
	if (item.kind === 'true_false') {
		values.tfAnswer = item.answerKey?.[0] ?? '';
		return values;
	}
	for (const option of item.options) {
		values[`option-${option.key}`] = option.label;
		if (item.answerKey?.includes(option.key)) values[`correct-${option.key}`] = 'on';
	}
	return values;
}
