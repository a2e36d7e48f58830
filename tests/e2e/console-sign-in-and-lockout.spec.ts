import { expect, test } from '@playwright/test';
import { hashPassword } from '../../src/lib/server/auth/password';
import { users } from '../../src/lib/server/db/schema';
import { newId } from '../../src/lib/server/ids';
import { signIn } from './support/console';
import { withDemoDb } from './support/demo-db';

async function newVolunteerAccount(password: string): Promise<string> {
	const id = newId();
	const email = `lockout-${id}@e2e.yizhen.example`;
	const passwordHash = await hashPassword(password);
	await withDemoDb((db) => db.insert(users).values({ id, email, name: '锁定测试', passwordHash }));
	return email;
}

test('an organizer signs in, reaches the console, and signs out', async ({ page }) => {
	await page.goto('/console/plan');
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Fconsole%2Fplan/);
	await page.getByLabel('邮箱').fill('organizer@yizhen.example');
	await page.getByLabel('密码').fill('yizhen-demo-2026');
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '排班总览' })).toBeVisible();
	// Only the organizer's own hospital's centers are in the grid.
	await expect(page.getByRole('rowheader', { name: '新桥社区卫生服务中心' })).toBeVisible();
	await expect(page.getByRole('rowheader', { name: '井口社区卫生服务中心' })).toHaveCount(0);
	await page.getByRole('button', { name: '退出登录' }).click();
	await expect(page.getByText('您已退出登录。')).toBeVisible();
	await page.goto('/console');
	await expect(page).toHaveURL(/\/login/);
});

test('repeated wrong passwords lock the account with a clear message, even with the right password', async ({ page }) => {
	// An account of its own: locking a demo account would lock out the journeys that sign in with it.
	const email = await newVolunteerAccount('yizhen-demo-2026');
	for (let i = 0; i < 5; i++) {
		await page.goto('/login');
		await page.getByLabel('邮箱').fill(email);
		await page.getByLabel('密码').fill(`wrong-password-${i}`);
		await page.getByRole('button', { name: '登录' }).click();
		await expect(page.getByRole('alert')).toHaveText('邮箱或密码不正确。');
		await expect(page.getByLabel('邮箱')).toHaveValue(email);
	}
	await page.getByLabel('密码').fill('yizhen-demo-2026');
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page.getByRole('alert')).toContainText('登录失败次数过多');
	await expect(page.getByRole('alert')).toContainText(/\d{2}:\d{2} 之后再试/);
});

test('an organizer of one hospital cannot open another hospital\'s sitting by editing the URL', async ({ page }) => {
	await signIn(page, 'organizer.cjq@yizhen.example');
	await page.goto('/console/rotations');
	await expect(page.getByRole('cell', { name: '井口社区卫生服务中心' }).first()).toBeVisible();
	await expect(page.getByRole('cell', { name: '新桥社区卫生服务中心' })).toHaveCount(0);
	await signIn(page, 'organizer@yizhen.example');
	await page.goto('/console/rotations');
	const href = await page.getByRole('row', { name: /新桥社区卫生服务中心/ }).first().getByRole('link').getAttribute('href');
	await signIn(page, 'organizer.cjq@yizhen.example');
	const response = await page.goto(href!);
	expect(response?.status()).toBe(403);
	await expect(page.getByText('您没有权限进行这个操作')).toBeVisible();
});
