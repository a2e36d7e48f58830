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
