import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'yizhen-demo-2026';

/** Signs in afresh (whoever was signed in before is forgotten). */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
	await page.context().clearCookies();
	await page.goto('/login');
	await page.getByLabel('邮箱').fill(email);
	await page.getByLabel('密码').fill(password);
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();
}

/**
 * The first link in the newest local-mailbox message to `to` whose subject starts with `subject`, read
 * as the admin reads it at /console/mailbox (the tests' servers have no SMTP_URL). Signs in as admin.
 */
export async function linkInMailbox(page: Page, subject: string, to: string): Promise<string> {
	await signIn(page, 'admin@yizhen.example');
	const mail = page.locator('details', { hasText: `${subject} → ` }).filter({ hasText: to }).first();
	await expect(async () => {
		await page.goto('/console/mailbox');
		await expect(mail).toBeVisible({ timeout: 1000 });
	}).toPass({ timeout: 20_000 });
	await mail.locator('summary').click();
	return (await mail.locator('pre').textContent())!.match(/https?:\/\/\S+/)![0];
}
