import { expect, type Locator, type Page } from '@playwright/test';

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

/**
 * Clicks a sitting form's save button and, if the change leaves a coverage target short, says
 * “仍然保存” and saves again, as an organizer who has arranged for it would. Whether a change does
 * depends on the week the demo data falls in (some centers have exactly their target's days in one
 * week and more in the next), so journeys about something else pass through the warning either way;
 * console-coverage-targets.spec.ts and the leave journey check the warning itself.
 */
export async function saveThroughCoverageWarning(page: Page, form: Locator, button: string) {
	await form.getByRole('button', { name: button, exact: true }).click();
	await passCoverageWarning(page, form, button);
}

/** After a save: when the coverage warning came back in `form`, ticks “仍然保存” and saves with `button` again. */
export async function passCoverageWarning(page: Page, form: Locator, button: string) {
	const warning = form.getByText('这样改会让考核目标不达标');
	await expect(warning.or(page.getByRole('status').filter({ hasText: '已保存' })).first()).toBeVisible();
	if (await warning.isVisible()) {
		await form.getByLabel('仍然保存').check();
		await form.getByRole('button', { name: button, exact: true }).click();
	}
}
