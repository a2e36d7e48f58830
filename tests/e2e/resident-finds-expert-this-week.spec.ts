import { expect, test, type Page } from '@playwright/test';
import { addDays, todayIn } from '../../src/lib/calendar-date';
import { formatClockTime, formatDateRange, formatDay } from '../../src/lib/format/dates';
import { listSittings } from '../../src/lib/server/schedule/sittings';
import { departmentIdNamed, thisWeek, withDemoDb } from './support/demo-db';

// A resident's phone: 360 px wide, in every project (with and without JavaScript).
test.use({ viewport: { width: 360, height: 740 } });

/** The days with 康复科 sittings the page should list, from the database the server uses (holidays closed are left out). */
async function kangfuDays(from: string, to: string): Promise<string[]> {
	const departmentId = await departmentIdNamed('康复科');
	const { sittings } = await withDemoDb((db) => listSittings(db, { from, to, departmentId }));
	return [...new Set(sittings.filter((s) => s.status !== 'holiday').map((s) => s.date))];
}

async function listedDays(page: Page): Promise<string[]> {
	const days = await page.locator('li.day').all();
	return Promise.all(days.map(async (d) => (await d.getAttribute('data-date')) ?? ''));
}

async function scrollsSideways(page: Page): Promise<number> {
	return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

test('a resident finds this week’s 康复科 sittings, tomorrow’s included, then switches to next week', async ({ page, javaScriptEnabled }) => {
	const today = todayIn('Asia/Shanghai');
	const tomorrow = addDays(today, 1);
	const { sunday, nextMonday } = thisWeek();
	const nextSunday = addDays(nextMonday, 6);

	await page.goto('/find');
	await page.getByLabel('科室').selectOption({ label: '康复科' });
	// No date to set: the search starts today.
	await expect(page.getByRole('radio', { name: '本周' })).toBeChecked();
	await page.getByRole('button', { name: '查找' }).click();

	await expect(page.getByRole('heading', { level: 2 })).toHaveText(
		`${today === sunday ? formatDay(today) : formatDateRange(today, sunday)} 康复科专家坐诊`
	);
	await expect(page.getByText('今天已经结束的坐诊不再列出。')).toBeVisible();
	// Every later day of this week with a 康复科 sitting is there, tomorrow first (on a Sunday, tomorrow is next week's).
	const laterThisWeek = tomorrow <= sunday ? await kangfuDays(tomorrow, sunday) : [];
	expect((await listedDays(page)).filter((d) => d !== today)).toEqual(laterThisWeek);
	if (laterThisWeek[0] === tomorrow) {
		await expect(page.locator(`li.day[data-date="${tomorrow}"] li.sitting`).first()).toContainText('康复科');
	}
	// Today's are the ones still to come: none listed has ended (a minute's grace for the page cache).
	const twoMinutesAgo = formatClockTime(new Date(Date.now() - 120_000));
	const graceEnd = twoMinutesAgo > formatClockTime(new Date()) ? '00:00' : twoMinutesAgo; // just after midnight
	for (const range of await page.locator(`li.day[data-date="${today}"] .range`).allTextContents()) {
		expect(range.split('–')[1]! >= graceEnd, `today's ${range} has ended`).toBe(true);
	}
	for (const sitting of await page.locator('li.sitting').all()) await expect(sitting).toContainText('康复科');
	if (javaScriptEnabled) expect(await scrollsSideways(page)).toBeLessThanOrEqual(0);

	// 下周: one tap on the choice, then 查找; the same works as a plain GET form without JavaScript.
	await page.getByRole('radio', { name: '下周' }).check();
	await page.getByRole('button', { name: '查找' }).click();
	await expect(page).toHaveURL(/when=next-week/);
	await expect(page.getByRole('radio', { name: '下周' })).toBeChecked();
	await expect(page.getByLabel('科室')).toHaveValue(await departmentIdNamed('康复科'));
	await expect(page.getByRole('heading', { level: 2 })).toHaveText(`${formatDateRange(nextMonday, nextSunday)} 康复科专家坐诊`);
	const nextWeekDays = await kangfuDays(nextMonday, nextSunday);
	expect(nextWeekDays.length).toBeGreaterThan(0);
	expect(await listedDays(page)).toEqual(nextWeekDays);
	await expect(page.getByText('今天已经结束的坐诊不再列出。')).toBeHidden();
	// And on from there, a week at a time.
	await expect(page.getByRole('link', { name: '再往后看 7 天' })).toHaveAttribute('href', new RegExp(`when=date&date=${addDays(nextSunday, 1)}`));
	if (javaScriptEnabled) expect(await scrollsSideways(page)).toBeLessThanOrEqual(0);
});

test('a picked date searches the seven days from it, and a date gone by shows this week instead', async ({ page }) => {
	const today = todayIn('Asia/Shanghai');
	const { sunday } = thisWeek();
	const department = await departmentIdNamed('康复科');
	const picked = addDays(today, 9);

	await page.goto(`/find?department=${department}`);
	await page.getByRole('radio', { name: '选日期' }).check();
	await page.getByLabel('从哪天起').fill(picked);
	await page.getByRole('button', { name: '查找' }).click();
	await expect(page.getByRole('heading', { level: 2 })).toHaveText(`${formatDateRange(picked, addDays(picked, 6))} 康复科专家坐诊`);
	await expect(page.getByRole('radio', { name: '选日期' })).toBeChecked();
	await expect(page.getByLabel('从哪天起')).toHaveValue(picked);

	// An old shared link for days already past still answers, with this week.
	const response = await page.goto(`/find?department=${department}&from=${addDays(today, -14)}&to=${addDays(today, -8)}`);
	expect(response?.status()).toBe(200);
	await expect(page.getByText('您要查的日子已经过去了，下面是本周的坐诊。')).toBeVisible();
	await expect(page.getByRole('heading', { level: 2 })).toHaveText(
		`${today === sunday ? formatDay(today) : formatDateRange(today, sunday)} 康复科专家坐诊`
	);

	// A malformed date is the visitor's mistake: a 400 that says so in Chinese.
	const bad = await page.goto(`/find?department=${department}&when=date&date=2026-02-30`);
	expect(bad?.status()).toBe(400);
	await expect(page.getByText('日期格式不对')).toBeVisible();
});

/** Computed styles are read by a script in the page: this one runs with JavaScript on, in every project. */
test.describe('measured in the browser', () => {
	test.use({ javaScriptEnabled: true });

	test('in 长辈版 on a 360 px phone the results fit and the sitting times read at 20 px', async ({ page, context, baseURL }) => {
		await context.addCookies([{ name: 'yz_text', value: 'large', url: baseURL! }]);
		await page.goto(`/find?department=${await departmentIdNamed('康复科')}&when=next-week`);
		await expect(page.locator('html')).toHaveClass(/large-text/);
		await expect(page.locator('li.sitting').first()).toBeVisible();
		expect(await scrollsSideways(page)).toBeLessThanOrEqual(0);
		const sizes = await page.locator('li.sitting .range').evaluateAll((els) => els.map((el) => getComputedStyle(el).fontSize));
		expect(sizes.length).toBeGreaterThan(0);
		for (const size of sizes) expect(size).toBe('20px');
	});
});
