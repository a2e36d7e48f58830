/**
 * After a refused form the first thing wrong is where the eye is (issue 16, point 1): the page used to
 * come back at the top with the message ~1,000 px below. Residents' pages send no script, so in every
 * project the first message takes focus as the page loads (autofocus), scrolled into view right under
 * its field, and a screen reader reads it. (The console, which has scripts, moves focus on to the
 * field itself: console-errors-where-they-look.spec.ts.)
 */
import { expect, test, type Page } from '@playwright/test';

/** What has focus: its text if it is a message, its name if it is a field. */
export async function focused(page: Page) {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		return { tag: el?.tagName.toLowerCase() ?? '', name: el?.getAttribute('name') ?? '', text: el?.textContent?.trim() ?? '' };
	});
}

test('a registration refused for a missing name brings the name into view and focus', async ({ page }) => {
	await page.goto('/events');
	await page.getByRole('link', { name: /沙坪坝周末义诊：心血管和慢病咨询/ }).click();
	await page.getByLabel(/手机号/).fill('13900000000');
	await page.getByRole('checkbox').check();
	await page.getByRole('button', { name: '提交报名' }).click();
	const message = page.getByText('请填写姓名');
	await expect(message).toBeInViewport();
	await expect.poll(() => focused(page)).toMatchObject({ tag: 'span', text: '请填写姓名' });
	await expect(page.getByLabel('姓名')).toBeInViewport();
	// One message takes focus, not every one of them.
	await expect(page.locator('[autofocus]')).toHaveCount(1);
	// The phone typed is still there: nothing to do twice.
	await expect(page.getByLabel(/手机号/)).toHaveValue('13900000000');
});
