/**
 * The templates a new questionnaire may start from. Written for this project in the plain wording a
 * community doctor uses; an organizer keeps what fits the lecture and rewrites the rest in the editor.
 *
 * - The lecture quiz: 8 questions (4 判断, 4 单选), each with its answer key and tagged with the
 *   national framework's aspect and category, about what most chronic-disease lectures teach
 *   (salt, exercise, taking medicine, measuring at home, where to find reliable advice, a stroke's
 *   warning signs), so a quiz is usable as it stands and better once two or three questions are
 *   swapped for the lecture's own topic.
 * - The satisfaction survey: 6 rating questions on the 5-point scale, no answer key.
 */
import type { EditedItem } from './item-form';
import { RATING_OPTIONS, type QuestionnaireKind } from './kinds';
import { TRUE_FALSE_OPTIONS } from './questionnaires';
import { dm } from '../../i18n/domain';

const keyed = (labels: readonly string[]) => labels.map((label, i) => ({ key: String.fromCharCode(65 + i), label }));

const trueFalse = (prompt: string, answer: 'T' | 'F', aspect: EditedItem['aspect'], category: EditedItem['category']): EditedItem => ({
	kind: 'true_false',
	prompt,
	options: [...TRUE_FALSE_OPTIONS],
	answerKey: [answer],
	points: 1,
	aspect,
	category,
	demographic: null
});

const singleChoice = (prompt: string, labels: string[], answer: string, aspect: EditedItem['aspect'], category: EditedItem['category']): EditedItem => ({
	kind: 'single_choice',
	prompt,
	options: keyed(labels),
	answerKey: [answer],
	points: 1,
	aspect,
	category,
	demographic: null
});

const rating = (prompt: string): EditedItem => ({
	kind: 'rating',
	prompt,
	options: RATING_OPTIONS.map((o) => ({ ...o })),
	answerKey: null,
	points: null,
	aspect: null,
	category: null,
	demographic: null
});

export const LECTURE_QUIZ_ITEMS: readonly EditedItem[] = [
	trueFalse(dm.surveys.templates.lectureQuiz.keepTakingMedicine, 'T', '基本知识和理念', '慢性病防治'),
	singleChoice(
		dm.surveys.templates.lectureQuiz.lessSalt.prompt,
		dm.surveys.templates.lectureQuiz.lessSalt.options,
		'B',
		'健康生活方式与行为',
		'慢性病防治'
	),
	trueFalse(dm.surveys.templates.lectureQuiz.briskWalking, 'T', '健康生活方式与行为', '科学健康观'),
	singleChoice(
		dm.surveys.templates.lectureQuiz.measureAtHome.prompt,
		dm.surveys.templates.lectureQuiz.measureAtHome.options,
		'B',
		'基本技能',
		'基本医疗'
	),
	trueFalse(dm.surveys.templates.lectureQuiz.supplementsCure, 'F', '基本知识和理念', '健康信息'),
	singleChoice(
		dm.surveys.templates.lectureQuiz.trustedSource.prompt,
		dm.surveys.templates.lectureQuiz.trustedSource.options,
		'C',
		'健康生活方式与行为',
		'健康信息'
	),
	trueFalse(dm.surveys.templates.lectureQuiz.quitSmoking, 'T', '健康生活方式与行为', '科学健康观'),
	singleChoice(
		dm.surveys.templates.lectureQuiz.strokeSigns.prompt,
		dm.surveys.templates.lectureQuiz.strokeSigns.options,
		'B',
		'基本技能',
		'安全与急救'
	)
];

export const SATISFACTION_ITEMS: readonly EditedItem[] = [
	rating(dm.surveys.templates.satisfaction.overall),
	rating(dm.surveys.templates.satisfaction.clearExperts),
	rating(dm.surveys.templates.satisfaction.timeAndPlace),
	rating(dm.surveys.templates.satisfaction.registration),
	rating(dm.surveys.templates.satisfaction.staff),
	rating(dm.surveys.templates.satisfaction.useful)
];

export interface Template {
	items: readonly EditedItem[];
	intro: string;
}

/** The template of each kind; the literacy questionnaire has none (copy the district's instead). */
export const TEMPLATES: Partial<Record<QuestionnaireKind, Template>> = {
	lecture_quiz: {
		items: LECTURE_QUIZ_ITEMS,
		intro: dm.surveys.templates.lectureQuizIntro(LECTURE_QUIZ_ITEMS.length)
	},
	satisfaction: {
		items: SATISFACTION_ITEMS,
		intro: dm.surveys.templates.satisfactionIntro(SATISFACTION_ITEMS.length)
	}
};
