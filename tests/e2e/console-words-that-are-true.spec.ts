/**
 * Words that are true (issue 16): a refused console page says 无权访问 and what to do; nothing says 即将开放
 * of what is already there (an expert's calendar, a volunteer's shifts); the rotation editor explains
 * its custom rule in Chinese, with examples.
 */
import { expect, test } from '@playwright/test';
import { demoId } from '../../src/lib/server/seed/seed-demo';
import { signIn } from './support/console';

test('an expert who opens an organizer page reads 无权访问 and what to do', async ({ page }) => {
	await signIn(page, 'expert@yizhen.example');
	const response = await page.goto('/console/sites');
	expect(response?.status()).toBe(403);
	await expect(page).toHaveTitle(/^无权访问/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('无权访问');
	await expect(page.getByText('这个页面只对组织者开放。')).toBeVisible();
	await expect(page.getByText('请用有权限的账号登录，或联系本单位管理员。')).toBeVisible();
});

test('the expert’s pages offer the calendar that exists, and nothing says 即将开放', async ({ page }) => {
	await page.goto(`/experts/${demoId('expert:likangning')}`);
	await expect(page.getByRole('link', { name: '订阅到手机日历' })).toBeVisible();
	await expect(page.locator('body')).not.toContainText('即将开放');

	await signIn(page, 'expert@yizhen.example');
	await page.goto('/console/me');
	await expect(page.getByRole('heading', { name: '我的日历订阅' })).toBeVisible();
	await expect(page.locator('body')).not.toContainText('即将开放');
});

test('a volunteer’s 工作台 says what is there and leads to it', async ({ page }) => {
	await signIn(page, 'volunteer@yizhen.example');
	await page.goto('/console');
	await expect(page.locator('#main')).toContainText('报名还缺人的活动岗位');
	await expect(page.locator('body')).not.toContainText('即将开放');
	await page.locator('#main').getByRole('link', { name: '打开志愿服务' }).click();
	await expect(page).toHaveURL(/\/console\/shifts$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('志愿服务');
});

test('the rotation editor explains its custom rule in Chinese, with examples', async ({ page }) => {
	await signIn(page, 'organizer@yizhen.example');
	await page.goto('/console/rotations/new');
	const help = page.locator('#rrule-help');
	await expect(help).toContainText('按日历通用的 RRULE 写法填写');
	await expect(help.getByRole('listitem').filter({ hasText: 'FREQ=WEEKLY;BYDAY=TU,TH' })).toContainText('每周二、周四');
	await expect(help.getByRole('listitem').filter({ hasText: 'FREQ=MONTHLY;BYDAY=1MO' })).toContainText('每月第一个周一');
	await expect(help.getByRole('listitem').filter({ hasText: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE' })).toContainText('隔周周三');
	// The field points screen readers at the explanation.
	await expect(page.locator('input[name="rrule"]')).toHaveAttribute('aria-describedby', /rrule-help/);
});
