import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { and, count, eq } from 'drizzle-orm';
import { hashToken } from '../../src/lib/server/auth/tokens';
import { surveyResponses, surveys } from '../../src/lib/server/db/schema';
import { DEMO_OPEN_SURVEY_CODE } from '../../src/lib/server/seed/demo-surveys';
import { signIn } from './support/console';
import { withDemoDb } from './support/demo-db';

const CODE = DEMO_OPEN_SURVEY_CODE;

test.describe('on a 360 px phone with JavaScript off', () => {
	test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

	test('a resident answers the health literacy survey one question at a time, resumes, submits once, and is counted', async ({ page, browser, baseURL }) => {
		// 24 screens, each a full page load without JavaScript, on a machine shared with other runs.
		test.setTimeout(180_000);
		const surveyId = await withDemoDb(async (db) => (await db.select({ id: surveys.id }).from(surveys).where(eq(surveys.code, CODE)).get())!.id);

		await page.goto(`/s/${CODE}`);
		await expect(page.getByRole('heading', { level: 1, name: /居民健康素养调查/ })).toBeVisible();
		await expect(page.getByText('不记名：答卷不需要填写姓名和手机号。')).toBeVisible();
		await page.getByRole('button', { name: '开始答题' }).click();
		await expect(page.getByText('第1题/共24题')).toBeVisible();

		// Pressing on without choosing is explained on the spot, with a 400, and nothing moves on.
		const refused = page.waitForResponse((r) => r.request().method() === 'POST');
		await page.getByRole('button', { name: '下一题' }).click();
		expect((await refused).status()).toBe(400);
		await expect(page.getByRole('alert')).toHaveText('请选择一项。');
		await expect(page.getByText('第1题/共24题')).toBeVisible();

		const answerCurrent = async (n: number) => {
			// Each step is a full page load: allow for a machine busy with other runs.
			await expect(page.getByText(`第${n}题/共24题`)).toBeVisible({ timeout: 15_000 });
			const options = page.locator('label.option');
			// Every option is a whole-row tap target, at least 48 px high, inside the 360 px screen.
			for (const box of await Promise.all((await options.all()).map((o) => o.boundingBox()))) {
				expect(box!.height).toBeGreaterThanOrEqual(48);
				expect(box!.x + box!.width).toBeLessThanOrEqual(360);
			}
			const checkboxes = page.getByRole('checkbox');
			if ((await checkboxes.count()) > 0) {
				await checkboxes.nth(0).check();
				await checkboxes.nth(1).check();
			} else {
				await page.getByRole('radio').first().check();
			}
			await page.getByRole('button', { name: n < 24 ? '下一题' : '下一步：检查并提交' }).click();
		};
		for (let n = 1; n <= 3; n++) await answerCurrent(n);

		// The resident closes the page and scans the code again later: the same sheet, at question 4.
		await page.goto('/');
		await page.goto(`/s/${CODE}`);
		await expect(page.getByText('第4题/共24题')).toBeVisible();
		const next = page.getByRole('button', { name: '下一题' });
		expect((await next.boundingBox())!.height).toBeGreaterThanOrEqual(48);
		for (let n = 4; n <= 24; n++) await answerCurrent(n);

		await expect(page.getByRole('heading', { name: '检查并提交' })).toBeVisible();
		await expect(page.getByText('您已答完全部 24 道题')).toBeVisible();
		await page.getByRole('button', { name: '提交答卷' }).click();
		await expect(page.getByRole('heading', { name: '提交成功，感谢参与！' })).toBeVisible();

		// The sheet is in the database once, submitted, under this phone's (hashed) cookie.
		const device = (await page.context().cookies()).find((c) => c.name === 'yz_survey_device')!.value;
		const mine = await withDemoDb(async (db) =>
			db.select({ status: surveyResponses.status, registrationId: surveyResponses.registrationId }).from(surveyResponses).where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.deviceHash, hashToken(device))))
		);
		expect(mine).toEqual([{ status: 'submitted', registrationId: null }]);

		// Submitting again — a resent form — is refused with a message, and the phone is not counted twice.
		const again = await page.request.post(`/s/${CODE}?/submit`, { form: { responseId: 'resent' }, headers: { origin: baseURL!, accept: 'text/html' } });
		expect(again.status()).toBe(409);
		expect(await again.text()).toContain('这份答卷已经提交过了，不能重复提交。');
		await page.goto(`/s/${CODE}`);
		await expect(page.getByRole('heading', { name: '您已经填写过了' })).toBeVisible();

		// The organizer sees it counted on the survey's results page.
		const counted = await withDemoDb(async (db) => (await db.select({ n: count() }).from(surveyResponses).where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.status, 'submitted'))))[0]!.n);
		const organizer = await browser.newContext({ baseURL });
		const console = await organizer.newPage();
		await signIn(console, 'organizer@yizhen.example');
		await console.goto(`/console/surveys/${surveyId}`);
		// Other projects may answer the same survey meanwhile: at least everything counted so far is shown.
		const shown = Number(await console.getByTestId('respondents').textContent());
		expect(shown).toBeGreaterThanOrEqual(counted);
		expect(shown).toBeGreaterThan(72);
		await organizer.close();
	});

	test('a mistyped survey link gets a clear 404 in Chinese', async ({ page }) => {
		const response = await page.goto('/s/nosuch');
		expect(response?.status()).toBe(404);
		await expect(page.getByText('没有找到这份问卷，请核对链接或重新扫码。')).toBeVisible();
	});
});

test.describe('the answering screens for everyone', () => {
	// axe runs as a script in the page; the pages themselves ship none.
	test.use({ javaScriptEnabled: true, viewport: { width: 360, height: 740 } });

	test('axe finds no violations on the intro, a question, a multiple-choice question and the review, none wider than 360 px', async ({ page }) => {
		test.setTimeout(90_000);
		const check = async (what: string) => {
			const results = await new AxeBuilder({ page }).analyze();
			expect(results.violations.map((v) => `${what}: ${v.id} ${v.help} (${v.nodes.length})`)).toEqual([]);
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
			expect(overflow, `${what} is wider than the screen`).toBeLessThanOrEqual(0);
		};
		await page.goto(`/s/${CODE}`);
		await check('intro');
		await page.getByRole('button', { name: '开始答题' }).click();
		await expect(page.getByText('第1题/共24题')).toBeVisible();
		await check('question 1');
		await page.goto(`/s/${CODE}?q=4`);
		await expect(page.getByRole('checkbox')).toHaveCount(4);
		await check('multiple choice');
		await page.goto(`/s/${CODE}?review`);
		await expect(page.getByRole('heading', { name: '检查并提交' })).toBeVisible();
		await check('review');
	});
});
