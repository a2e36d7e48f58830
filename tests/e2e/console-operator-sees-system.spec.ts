/**
 * The operator's view (issue 21): the admin opens 系统状态 from the console menu and reads the
 * database, the backup the server took at start, the outboxes, the jobs and the retention rules; an
 * organizer is refused; /metrics answers nobody while METRICS_TOKEN is unset, as in the tests' server.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { signIn } from './support/console';

test('the admin opens 系统状态 and reads the database, the newest backup and the retention rules', async ({ page }) => {
	test.setTimeout(60_000);
	await signIn(page, 'admin@yizhen.example');
	await page.goto('/console');
	const more = page.locator('nav ul.phone summary');
	if (await more.isVisible()) await more.click();
	await page.locator('nav a[href="/console/system"]:visible').first().click();
	await expect(page).toHaveURL(/\/console\/system$/);
	await expect(page.getByRole('heading', { level: 1, name: '系统状态' })).toBeVisible();
	await expect(page.getByText('可以访问')).toBeVisible();
	await expect(page.getByText(/已应用迁移 (\d+) 个，本版本共有 \1 个。/)).toBeVisible();
	// The server backs up at start when it has no copy yet; the copy is taken on a thread of its own.
	await expect
		.poll(
			async () => {
				await page.reload();
				return page.getByText(/^最新备份：/).count();
			},
			{ timeout: 20_000 }
		)
		.toBe(1);
	await expect(page.getByText(/活动日期满一年后，抹去姓名、手机号/)).toBeVisible();
	await expect(page.getByText(/^上次运行：.*抹去 \d+ 条报名的个人信息/)).toBeVisible();
	const results = await new AxeBuilder({ page }).analyze();
	expect(results.violations.map((v) => `${v.id} ${v.help}`)).toEqual([]);

	const json = await page.request.get('/console/system/status.json');
	expect(json.status()).toBe(200);
	expect(await json.json()).toMatchObject({ ready: true, database: { reachable: true } });
});

test('an organizer is refused 系统状态 in Chinese and sees no link to it', async ({ page }) => {
	await signIn(page, 'organizer@yizhen.example');
	await page.goto('/console');
	await expect(page.locator('a[href="/console/system"]')).toHaveCount(0);
	const answer = await page.goto('/console/system');
	expect(answer?.status()).toBe(403);
	await expect(page.getByText('只有系统管理员可以查看系统状态。')).toBeVisible();
	expect((await page.request.get('/console/system/status.json')).status()).toBe(403);
});

test('/metrics is not there for anyone while METRICS_TOKEN is unset', async ({ request }) => {
	expect((await request.get('/metrics')).status()).toBe(404);
	expect((await request.get('/metrics', { headers: { Authorization: 'Bearer guess' } })).status()).toBe(404);
});
