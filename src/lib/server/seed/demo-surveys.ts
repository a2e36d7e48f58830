/**
 * The demo questionnaire and the surveys the demo district has run with it.
 *
 * The questions were written for this project (plain, everyday wording a community doctor would use);
 * they follow the national framework's three aspects and six categories but are not taken from the
 * official monitoring questionnaire. Answers are generated from a fixed seed, so every run of the demo
 * shows the same figures: a district-wide level around a quarter to a third (in line with what
 * districts report), better with more schooling, and better after a lecture than before it.
 */
import { createHash } from 'node:crypto';
import { addDays, type CalendarDate } from '../../calendar-date';
import { SYSTEM_ACTOR } from '../audit/audit';
import type { DbOrTx } from '../db/client';
import { surveyAnswers, surveyResponses } from '../db/schema';
import { createEventIn } from '../events/events';
import { hashToken } from '../auth/tokens';
import { createQuestionnaire, publishVersion, versionItems, type ItemInput } from '../surveys/questionnaires';
import { createSurveyIn, setSurveyOpenIn } from '../surveys/surveys';

export const DEMO_QUESTIONNAIRE_TITLE = '社区居民健康素养小测验';

export const DEMO_AGE_OPTIONS = ['15–24 岁', '25–34 岁', '35–44 岁', '45–54 岁', '55–64 岁', '65–69 岁', '70 岁及以上'];
export const DEMO_EDUCATION_OPTIONS = ['不识字或识字很少', '小学', '初中', '高中、职高或中专', '大专及以上'];
const keyed = (labels: readonly string[]) => labels.map((label, i) => ({ key: String.fromCharCode(65 + i), label }));

