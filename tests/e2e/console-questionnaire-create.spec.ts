import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { addDays } from '../../src/lib/calendar-date';
import { LECTURE_QUIZ_ITEMS } from '../../src/lib/server/surveys/templates';
import { signIn } from './support/console';
import { thisWeek } from './support/demo-db';

/**
 * An organizer preparing a diabetes lecture makes its quiz: from the lecture quiz template, two
 * questions rewritten for the topic, published, run before and after the lecture; a resident answers
 * both on a phone without JavaScript; the before/after view shows the difference. On a desktop the
 * quiz is made on the 问卷 page; on a 360 px phone, from the lecture's own page (创建课前/课后小测验).
 * Console journeys run in the desktop project only (they share the demo database), so the phone's
 * screen is set here, as console-on-a-phone does.
 */

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** The two questions rewritten for diabetes, and their right answers. */
const FIRST = { prompt: '得了糖尿病，只要不吃糖，血糖就一定能控制好。', answer: '错误', key: 'F' };
const SECOND = {
	prompt: '糖尿病人每天的主食怎么吃比较好？',
	options: ['一口主食都不吃', '定时定量，粗细粮搭配着吃', '饿了就吃，想吃多少吃多少', '只喝稀饭'],
	key: 'B'
};
/** The right answer to each question after the edit: ours for the first two, the template's after that. */
const RIGHT = [FIRST.key, SECOND.key, ...LECTURE_QUIZ_ITEMS.slice(2).map((i) => i.answerKey![0]!)];
const TOTAL = LECTURE_QUIZ_ITEMS.length;

async function expectNoSidewaysScroll(page: Page) {
	const screen = page.viewportSize()!.width;
	const { width, widest } = await page.evaluate((screen) => {
		// What sticks out, innermost first, to say where to look when it fails.
		const out = [...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > screen + 1 && e.children.length === 0);
		return { width: document.documentElement.scrollWidth, widest: out.slice(0, 5).map((e) => `${e.tagName.toLowerCase()}${e.className ? `.${String(e.className).split(' ')[0]}` : ''}`) };
	}, screen);
	expect(width, `${page.url()} is wider than the screen: ${widest.join(', ')}`).toBeLessThanOrEqual(screen);
}

/** A lecture of 区人民医院's at 新桥, made through the console's own form; returns its console address. */
async function createLecture(page: Page, title: string, date: string) {
	await page.goto('/console/events');
	await page.getByRole('link', { name: '新建义诊或讲座' }).click();
	await page.getByLabel('健康讲座', { exact: true }).check();
	await page.getByLabel('活动名称').fill(title);
	await page.getByLabel(/^地点/).selectOption({ label: '新桥社区卫生服务中心' });
	await page.getByLabel('日期', { exact: true }).fill(date);
	await page.getByLabel('开始时间').fill('14:30');
	await page.getByLabel('结束时间').fill('16:00');
	await page.getByLabel(/^名额/).fill('40');
	await page.getByLabel('讲座主题').fill('血糖怎么控制：吃什么、怎么动、怎样在家测血糖');
	await page.getByLabel(/^嘉宾姓名和身份/).fill('王静 新桥社区卫生服务中心全科医生');
	await page.getByRole('button', { name: '创建活动' }).click();
	await expect(page.getByRole('status')).toHaveText('已创建。');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	const url = new URL(page.url());
	url.search = '';
	return url.toString();
}

