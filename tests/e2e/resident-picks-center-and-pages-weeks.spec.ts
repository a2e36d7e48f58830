import { expect, test } from '@playwright/test';
import { addDays } from '../../src/lib/calendar-date';
import { formatDateRange } from '../../src/lib/format/dates';
import { thisWeek } from './support/demo-db';

test('a resident picks their center, sees this week, is remembered, and pages through weeks', async ({ page }) => {
	const { monday, nextMonday } = thisWeek();
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1, name: '本周专家坐诊' })).toBeVisible();

	await page.getByLabel('选择您常去的社区卫生服务中心').selectOption({ label: '新桥社区卫生服务中心' });
	await page.getByRole('button', { name: '查看坐诊' }).click();
	await expect(page.getByRole('heading', { name: '新桥社区卫生服务中心 本周坐诊' })).toBeVisible();
	await expect(page.getByText(formatDateRange(monday, addDays(monday, 6))).first()).toBeVisible();

	// Coming back later: the choice is remembered without choosing again.
	await page.goto('/');
	await expect(page.getByRole('heading', { name: '新桥社区卫生服务中心 本周坐诊' })).toBeVisible();
	await expect(page.getByText('已记住您的选择')).toBeVisible();

	await page.getByRole('link', { name: /查看新桥社区卫生服务中心其他周的坐诊/ }).click();
	await expect(page.getByRole('heading', { level: 1, name: '新桥社区卫生服务中心' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 2 })).toContainText(formatDateRange(monday, addDays(monday, 6)));

	await page.getByRole('link', { name: '下一周 ›' }).click();
	await expect(page).toHaveURL(new RegExp(`week=${nextMonday}`));
	await expect(page.getByRole('heading', { level: 2 })).toContainText(formatDateRange(nextMonday, addDays(nextMonday, 6)));
	// Seven days, Monday to Sunday, each named.
	await expect(page.locator('li.day')).toHaveCount(7);

	await page.getByRole('link', { name: '‹ 上一周' }).click();
	await expect(page).toHaveURL(new RegExp(`week=${monday}`));
	await page.getByRole('link', { name: '‹ 上一周' }).click();
	await expect(page).toHaveURL(new RegExp(`week=${addDays(monday, -7)}`));
	await expect(page.getByRole('heading', { level: 2 })).toContainText(formatDateRange(addDays(monday, -7), addDays(monday, -1)));
	await page.getByRole('link', { name: '回到本周' }).click();
	await expect(page.getByRole('heading', { level: 2 })).toContainText(formatDateRange(monday, addDays(monday, 6)));
});

test('the 康复科 expert sits at 新桥 on Tuesday and Thursday mornings', async ({ page }) => {
	const { nextMonday } = thisWeek();
	await page.goto('/centers');
	await page.getByRole('link', { name: '新桥社区卫生服务中心' }).click();
	await page.waitForURL(/\/centers\/[a-z0-9]+$/);
	await page.goto(`${new URL(page.url()).pathname}?week=${nextMonday}`);
	const tuesday = page.locator(`li.day[data-date="${addDays(nextMonday, 1)}"]`);
	const thursday = page.locator(`li.day[data-date="${addDays(nextMonday, 3)}"]`);
	for (const day of [tuesday, thursday]) {
		await expect(day.locator('li.sitting', { hasText: '康复科' }).first()).toContainText('上午');
	}
});