/** 20 knowledge items (7 判断, 8 单选, 5 多选: 25 points) and 4 questions about the respondent. */
export const DEMO_ITEMS: ItemInput[] = [
	// 基本知识和理念 (9 points)
	{ kind: 'true_false', prompt: '健康不只是身体没有病，心情好、能和身边的人相处好也是健康的一部分。', answer: true, aspect: '基本知识和理念', category: '科学健康观' },
	{
		kind: 'single_choice',
		prompt: '家里有人得了流感，下面哪种做法最能减少传给其他家人？',
		options: keyed(['全家共用一条毛巾', '咳嗽、打喷嚏时用纸巾或手肘挡住口鼻，勤洗手', '门窗关紧保暖，不要通风', '其他家人先吃点抗生素预防']),
		answerKey: ['B'],
		aspect: '基本知识和理念',
		category: '传染病防治'
	},
	{ kind: 'true_false', prompt: '只要没有头晕、头痛，就说明血压正常，不用定期测量。', answer: false, aspect: '基本知识和理念', category: '慢性病防治' },
	{
		kind: 'multiple_choice',
		prompt: '下面哪些容易让人得高血压？（可多选）',
		options: keyed(['口味重、吃盐多', '经常大量喝酒', '每天快走半小时', '体重超重或肥胖']),
		answerKey: ['A', 'B', 'D'],
		aspect: '基本知识和理念',
		category: '慢性病防治'
	},
	{
		kind: 'single_choice',
		prompt: '关于抗生素（消炎药），下面哪种说法是对的？',
		options: keyed(['感冒发烧就该吃', '能杀死感冒病毒', '要在医生指导下用，不能乱用', '症状好了就停药，剩下的留着下次吃']),
		answerKey: ['C'],
		aspect: '基本知识和理念',
		category: '基本医疗'
	},
	{ kind: 'true_false', prompt: '保健品吃得好，可以不用再吃医生开的药。', answer: false, aspect: '基本知识和理念', category: '基本医疗' },
	{
		kind: 'multiple_choice',
		prompt: '乙肝病毒会通过下面哪些途径传给别人？（可多选）',
		options: keyed(['输了没有经过检测的血', '和别人共用剃须刀、牙刷', '一起吃饭、握手', '妈妈在生孩子时传给宝宝']),
		answerKey: ['A', 'B', 'D'],
		aspect: '基本知识和理念',
		category: '传染病防治'
	},
	// 健康生活方式与行为 (9 points)
	{
		kind: 'single_choice',
		prompt: '成年人每天吃盐最好不超过多少？',
		options: keyed(['5 克（大约一啤酒瓶盖）', '10 克', '15 克', '多少都可以，看口味']),
		answerKey: ['A'],
		aspect: '健康生活方式与行为',
		category: '慢性病防治'
	},
	{ kind: 'true_false', prompt: '成年人每周累计活动 150 分钟以上（比如快走、跳广场舞），对身体有好处。', answer: true, aspect: '健康生活方式与行为', category: '科学健康观' },
	{
		kind: 'multiple_choice',
		prompt: '为了防止家里老人摔倒，可以怎么做？（可多选）',
		options: keyed(['卫生间铺防滑垫、装扶手', '晚上留一盏小夜灯', '过道上堆放杂物', '起床时先坐一会儿再站起来']),
		answerKey: ['A', 'B', 'D'],
		aspect: '健康生活方式与行为',
		category: '安全与急救'
	},
	{
		kind: 'single_choice',
		prompt: '关于打疫苗，下面哪种做法是对的？',
		options: keyed(['按照社区医生的建议按时接种', '等身边有人得病了再去打', '年纪大了就不用打', '身体好的人不用打']),
		answerKey: ['A'],
		aspect: '健康生活方式与行为',
		category: '传染病防治'
	},
	{ kind: 'true_false', prompt: '在微信群里看到“某种食物能治好癌症”，应该马上转给亲戚朋友。', answer: false, aspect: '健康生活方式与行为', category: '健康信息' },
	{
		kind: 'single_choice',
		prompt: '关于抽烟，下面哪种说法是对的？',
		options: keyed(['低焦油的烟对身体没有害处', '抽烟和吸二手烟都伤身体，什么年纪戒烟都有好处', '年纪大了再戒烟反而不好', '只在阳台抽就不会影响家人']),
		answerKey: ['B'],
		aspect: '健康生活方式与行为',
		category: '科学健康观'
	},
	{
		kind: 'multiple_choice',
		prompt: '想了解健康知识，下面哪些来源比较靠得住？（可多选）',
		options: keyed(['卫生健康部门的网站和公众号', '医院和社区卫生服务中心的医生', '推销保健品的免费讲座', '12320 卫生健康热线']),
		answerKey: ['A', 'B', 'D'],
		aspect: '健康生活方式与行为',
		category: '健康信息'
	},
	// 基本技能 (7 points)
	{
		kind: 'single_choice',
		prompt: '看到有人突然倒地，叫他没反应、也没有正常呼吸，首先应该怎么做？',
		options: keyed(['马上给他喂水', '拨打 120，同时开始胸外按压', '把他扶起来坐着', '等家属来了再说']),
		answerKey: ['B'],
		aspect: '基本技能',
		category: '安全与急救'
	},
	{ kind: 'true_false', prompt: '吃药前要看说明书，留意怎么吃、吃多少、有什么不良反应和哪些人不能吃。', answer: true, aspect: '基本技能', category: '基本医疗' },
	{
		kind: 'single_choice',
		prompt: '在家量血压，下面哪种做法是对的？',
		options: keyed(['刚爬完楼马上量', '安静坐着休息 5 分钟左右再量', '一边聊天一边量', '隔着厚外套量']),
		answerKey: ['B'],
		aspect: '基本技能',
		category: '基本医疗'
	},
	{
		kind: 'multiple_choice',
		prompt: '家里着火了，下面哪些做法是对的？（可多选）',
		options: keyed(['用湿毛巾捂住口鼻', '弯腰低姿，往安全出口方向走', '坐电梯下楼', '拨打 119 报警']),
		answerKey: ['A', 'B', 'D'],
		aspect: '基本技能',
		category: '安全与急救'
	},
	{ kind: 'true_false', prompt: '药盒上印着“OTC”标志的，是不用医生处方就能买的非处方药。', answer: true, aspect: '基本技能', category: '健康信息' },
	{
		kind: 'single_choice',
		prompt: '被狗咬伤了，应该怎么处理？',
		options: keyed(['没出血就不用管', '马上用肥皂水和流动的清水冲洗伤口 15 分钟，尽快去打狂犬病疫苗', '抹点牙膏包起来', '等狗发病了再去打疫苗']),
		answerKey: ['B'],
		aspect: '基本技能',
		category: '传染病防治'
	},
	// 基本情况: not scored; what the results are broken down by.
	{ kind: 'demographic', demographic: 'age', prompt: '您的年龄是？', options: keyed(DEMO_AGE_OPTIONS) },
	{ kind: 'demographic', demographic: 'sex', prompt: '您的性别是？', options: keyed(['男', '女']) },
	{ kind: 'demographic', demographic: 'education', prompt: '您的文化程度是？', options: keyed(DEMO_EDUCATION_OPTIONS) }
];