/** Rewrites the template's first two questions for diabetes; the editor is open on the draft. */
async function editTwoItems(page: Page, checkRefusal: boolean) {
	const item = (n: number) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: new RegExp(`^第 ${n} 题`) }) });
	const first = item(1);
	await first.getByLabel('题目', { exact: true }).fill(FIRST.prompt);
	await first.getByRole('radio', { name: FIRST.answer }).check();
	await first.getByRole('button', { name: '保存第 1 题' }).click();
	await expect(page.getByRole('status')).toHaveText('已保存这道题。');

	const second = item(2);
	await second.getByLabel('题目', { exact: true }).fill(SECOND.prompt);
	for (const [i, label] of SECOND.options.entries()) await second.getByLabel(`选项 ${'ABCD'[i]}`, { exact: true }).fill(label);
	for (const key of 'ABCD') await second.getByLabel(`选项 ${key} 是正确答案`).setChecked(key === SECOND.key);
	if (checkRefusal) {
		// A quiz question without its answer is refused at the field, with what was typed kept.
		await second.getByLabel(`选项 ${SECOND.key} 是正确答案`).uncheck();
		await second.getByRole('button', { name: '保存第 2 题' }).click();
		await expect(second.getByText('单选题要有且只有一个正确答案')).toBeVisible();
		await expect(second.getByLabel('题目', { exact: true })).toHaveValue(SECOND.prompt);
		await second.getByLabel(`选项 ${SECOND.key} 是正确答案`).check();
	}
	await second.getByRole('button', { name: '保存第 2 题' }).click();
	await expect(page.getByRole('status')).toHaveText('已保存这道题。');
	// Only the kinds a quiz holds are offered: every question has an answer.
	await expect(second.getByLabel('题型').locator('option')).toHaveText(['判断题', '单选题', '多选题', '基本情况']);
}

/** Starts the lecture's survey of one kind with the quiz, from the lecture's console page. */
async function startSurvey(page: Page, lectureUrl: string, kind: '讲座前小测验' | '讲座后小测验', quizVersion: string, title: string) {
	await page.goto(lectureUrl);
	const surveys = page.getByRole('region', { name: '讲座前后调查' });
	await surveys.getByLabel('类型').selectOption({ label: kind });
	await surveys.getByRole('combobox', { name: '问卷', exact: true }).selectOption({ label: quizVersion });
	await surveys.getByLabel('调查名称').fill(title);
	await surveys.getByRole('button', { name: '创建调查' }).click();
	await expect(page.getByRole('status')).toContainText('已创建调查');
	await expect(surveys.getByRole('row').filter({ hasText: title })).toContainText('进行中');
}

/** A resident with JavaScript off opens the lecture's page, follows the survey link and answers every question. */
async function residentAnswers(browser: Browser, baseURL: string, eventId: string, link: '参加课前调查' | '参加课后调查', answers: string[], phone: boolean) {
	const context = await browser.newContext({ baseURL, javaScriptEnabled: false, ...(phone ? PHONE : {}) });
	const page = await context.newPage();
	await page.goto(`/events/${eventId}`);
	await page.getByRole('link', { name: link }).click();
	await page.getByRole('button', { name: '开始答题' }).click();
	for (let n = 1; n <= TOTAL; n++) {
		await expect(page.getByText(`第${n}题/共${TOTAL}题`)).toBeVisible({ timeout: 15_000 });
		if (n === 1) await expect(page.getByText(FIRST.prompt)).toBeVisible();
		if (n === 2) await expect(page.getByText(`B. ${SECOND.options[1]}`)).toBeVisible();
		await page.locator(`input[name="choice"][value="${answers[n - 1]}"]`).check();
		await page.getByRole('button', { name: n < TOTAL ? '下一题' : '下一步：检查并提交' }).click();
	}
	await expect(page.getByText(`您已答完全部 ${TOTAL} 道题`)).toBeVisible();
	await page.getByRole('button', { name: '提交答卷' }).click();
	await expect(page.getByRole('heading', { name: '提交成功，感谢参与！' })).toBeVisible();
	await context.close();
}

/** The first option everywhere: 正确 on the true/false questions, A on the single-choice ones. */
const FIRST_OPTIONS = LECTURE_QUIZ_ITEMS.map((i) => (i.kind === 'true_false' ? 'T' : 'A'));
const rightOf = (answers: string[]) => answers.filter((a, i) => a === RIGHT[i]).length;

