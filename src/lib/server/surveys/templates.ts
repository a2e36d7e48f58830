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
	trueFalse('高血压、糖尿病这类慢性病确诊后大多要长期管理，觉得症状好了也不能自己停药。', 'T', '基本知识和理念', '慢性病防治'),
	singleChoice(
		'做菜时怎样做能少吃盐？',
		['多放酱油、蚝油提味', '用限盐勺，菜快出锅时再放盐', '多吃咸菜、腊肉下饭', '用菜汤拌饭'],
		'B',
		'健康生活方式与行为',
		'慢性病防治'
	),
	trueFalse('每周至少 5 天、每天 30 分钟左右的快走这类活动，对控制血压、血糖都有好处。', 'T', '健康生活方式与行为', '科学健康观'),
	singleChoice(
		'在家自己测血压、血糖，下面哪种做法是对的？',
		['没有不舒服就不用测', '按医生说的时间测，记在本子上，复诊时带给医生看', '只在家里有人生病时才测', '数值高了就自己加一倍的药'],
		'B',
		'基本技能',
		'基本医疗'
	),
	trueFalse('听说某种保健品能“根治”慢性病，就可以把医生开的药停了。', 'F', '基本知识和理念', '健康信息'),
	singleChoice(
		'想了解慢性病的知识，下面哪个来源最靠得住？',
		['推销保健品的免费讲座', '朋友圈转发的偏方', '医院、社区卫生服务中心的医生', '电视购物广告'],
		'C',
		'健康生活方式与行为',
		'健康信息'
	),
	trueFalse('抽烟会加重高血压、糖尿病的危害，什么年纪戒烟都有好处。', 'T', '健康生活方式与行为', '科学健康观'),
	singleChoice(
		'家里老人突然说话不清、一侧手脚没力气，应该怎么做？',
		['先睡一觉看看', '马上拨打 120，记下发病的时间', '自己多吃一片降压药', '扶他出去走走'],
		'B',
		'基本技能',
		'安全与急救'
	)
];

export const SATISFACTION_ITEMS: readonly EditedItem[] = [
	rating('您对这次活动的总体安排满意吗？'),
	rating('专家讲得清楚、容易听懂，您满意吗？'),
	rating('您对活动的时间和地点满意吗？'),
	rating('您对报名和签到的方便程度满意吗？'),
	rating('您对现场工作人员和志愿者的服务满意吗？'),
	rating('这次学到的知识在日常生活里用得上，您满意吗？')
];

export interface Template {
	items: readonly EditedItem[];
	intro: string;
}

/** The template of each kind; the literacy questionnaire has none (copy the district's instead). */
export const TEMPLATES: Partial<Record<QuestionnaireKind, Template>> = {
	lecture_quiz: {
		items: LECTURE_QUIZ_ITEMS,
		intro: `讲座前和讲座后各答一次，共 ${LECTURE_QUIZ_ITEMS.length} 道题，大约 3 分钟。不记名，只用来看这次讲座讲得清不清楚。`
	},
	satisfaction: {
		items: SATISFACTION_ITEMS,
		intro: `共 ${SATISFACTION_ITEMS.length} 道题，1 分钟就能答完。不记名，您的意见能帮我们把下一次活动办得更好。`
	}
};
