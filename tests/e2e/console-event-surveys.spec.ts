import { expect, test } from '@playwright/test';
import { signIn } from './support/console';
import { eventIdTitled } from './support/demo-db';

const LECTURE = '高血压的家庭自我管理';

test('an organizer starts the pre-lecture survey from the lecture page, and residents find it on the event page', async ({ page }) => {
	test.setTimeout(60_000);
	const eventId = await eventIdTitled(LECTURE);
	// Before: no survey, so residents see no survey link.
	await page.goto(`/events/${eventId}`);
	await expect(page.getByRole('link', { name: '参加课前调查' })).toHaveCount(0);

	await signIn(page, 'admin@yizhen.example');
	await page.goto(`/console/events/${eventId}`);
	const surveys = page.getByRole('region', { name: '讲座前后调查' });
	await expect(surveys.getByText('这场讲座还没有调查。')).toBeVisible();
	await surveys.getByLabel('调查名称').fill('');
	await surveys.getByRole('button', { name: '创建调查' }).click();
	await expect(surveys.getByText('请填写调查名称')).toBeVisible();
	await surveys.getByLabel('类型').selectOption({ label: '讲座前小测验' });
	await surveys.getByLabel('调查名称').fill('讲座前小测验：高血压');
	await surveys.getByRole('button', { name: '创建调查' }).click();
	await expect(page.getByRole('status')).toContainText('已创建调查');
	const row = surveys.getByRole('row').filter({ hasText: '讲座前小测验：高血压' });
	await expect(row).toContainText('进行中');
	const link = await row.getByRole('link', { name: /\/s\/[a-z2-9]{6}$/ }).getAttribute('href');
	const code = link!.split('/s/')[1]!;
	// Only the post-lecture survey can still be added.
	await expect(surveys.getByLabel('类型').locator('option')).toHaveText(['讲座后小测验']);

	await page.context().clearCookies();
	await page.goto(`/events/${eventId}`);
	await page.getByRole('link', { name: '参加课前调查' }).click();
	await expect(page).toHaveURL(new RegExp(`/s/${code}$`));
});

test('a report query that cannot be read comes back as the form, as typed, with the reason at the field and a 400', async ({ page }) => {
	test.setTimeout(60_000);
	await signIn(page, 'organizer@yizhen.example');
	const reversed = await page.goto('/console/reports?from=2026-06-01&to=2026-01-01');
	expect(reversed?.status()).toBe(400);
	await expect(page.locator('input[name="from"]')).toHaveValue('2026-06-01');
	await expect(page.locator('input[name="to"]')).toHaveValue('2026-01-01');
	await expect(page.locator('#from-error')).toHaveText('开始日期晚于结束日期，请调换后再试');
	await expect(page.locator('input[name="from"]')).toHaveAttribute('aria-invalid', 'true');

	const unknown = await page.goto('/console/reports?org=no-such-org&from=2026-01-01&to=2026-03-31');
	expect(unknown?.status()).toBe(400);
	await expect(page.locator('#org-error')).toHaveText('没有找到这个机构，请重新选择');
	await expect(page.locator('input[name="from"]')).toHaveValue('2026-01-01');

	// Fixing it in the form shows the report.
	await page.getByLabel(/^机构/).selectOption({ index: 1 });
	await page.getByRole('button', { name: '查看报表' }).click();
	await expect(page.getByRole('heading', { level: 2, name: '总计' })).toBeVisible();
});
