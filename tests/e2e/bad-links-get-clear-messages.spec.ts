import { expect, test } from '@playwright/test';
import { siteIdNamed } from './support/demo-db';

test('an unknown center or expert gives a Chinese 404 page', async ({ page }) => {
	for (const path of ['/centers/no-such-center', '/experts/no-such-expert', '/no-such-page']) {
		const response = await page.goto(path);
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('页面不存在');
		await expect(page.getByRole('link', { name: '回到首页' })).toBeVisible();
	}
	await expect(page.getByText(/没有找到|不存在/).first()).toBeVisible();
});

test('a malformed week or date is a 400 with a message, not a server error', async ({ page }) => {
	const id = await siteIdNamed('新桥社区卫生服务中心');
	let response = await page.goto(`/centers/${id}?week=2026-13-45`);
	expect(response?.status()).toBe(400);
	await expect(page.getByText('日期格式不对')).toBeVisible();

	response = await page.goto('/find?from=next-tuesday');
	expect(response?.status()).toBe(400);
	await expect(page.getByText('从日期格式不对')).toBeVisible();

	response = await page.goto('/find?from=2026-12-10&to=2026-12-01');
	expect(response?.status()).toBe(400);
	await expect(page.getByText('结束日期不能早于开始日期')).toBeVisible();

	response = await page.goto('/find?department=nope');
	expect(response?.status()).toBe(400);
	await expect(page.getByText('没有这个科室')).toBeVisible();
});