/** The before/after view of the lecture's quiz, reached from the lecture's page. */
async function checkBeforeAndAfter(page: Page, lectureUrl: string, preTitle: string) {
	await page.goto(lectureUrl);
	await page.getByRole('region', { name: '讲座前后调查' }).getByRole('link', { name: preTitle }).click();
	await expect(page.getByRole('heading', { level: 2, name: '小测验成绩' })).toBeVisible();
	const compare = page.getByRole('region', { name: '讲座前后对比' });
	const before = rightOf(FIRST_OPTIONS);
	await expect(compare.getByRole('row', { name: /^答对 80% 以上的比例/ })).toHaveText(/0\.0%（1 份）\s*100\.0%（1 份）\s*\+100\.0 个百分点/);
	await expect(compare.getByRole('row', { name: /^平均分/ })).toHaveText(new RegExp(`${before}\\.0\\s*${TOTAL}\\.0\\s*\\+${TOTAL - before}\\.0 分`));
	// Item by item: the rewritten questions were wrong before the lecture and right after it.
	await expect(compare.getByRole('row', { name: new RegExp(`^第1题 ${FIRST.prompt}`) })).toHaveText(/0\.0%\s*100\.0%/);
	await expect(compare.getByRole('row', { name: new RegExp(`^第2题 ${SECOND.prompt}`) })).toHaveText(/0\.0%\s*100\.0%/);
}