const demoIntro = (n: number) => `一共 ${n} 道题，大约需要 5 分钟。不记名，答案只用于了解社区居民的健康知识水平，好安排下一次讲座。`;

/** A small deterministic random source (mulberry32), seeded from a key: the same answers every run. */
function randomFrom(key: string): () => number {
	let a = createHash('sha256').update(`yizhen-demo-survey:${key}`).digest().readUInt32BE(0);
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function pick<T>(random: () => number, weighted: readonly (readonly [T, number])[]): T {
	const total = weighted.reduce((sum, [, w]) => sum + w, 0);
	let r = random() * total;
	for (const [value, w] of weighted) if ((r -= w) < 0) return value;
	return weighted[weighted.length - 1]![0];
}

export interface DemoSurveyIds {
	/** The demo seed's id for a key (`demoId`), so survey ids and codes stay put between runs. */
	id(key: string): string;
	/** Who owns the questionnaire: the district's health commission. */
	commissionId: string;
	/** The demo seed's site id for a center key ('xinqiao' …). */
	siteId(key: string): string;
}

/**
 * Where the standalone survey ran and how many answered. 小龙坎 stays under 30 on purpose, so the
 * results show how a small group is flagged; 井口 belongs to 陈家桥医院, out of the demo organizer's
 * reach.
 */
export const DEMO_SURVEY_SITES = [
	{ key: 'xinqiao', name: '新桥', respondents: 72, communities: ['新桥社区', '石井坡社区', '双碑社区'] },
	{ key: 'tianxingqiao', name: '天星桥', respondents: 64, communities: ['天星桥社区', '童家桥社区'] },
	{ key: 'ciqikou', name: '磁器口', respondents: 58, communities: ['磁器口社区', '童家桥社区'] },
	{ key: 'xiaolongkan', name: '小龙坎', respondents: 24, communities: ['小龙坎社区', '渝碚路社区'] },
	{ key: 'jingkou', name: '井口', respondents: 40, communities: ['井口社区'] }
] as const;

export interface DemoSurveysSummary {
	questionnaireId: string;
	versionId: string;
	/** The open survey residents can answer right now: /s/<code>. */
	openSurvey: { id: string; code: string };
	lecture: { eventId: string; preSurveyId: string; postSurveyId: string };
	responses: number;
}

/** The code of the open demo survey at 新桥, fixed so a poster or a journey can use it. */
export const DEMO_OPEN_SURVEY_CODE = 'xqjk26';

/**
 * Seeds the questionnaire (published), a standalone survey at each given site (the first still open,
 * the rest closed), and a lecture two weeks ago with a survey before and after it, all with answers.
 * Runs inside the caller's transaction.
 */
export async function seedDemoSurveys(tx: DbOrTx, today: CalendarDate, ids: DemoSurveyIds): Promise<DemoSurveysSummary> {
	const { questionnaireId, versionId } = await createQuestionnaire(
		tx,
		ids.commissionId,
		{ title: DEMO_QUESTIONNAIRE_TITLE, intro: demoIntro(DEMO_ITEMS.length + 1), items: [...DEMO_ITEMS, communityItem(DEMO_SURVEY_SITES.flatMap((s) => s.communities))] },
		{ questionnaireId: ids.id('questionnaire:demo'), versionId: ids.id('questionnaire-version:demo:1'), itemId: (p) => ids.id(`survey-item:demo:1:${p}`) }
	);
	await publishVersion(tx, versionId, new Date(`${addDays(today, -60)}T09:00:00+08:00`));
	const items = await versionItems(tx, versionId);

	let responses = 0;
	let openSurvey: { id: string; code: string } | null = null;
	for (const [i, site] of DEMO_SURVEY_SITES.entries()) {
		const survey = await createSurveyIn(
			tx,
			SYSTEM_ACTOR,
			{ versionId, kind: 'standalone', siteId: ids.siteId(site.key), title: `居民健康素养调查 · ${site.name}`, allowMultiplePerDevice: false },
			{ id: ids.id(`survey:standalone:${site.key}`), code: i === 0 ? DEMO_OPEN_SURVEY_CODE : undefined }
		);
		if (i === 0) openSurvey = survey;
		responses += await seedResponses(tx, ids.id, items, survey.id, `standalone:${site.key}`, site.respondents, 0, [...site.communities], today, 30);
		if (i > 0) await closeForDemo(tx, survey.id, today);
	}

	const lectureDate = addDays(today, -14);
	const eventId = await createEventIn(
		tx,
		SYSTEM_ACTOR,
		{
			kind: 'lecture',
			siteId: ids.siteId('xinqiao'),
			title: '吃动平衡，控盐控油',
			date: lectureDate,
			startTime: '14:30',
			endTime: '16:00',
			capacity: 60,
			topic: '每天吃多少盐和油，怎样动起来；讲座前后各做一次健康素养小测验',
			audience: '社区居民',
			// A named guest, not a demo expert: their schedules and calendar feeds stay as the schedule seed made them.
			speakerName: '新桥社区卫生服务中心 全科医生 王静'
		},
		{ id: ids.id('event:lecture-salt-past') }
	);
	const pre = await createSurveyIn(tx, SYSTEM_ACTOR, { versionId, kind: 'pre', eventId, title: '讲座前小测验：吃动平衡，控盐控油' }, { id: ids.id('survey:lecture-salt:pre') });
	const post = await createSurveyIn(tx, SYSTEM_ACTOR, { versionId, kind: 'post', eventId, title: '讲座后小测验：吃动平衡，控盐控油' }, { id: ids.id('survey:lecture-salt:post') });
	const communities = [...DEMO_SURVEY_SITES[0].communities];
	responses += await seedResponses(tx, ids.id, items, pre.id, 'lecture-salt:pre', 46, 0, communities, lectureDate, 0);
	responses += await seedResponses(tx, ids.id, items, post.id, 'lecture-salt:post', 41, 0.7, communities, lectureDate, 0);
	await closeForDemo(tx, pre.id, lectureDate);
	await closeForDemo(tx, post.id, lectureDate);

	return { questionnaireId, versionId, openSurvey: openSurvey!, lecture: { eventId, preSurveyId: pre.id, postSurveyId: post.id }, responses };
}

function communityItem(communities: readonly string[]): ItemInput {
	const unique = [...new Set(communities)];
	return { kind: 'demographic', demographic: 'community', prompt: '您住在哪个社区？', options: keyed([...unique, '其他社区']) };
}

async function closeForDemo(tx: DbOrTx, surveyId: string, day: CalendarDate) {
	await setSurveyOpenIn(tx, SYSTEM_ACTOR, surveyId, false, new Date(`${day}T18:00:00+08:00`));
}

type Item = Awaited<ReturnType<typeof versionItems>>[number];

/** How hard each item is for the demo residents (higher: fewer get it right), by position. */
const DIFFICULTY = [-1.6, -0.9, -0.5, 0.9, 0.2, -0.8, 1.2, 0.4, -1.0, 0.7, -1.1, -0.6, -0.3, 0.8, 0.3, -1.4, -0.2, 0.6, 0.9, -0.1];

/**
 * Answer sheets from residents whose chance of a right answer rises with schooling and falls a little
 * with age; `uplift` is what a lecture adds. A wrong multiple-choice answer is usually a partial one.
 */
async function seedResponses(
	tx: DbOrTx,
	idFor: (key: string) => string,
	items: Item[],
	surveyId: string,
	key: string,
	n: number,
	uplift: number,
	communities: string[],
	around: CalendarDate,
	spreadDays: number
): Promise<number> {
	const random = randomFrom(key);
	const byDemographic = new Map(items.filter((i) => i.demographic).map((i) => [i.demographic!, i]));
	const sheets: (typeof surveyResponses.$inferInsert)[] = [];
	const answers: (typeof surveyAnswers.$inferInsert)[] = [];
	for (let r = 0; r < n; r++) {
		const age = pick(random, [[0, 3], [1, 6], [2, 9], [3, 14], [4, 20], [5, 18], [6, 22]] as const);
		const sex = pick(random, [[0, 42], [1, 58]] as const);
		const education = pick(random, [[0, 8], [1, 24], [2, 34], [3, 22], [4, 12]] as const);
		const communityLabel = communities[Math.floor(random() * communities.length)]!;
		const ability = -0.2 + education * 0.75 - Math.max(0, age - 3) * 0.22 + uplift + (random() - 0.5) * 1.6;
		const day = addDays(around, -Math.floor(random() * (spreadDays + 1)));
		const at = new Date(`${day}T${String(9 + Math.floor(random() * 8)).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}:00+08:00`);
		const responseId = idFor(`survey-response:${key}:${r}`);
		sheets.push({ id: responseId, surveyId, deviceHash: hashToken(`demo-device:${key}:${r}`), status: 'submitted', startedAt: new Date(at.getTime() - 6 * 60_000), submittedAt: at });
		for (const item of items) {
			let choices: string[];
			if (item.demographic) {
				const index =
					item.demographic === 'age' ? age : item.demographic === 'sex' ? sex : item.demographic === 'education' ? education : Math.max(0, item.options.findIndex((o) => o.label === communityLabel));
				choices = [item.options[index]!.key];
			} else {
				const chance = 1 / (1 + Math.exp(-(ability - (DIFFICULTY[item.position - 1] ?? 0) - 0.2)));
				choices = random() < chance ? [...item.answerKey!] : wrongAnswer(item, random);
			}
			answers.push({ responseId, itemId: item.id, choices, answeredAt: at });
		}
	}
	for (let i = 0; i < sheets.length; i += 200) await tx.insert(surveyResponses).values(sheets.slice(i, i + 200));
	for (let i = 0; i < answers.length; i += 500) await tx.insert(surveyAnswers).values(answers.slice(i, i + 500));
	return n;
}

function wrongAnswer(item: Item, random: () => number): string[] {
	const key = item.answerKey!;
	const others = item.options.map((o) => o.key).filter((k) => !key.includes(k));
	if (item.kind === 'multiple_choice') {
		// Most wrong multiple-choice answers leave out a right option; some add a wrong one too.
		const kept = key.filter(() => random() < 0.6);
		const partial = kept.length === key.length ? key.slice(1) : kept;
		if (random() < 0.35 && others.length) partial.push(others[Math.floor(random() * others.length)]!);
		return partial.length ? [...new Set(partial)].sort() : [others[0] ?? key[0]!];
	}
	return [others[Math.floor(random() * others.length)]!];
}
