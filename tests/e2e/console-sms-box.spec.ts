import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { enqueueSms } from '../../src/lib/server/sms/outbox';
import { signIn } from './support/console';
import { withDemoDb } from './support/demo-db';
import { uniquePhone } from './support/resident';

test('the admin opens 短信 from the console menu and reads the local SMS box and the monthly count', async ({ page }) => {
	test.setTimeout(60_000);
	await signIn(page, 'admin@yizhen.example');
	await page.goto('/console');
	// On a phone the link waits behind 更多.
	const more = page.locator('nav ul.phone summary');
	if (await more.isVisible()) await more.click();
	await page.locator('nav a[href="/console/sms"]:visible').first().click();
	await expect(page).toHaveURL(/\/console\/sms$/);
	await expect(page.getByRole('heading', { level: 1, name: '短信' })).toBeVisible();
	// No SMS_PROVIDER in the tests' server: texts go to the local box.
	await expect(page.getByText('未配置 SMS_PROVIDER')).toBeVisible();
	await expect(page.getByRole('heading', { name: '每月短信用量' })).toBeVisible();
	await expect(page.getByRole('heading', { name: /本地短信箱/ })).toBeVisible();
	const results = await new AxeBuilder({ page }).analyze();
	expect(results.violations.map((v) => `${v.id} ${v.help}`)).toEqual([]);
});

test('the local SMS box shows a resident’s number masked, as everywhere else', async ({ page }) => {
	const phone = uniquePhone();
	await withDemoDb((db) => enqueueSms(db, { kind: 'verification_code', phone, params: { code: '246810' }, dedupeKey: `box-mask:${phone}`, organizationId: null }));
	await signIn(page, 'admin@yizhen.example');
	const masked = `${phone.slice(0, 3)}****${phone.slice(7)}`;
	// The SMS worker moves the text into the box within a couple of seconds.
	await expect
		.poll(
			async () => {
				await page.goto('/console/sms');
				return page.getByText(masked, { exact: true }).count();
			},
			{ timeout: 20_000 }
		)
		.toBe(1);
	await expect(page.getByText(phone)).toHaveCount(0);
});

test('an organizer is refused the SMS box with a 403 in Chinese, and sees no link to it', async ({ page }) => {
	await signIn(page, 'organizer@yizhen.example');
	await page.goto('/console');
	await expect(page.locator('a[href="/console/sms"]')).toHaveCount(0);
	const answer = await page.goto('/console/sms');
	expect(answer?.status()).toBe(403);
	await expect(page.getByText('只有系统管理员可以查看短信。')).toBeVisible();
});