test.describe('on a desktop', () => {
	test('an organizer makes a diabetes quiz from the template on the 问卷 page, edits two questions, publishes it and runs it before and after a lecture; a resident answers without JavaScript; the before/after view shows it', async ({ page, browser, baseURL }) => {
		// Sign-in (Argon2id), a lecture, a quiz, two surveys, 18 answer screens without JavaScript: slow on a busy 2-core machine.
		test.setTimeout(300_000);
		const lecture = '糖尿病患者怎样吃、怎样动';
		const quiz = '糖尿病饮食与运动小测验';
		await signIn(page, 'organizer@yizhen.example');
		const lectureUrl = await createLecture(page, lecture, addDays(thisWeek().nextMonday, 16));
		const eventId = new URL(lectureUrl).pathname.split('/').pop()!;

		await page.goto('/console/surveys');
		await page.getByRole('link', { name: /新建或编辑问卷/ }).click();
		const results = await new AxeBuilder({ page }).analyze();
		expect(results.violations.map((v) => `${v.id} ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
		const create = page.getByRole('region', { name: '新建问卷' });
		await create.getByLabel('问卷名称').fill(quiz);
		await create.getByRole('radio', { name: /^讲座前后小测验/ }).check();
		await expect(create.getByLabel('所属单位')).toHaveValue(/.+/);
		await expect(create.getByLabel('从哪里开始').locator('option:checked')).toHaveText(/^用所选类型的模板/);
		// The district's literacy questionnaire is there to copy as well.
		await expect(create.getByLabel('从哪里开始').locator('option', { hasText: /^复制：社区居民健康素养小测验/ })).toHaveCount(1);
		await create.getByRole('button', { name: '新建并开始编辑' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${quiz}（第 1 版）`);
		await expect(page.getByRole('status')).toContainText('问卷已新建');
		await expect(page.getByText(`共 ${TOTAL} 道题。`)).toBeVisible();
		const draftUrl = page.url();

		// The same name again in the same hospital: refused at the field with a 400, the form as typed, nothing made.
		await page.goto('/console/questionnaires');
		await create.getByLabel('问卷名称').fill(quiz);
		await create.getByRole('radio', { name: /^讲座前后小测验/ }).check();
		const refused = page.waitForResponse((r) => r.request().method() === 'POST');
		await create.getByRole('button', { name: '新建并开始编辑' }).click();
		expect((await refused).status()).toBe(400);
		await expect(page.locator('#title-error')).toHaveText(`本单位已经有一份叫“${quiz}”的问卷了，请换一个名称`);
		await expect(create.getByLabel('问卷名称')).toHaveValue(quiz);
		await expect(page.getByRole('link', { name: quiz, exact: true })).toHaveCount(1);

		await page.goto(draftUrl);
		await editTwoItems(page, true);
		await page.getByRole('button', { name: '发布第 1 版' }).click();
		await expect(page.getByRole('status')).toHaveText(/^已发布/);

		await startSurvey(page, lectureUrl, '讲座前小测验', `${quiz}（第 1 版）`, `讲座前小测验：${lecture}`);
		await startSurvey(page, lectureUrl, '讲座后小测验', `${quiz}（第 1 版）`, `讲座后小测验：${lecture}`);

		await residentAnswers(browser, baseURL!, eventId, '参加课前调查', FIRST_OPTIONS, false);
		await residentAnswers(browser, baseURL!, eventId, '参加课后调查', RIGHT, false);
		await checkBeforeAndAfter(page, lectureUrl, `讲座前小测验：${lecture}`);
	});
});

test.describe('on a 360 px phone', () => {
	test.use(PHONE);

	test('an organizer makes the lecture’s quiz with 创建课前/课后小测验, edits two questions, publishes it and runs it before and after; a resident answers without JavaScript; the before/after view shows it', async ({ page, browser, baseURL }) => {
		test.setTimeout(300_000);
		const lecture = '糖尿病足的预防和护理';
		await signIn(page, 'organizer@yizhen.example');
		const lectureUrl = await createLecture(page, lecture, addDays(thisWeek().nextMonday, 17));
		const eventId = new URL(lectureUrl).pathname.split('/').pop()!;

		await page.getByRole('button', { name: '创建课前/课后小测验' }).click();
		const quiz = `讲座小测验：${lecture}`;
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${quiz}（第 1 版）`);
		await expect(page.getByText(`这是讲座“${lecture}”的课前/课后小测验`)).toBeVisible();
		await expectNoSidewaysScroll(page);
		await editTwoItems(page, false);
		await page.getByRole('button', { name: '发布第 1 版' }).click();
		await expect(page.getByRole('status')).toHaveText(/^已发布/);
		await page.getByRole('link', { name: `回到讲座“${lecture}”，开始讲座前后小测验` }).click();

		// The lecture's page names its quiz and has it chosen already.
		const surveys = page.getByRole('region', { name: '讲座前后调查' });
		await expect(surveys.getByRole('link', { name: quiz })).toBeVisible();
		await expect(surveys.getByRole('combobox', { name: '问卷', exact: true }).locator('option:checked')).toHaveText(`${quiz}（第 1 版）`);
		await expect(page.getByRole('button', { name: '创建课前/课后小测验' })).toHaveCount(0);
		await expectNoSidewaysScroll(page);
		await startSurvey(page, lectureUrl, '讲座前小测验', `${quiz}（第 1 版）`, `讲座前小测验：${lecture}`);
		await startSurvey(page, lectureUrl, '讲座后小测验', `${quiz}（第 1 版）`, `讲座后小测验：${lecture}`);

		await residentAnswers(browser, baseURL!, eventId, '参加课前调查', FIRST_OPTIONS, true);
		await residentAnswers(browser, baseURL!, eventId, '参加课后调查', RIGHT, true);
		await checkBeforeAndAfter(page, lectureUrl, `讲座前小测验：${lecture}`);
		await expectNoSidewaysScroll(page);
	});
});

test('a satisfaction survey made from its template asks 5-point questions, reads as distributions, and once archived is no longer offered for new surveys', async ({ page, browser, baseURL }) => {
	test.setTimeout(180_000);
	const title = '周末义诊满意度调查';
	await signIn(page, 'organizer@yizhen.example');
	await page.goto('/console/questionnaires');
	const create = page.getByRole('region', { name: '新建问卷' });
	await create.getByLabel('问卷名称').fill(title);
	await create.getByRole('radio', { name: /^满意度调查/ }).check();
	await create.getByRole('button', { name: '新建并开始编辑' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${title}（第 1 版）`);
	// A satisfaction survey holds ratings and questions about the respondent: nothing with an answer key.
	const add = page.getByRole('region', { name: '添加一道题' });
	await expect(add.getByLabel('题型').locator('option')).toHaveText(['满意度题（5 级）', '基本情况']);
	const questions = await page.getByRole('heading', { level: 3, name: /^第 \d+ 题 · 满意度题/ }).count();
	expect(questions).toBeGreaterThanOrEqual(5);
	await page.getByRole('button', { name: '发布第 1 版' }).click();
	await expect(page.getByRole('status')).toHaveText(/^已发布/);

	await page.goto('/console/surveys');
	const start = page.getByRole('region', { name: '开始新的调查' });
	await start.getByLabel('调查名称').fill(title);
	await start.getByRole('combobox', { name: '问卷', exact: true }).selectOption({ label: `${title}（第 1 版）` });
	await start.getByRole('combobox', { name: /^站点/ }).selectOption({ label: '新桥社区卫生服务中心' });
	await start.getByRole('button', { name: '开始调查' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	const surveyUrl = page.url();
	const code = (await page.getByRole('link', { name: /\/s\/[a-z2-9]{6}$/ }).getAttribute('href'))!.split('/s/')[1]!;

	// A resident answers on a phone without JavaScript: 非常满意 to the first question, 满意 to the rest.
	const resident = await browser.newContext({ baseURL, javaScriptEnabled: false, ...PHONE });
	const phone = await resident.newPage();
	await phone.goto(`/s/${code}`);
	await expect(phone.getByText('满意度调查', { exact: true })).toBeVisible();
	await phone.getByRole('button', { name: '开始答题' }).click();
	for (let n = 1; n <= questions; n++) {
		await expect(phone.getByText(`第${n}题/共${questions}题`)).toBeVisible({ timeout: 15_000 });
		await phone.getByRole('radio', { name: n === 1 ? '非常满意' : '满意', exact: true }).check();
		await phone.getByRole('button', { name: n < questions ? '下一题' : '下一步：检查并提交' }).click();
	}
	await phone.getByRole('button', { name: '提交答卷' }).click();
	await expect(phone.getByRole('heading', { name: '提交成功，感谢参与！' })).toBeVisible();
	await resident.close();

	await page.goto(surveyUrl);
	const results = page.getByRole('region', { name: '满意度' });
	await expect(results.getByTestId('respondents')).toHaveText('1');
	await expect(results.getByRole('row', { name: /^第1题/ })).toHaveText(/1（100\.0%）\s*0（0\.0%）\s*0（0\.0%）\s*0（0\.0%）\s*0（0\.0%）\s*100\.0%\s*5\.0/);
	await expect(results.getByRole('row', { name: /^第2题/ })).toHaveText(/0（0\.0%）\s*1（100\.0%）\s*0（0\.0%）\s*0（0\.0%）\s*0（0\.0%）\s*100\.0%\s*4\.0/);
	await expect(page.getByRole('heading', { name: '健康素养水平' })).toHaveCount(0);

	// Answered, so it cannot be deleted; archived, it is no longer offered for a new survey, and its results stay.
	await page.goto('/console/questionnaires');
	await page.getByRole('link', { name: title, exact: true }).click();
	await expect(page.getByText('已经有人答过这份问卷，所以不能删除')).toBeVisible();
	await expect(page.getByRole('button', { name: '删除问卷' })).toHaveCount(0);
	await page.getByRole('button', { name: '归档' }).click();
	await expect(page.getByRole('status')).toHaveText(/^已归档/);
	await page.goto('/console/surveys');
	await expect(page.getByRole('region', { name: '开始新的调查' }).getByRole('combobox', { name: '问卷', exact: true }).locator('option', { hasText: title })).toHaveCount(0);
	await page.goto(surveyUrl);
	await expect(page.getByRole('region', { name: '满意度' }).getByTestId('respondents')).toHaveText('1');
});
