import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { addDays } from '../../src/lib/calendar-date';
import { signIn } from './support/console';
import { thisWeek } from './support/demo-db';

// Organizers plan from their phones too. Console journeys run in the desktop project only (they share
// the demo database), so the narrow screen is set here.
test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

/** What organizer@ (区人民医院, not an expert, not an admin) may open: every one must be reachable. */
const ROW = [
	{ name: '概览', path: '/console' },
	{ name: '排班', path: '/console/plan' },
	{ name: '请假', path: '/console/leave' },
	{ name: '活动', path: '/console/events' }
];
const BEHIND_MORE = [
	{ name: '坐诊安排', path: '/console/rotations' },
	{ name: '健康素养调查', path: '/console/surveys' },
	{ name: '报表', path: '/console/reports' },
	{ name: '考核目标', path: '/console/coverage' },
	{ name: '专家', path: '/console/experts' },
	{ name: '单位和站点', path: '/console/sites' },
	{ name: '导入排班表', path: '/console/import' },
	{ name: '邀请成员', path: '/console/people' },
	{ name: '志愿服务', path: '/console/shifts' }
];

const nav = (page: Page) => page.getByRole('navigation', { name: '工作台导航' });
const more = (page: Page) => nav(page).locator('details');

async function expectNoSidewaysScroll(page: Page) {
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(width, `${page.url()} is wider than the screen`).toBeLessThanOrEqual(360);
}

async function height(page: Page, locator: ReturnType<Page['locator']>) {
	const box = await locator.boundingBox();
	expect(box, 'the element is laid out').not.toBeNull();
	return box!.height;
}

test('the navigation takes one row under the account, and every page is a tap or two away', async ({ page }) => {
	test.setTimeout(90_000);
	await signIn(page, 'organizer@yizhen.example');

	for (const path of ['/console', '/console/plan']) {
		await page.goto(path);
		expect(await height(page, nav(page)), `the navigation on ${path}`).toBeLessThanOrEqual(110);
		expect(await height(page, page.getByRole('banner')), `the whole header on ${path}`).toBeLessThanOrEqual(110);
		await expectNoSidewaysScroll(page);
	}

	// The row and 更多 together list exactly the pages the desktop lists, each a 44 px touch target.
	await expect(nav(page).getByRole('link')).toHaveText(ROW.map((d) => d.name));
	await more(page).getByText('更多').click();
	await expect(more(page)).toHaveAttribute('open', '');
	await expect(more(page).getByRole('link')).toHaveText(BEHIND_MORE.map((d) => d.name));
	for (const target of await nav(page).getByRole('link').all()) expect(await height(page, target)).toBeGreaterThanOrEqual(44);
	expect(await height(page, more(page).locator('summary'))).toBeGreaterThanOrEqual(44);
	await expectNoSidewaysScroll(page);

	for (const { name, path } of ROW) {
		await page.goto('/console/account');
		await nav(page).getByRole('link', { name, exact: true }).click();
		await expect(page).toHaveURL(new RegExp(`${path}$`));
		await expect(nav(page).getByRole('link', { name, exact: true })).toHaveAttribute('aria-current', 'page');
	}
	for (const { name, path } of BEHIND_MORE) {
		await page.goto('/console');
		await more(page).getByText('更多').click();
		await more(page).getByRole('link', { name, exact: true }).click();
		await expect(page).toHaveURL(new RegExp(`${path}$`));
		// The page chosen closes 更多 behind it, and is still marked as the current one inside.
		await expect(more(page)).not.toHaveAttribute('open');
		await more(page).getByText('更多').click();
		await expect(more(page).getByRole('link', { name, exact: true })).toHaveAttribute('aria-current', 'page');
		// One mark in what is on screen (the desktop's list, hidden here, marks it too).
		await expect(nav(page).locator('[aria-current="page"]').filter({ visible: true })).toHaveCount(1);
	}
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('更多 opens, and a page behind it opens', async ({ page }) => {
		await signIn(page, 'organizer@yizhen.example');
		await page.goto('/console');
		await more(page).getByText('更多').click();
		await more(page).getByRole('link', { name: '报表', exact: true }).click();
		await expect(page).toHaveURL(/\/console\/reports$/);
		await expect(page.getByRole('heading', { level: 1, name: '健康服务报表' })).toBeVisible();
	});
});

test('axe finds nothing wrong with the phone navigation, open or closed', async ({ page }) => {
	test.setTimeout(60_000);
	await signIn(page, 'admin@yizhen.example');
	await page.goto('/console/plan');
	const closed = await new AxeBuilder({ page }).analyze();
	await more(page).getByText('更多').click();
	const open = await new AxeBuilder({ page }).include('header').analyze();
	expect([...closed.violations, ...open.violations].map((v) => `${v.id} ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
});

test('the planning grid reads as a week: every center with its seven days, nothing off the side', async ({ page }) => {
	test.setTimeout(60_000);
	await signIn(page, 'organizer@yizhen.example');
	await page.goto('/console/plan');
	await expectNoSidewaysScroll(page);

	const { monday } = thisWeek();
	const centers = page.locator('ul.week-by-center > li');
	// One card for each row of the desktop grid (hidden here): every center the organizer plans for.
	const rows = await page.locator('table.plan tbody tr').count();
	expect(rows).toBeGreaterThan(0);
	await expect(centers).toHaveCount(rows);
	const xinqiao = centers.filter({ has: page.getByRole('heading', { name: '新桥社区卫生服务中心' }) });
	await expect(xinqiao.locator('li.day')).toHaveCount(7);
	await expect(xinqiao.locator('.day-name strong')).toHaveText(['周一', '周二', '周三', '周四', '周五', '周六', '周日']);
	for (let i = 0; i < 7; i++) {
		const day = xinqiao.locator(`li.day[data-date="${addDays(monday, i)}"]`);
		await expect(day).toBeVisible();
		const box = (await day.boundingBox())!;
		expect(box.x).toBeGreaterThanOrEqual(0);
		expect(box.x + box.width).toBeLessThanOrEqual(360);
	}
	// Every center has its week, and every sitting of the (desktop) grid is on the phone too.
	for (const center of await centers.all()) await expect(center.locator('li.day')).toHaveCount(7);
	await expect(page.locator('table.plan')).toBeHidden();
	const inGrid = await page.locator('table.plan a.sitting').count();
	await expect(page.locator('ul.week-by-center a.sitting')).toHaveCount(inGrid);

	// A month stays a grid, scrolling inside its box with the centers' names kept in view.
	await page.goto('/console/plan?view=month');
	await expectNoSidewaysScroll(page);
	const name = page.getByRole('rowheader', { name: '新桥社区卫生服务中心' });
	await page.locator('.table-wrap').evaluate((wrap) => wrap.scrollTo({ left: 800 }));
	await expect.poll(() => page.locator('.table-wrap').evaluate((wrap) => wrap.scrollLeft)).toBeGreaterThan(0);
	const box = (await name.boundingBox())!;
	expect(box.x).toBeGreaterThanOrEqual(0);
	expect(box.x).toBeLessThan(40);
});

test('report charts count in whole numbers', async ({ page }) => {
	await signIn(page, 'organizer@yizhen.example');
	await page.goto('/console/reports');
	const charts = page.locator('figure svg');
	await expect(charts).toHaveCount(4);
	for (const chart of await charts.all()) {
		const values = await chart.locator('text.gridline-value').allTextContents();
		expect(values.length).toBeGreaterThanOrEqual(2);
		for (const value of values) expect(value, `an axis value of ${await chart.getAttribute('aria-label')}`).toMatch(/^\d{1,3}(,\d{3})*$/);
	}
});
