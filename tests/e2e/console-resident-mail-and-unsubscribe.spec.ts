import { expect, test } from '@playwright/test';
import { signIn } from './support/console';

test('a resident who leaves an email gets the confirmation, and one click unsubscribes them without signing in', async ({ page, playwright, baseURL }) => {
	test.setTimeout(90_000);
	const email = `resident-${Date.now()}@example.com`;
	await page.goto('/events');
	await page.getByRole('link', { name: /沙坪坝周末义诊：心血管和慢病咨询/ }).click();
	await page.getByLabel('姓名').fill('赵桂英');
	await page.getByLabel(/手机号/).fill(`137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`);
	await page.getByLabel('年龄段').selectOption({ label: '70–79 岁' });
	await expect(page.getByText('也用来给您发报名确认和活动变动短信')).toBeVisible();
	await page.getByLabel(/邮箱/).fill('zhao@@example');
	await page.getByRole('checkbox').check();
	await page.getByRole('button', { name: '提交报名' }).click();
	await expect(page.getByText('邮箱格式不对')).toBeVisible();
	await page.getByLabel(/邮箱/).fill(email);
	await page.getByRole('button', { name: '提交报名' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '报名成功' })).toBeVisible();

	await signIn(page, 'admin@yizhen.example');
	const mail = page.locator('details', { hasText: email }).first();
	await expect(async () => {
		await page.goto('/console/mailbox');
		await expect(mail).toBeVisible({ timeout: 1000 });
	}).toPass({ timeout: 20_000 });
	await mail.locator('summary').click();
	const body = (await mail.locator('pre').textContent())!;
	expect(body).toContain('签到码：');
	const unsubscribe = body.match(/http\S+\/unsubscribe\/[a-z2-7]{32}/)![0];

	// A mail app's one-click POST: no cookies, no Origin header (RFC 8058).
	const mailApp = await playwright.request.newContext({ baseURL });
	const oneClick = await mailApp.post(new URL(unsubscribe).pathname, { form: { 'List-Unsubscribe': 'One-Click' } });
	expect(oneClick.status()).toBe(200);
	await mailApp.dispose();

	await page.context().clearCookies();
	await page.goto(new URL(unsubscribe).pathname);
	await expect(page.getByText(/已退订。以后不会再给 r\*\*\*@example\.com 发邮件/)).toBeVisible();
	expect((await page.request.get('/unsubscribe/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).status()).toBe(404);
});
