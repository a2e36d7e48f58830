import { expect, test } from '@playwright/test';
import { addDays } from '../../src/lib/calendar-date';
import { formatDateRange } from '../../src/lib/format/dates';
import { thisWeek } from './support/demo-db';

test('a resident asks where a cardiologist sits next week and opens that center', async ({ page }) => {
	const { nextMonday } = thisWeek();
	await page.goto('/find');
	await page.getByLabel('科室').selectOption({ label: '心内科' });
	// The search starts with this week; next week is one tap away.
	await expect(page.getByRole('radio', { name: '本周' })).toBeChecked();
	await page.getByRole('radio', { name: '下周' }).check();
	await page.getByRole('button', { name: '查找' }).click();
	await expect(page.getByRole('radio', { name: '下周' })).toBeChecked();

	await expect(page.getByRole('heading', { level: 2 })).toHaveText(
		`${formatDateRange(nextMonday, addDays(nextMonday, 6))} 心内科专家坐诊`
	);
	const results = page.locator('li.sitting');
	await expect(results.first()).toBeVisible();
	const count = await results.count();
	for (let i = 0; i < count; i++) await expect(results.nth(i)).toContainText('心内科');

	const firstSite = results.first().locator('.where a');
	const siteName = (await firstSite.textContent())?.trim() ?? '';
	await firstSite.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(siteName);
});

test('an expert page lists where and when they sit', async ({ page }) => {
	const { nextMonday } = thisWeek();
	await page.goto(`/find?department=&from=${nextMonday}`);
	await expect(page.getByRole('alert')).toHaveText('请选择一个科室再查找。');
	await page.getByLabel('科室').selectOption({ label: '心内科' });
	await page.getByRole('button', { name: '查找' }).click();
	const expertLink = page.locator('li.sitting .name').first();
	const name = (await expertLink.textContent())?.trim() ?? '';
	await expertLink.click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
	await expect(page.getByRole('heading', { name: '近四周坐诊安排' })).toBeVisible();
	await expect(page.locator('li.sitting').first()).toBeVisible();
});
