/**
 * A questionnaire item as the editor's form writes it, and back: the labels the form shows, parsing
 * what was sent (each refusal at its field), and an item's values to fill the form again.
 */
import { DEMOGRAPHIC_FIELDS, LITERACY_ASPECTS, LITERACY_CATEGORIES, SURVEY_ITEM_KINDS } from '../db/schema';
import { invalid } from '../errors';
import { hasNoControlsButLineBreaks, isSingleLine, MULTI_LINE_MESSAGE, SINGLE_LINE_MESSAGE } from '../text/single-line';
import { RATING_OPTIONS } from './kinds';
import { TRUE_FALSE_OPTIONS, type SurveyItem } from './questionnaires';

export const ITEM_KIND_LABELS: Record<(typeof SURVEY_ITEM_KINDS)[number], string> = {
	true_false: '判断题',
	single_choice: '单选题',
	multiple_choice: '多选题',
	demographic: '基本情况',
	rating: '满意度题（5 级）'
};
export const DEMOGRAPHIC_LABELS: Record<(typeof DEMOGRAPHIC_FIELDS)[number], string> = {
	age: '年龄',
	sex: '性别',
	education: '文化程度',
	community: '所住社区'
};
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
	if (!kind) throw invalid('请选择题型', 'kind');
	const prompt = (values.prompt ?? '').trim();
	if (!prompt) throw invalid('请填写题目', 'prompt');
	if (prompt.length > 500) throw invalid('题目不能超过 500 个字', 'prompt');
	if (!hasNoControlsButLineBreaks(prompt)) throw invalid(`题目${MULTI_LINE_MESSAGE}`, 'prompt');
	if (kind === 'rating') {
		const marked = OPTION_KEYS.some((key) => values[`correct-${key}`] === 'on') || values.tfAnswer === 'T' || values.tfAnswer === 'F';
		if (marked) throw invalid('满意度题只问感受，没有对错，不能设正确答案，请取消勾选“正确”', 'answer');
		return { kind, prompt, options: RATING_OPTIONS.map((o) => ({ ...o })), answerKey: null, points: null, aspect: null, category: null, demographic: null };
	}

	const rows: { label: string; correct: boolean }[] = [];
	for (const key of OPTION_KEYS) {
		const label = (values[`option-${key}`] ?? '').trim();
		const correct = values[`correct-${key}`] === 'on';
		if (!label) {
			if (correct && kind !== 'true_false' && kind !== 'demographic') throw invalid(`选项 ${key} 勾选为正确答案，但没有填写内容`, 'options');
			continue;
		}
		if (label.length > 200) throw invalid(`选项 ${key} 不能超过 200 个字`, 'options');
		if (!isSingleLine(label)) throw invalid(`选项 ${key} ${SINGLE_LINE_MESSAGE}`, 'options');
		rows.push({ label, correct });
	}
	const options = rows.map((r, i) => ({ key: OPTION_KEYS[i]!, label: r.label }));
	if (kind !== 'true_false' && new Set(options.map((o) => o.label)).size !== options.length) throw invalid('有两个选项内容相同', 'options');

	if (kind === 'demographic') {
		const demographic = oneOf(DEMOGRAPHIC_FIELDS, values.demographic);
		if (!demographic) throw invalid('请选择这道题问的是哪一项基本情况', 'demographic');
		if (options.length < 2) throw invalid('请至少填写两个选项', 'options');
		return { kind, prompt, options, answerKey: null, points: null, aspect: null, category: null, demographic };
	}

	const pointsText = (values.points ?? '').trim();
	let points: number;
	if (!pointsText) points = kind === 'multiple_choice' ? 2 : 1;
	else if (!/^\d+$/.test(pointsText) || Number(pointsText) < 1) throw invalid('分值应为正整数，如 1 或 2', 'points');
	else if (Number(pointsText) > 10) throw invalid('一道题的分值不能超过 10 分', 'points');
	else points = Number(pointsText);
	const aspect = oneOf(LITERACY_ASPECTS, values.aspect);
	if (!aspect) throw invalid('请选择题目所属方面', 'aspect');
	const category = oneOf(LITERACY_CATEGORIES, values.category);
	if (!category) throw invalid('请选择题目所属的健康问题类别', 'category');

	if (kind === 'true_false') {
		const answer = values.tfAnswer;
		if (answer !== 'T' && answer !== 'F') throw invalid('请选择判断题的正确答案（正确或错误）', 'answer');
		return { kind, prompt, options: [...TRUE_FALSE_OPTIONS], answerKey: [answer], points, aspect, category, demographic: null };
	}
	if (options.length === 0) throw invalid('请填写选项', 'options');
	const answerKey = options.filter((_, i) => rows[i]!.correct).map((o) => o.key);
	if (kind === 'single_choice') {
		if (options.length < 2) throw invalid('单选题至少要有两个选项', 'options');
		if (answerKey.length !== 1) throw invalid('单选题要有且只有一个正确答案', 'answer');
	} else {
		if (options.length < 3) throw invalid('多选题至少要有三个选项', 'options');
		if (answerKey.length < 2) throw invalid('多选题至少要有两个正确答案', 'answer');
		if (answerKey.length === options.length) throw invalid('多选题不能所有选项都正确', 'answer');
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
