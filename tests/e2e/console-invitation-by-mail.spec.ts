import { expect, test } from '@playwright/test';
import { signIn } from './support/console';

test('an organizer invites a volunteer, the mail arrives in the local mailbox, and its link sets the password once', async ({ page }) => {
	const email = `xiaoyu.${Date.now()}@example.com`;
	await signIn(page, 'organizer@yizhen.example');
	await page.goto('/console/people');
	await page.getByLabel('姓名').fill('陈小雨');
	await page.getByLabel('邮箱').fill(email);
	await page.getByLabel('角色').selectOption({ label: '志愿者' });
	await page.getByLabel('所属单位（组织者、志愿者）').selectOption({ label: '重庆市沙坪坝区人民医院' });
	await page.getByRole('button', { name: '发送邀请' }).click();
	await expect(page.getByRole('status')).toContainText(`已向 ${email} 发送邀请邮件`);

	// No SMTP_URL in the tests' server: the worker delivers to the mailbox the admin reads.
	await signIn(page, 'admin@yizhen.example');
	await expect(async () => {
		await page.goto('/console/mailbox');
		await expect(page.getByText(`邀请您使用义诊工作台 → 陈小雨 <${email}>`)).toBeVisible({ timeout: 1000 });
	}).toPass({ timeout: 15_000 });
	const mail = page.locator('details', { hasText: email });
	await mail.locator('summary').click();
	const link = (await mail.locator('pre').textContent())!.match(/http\S+token=[a-z0-9]+/)![0];

	await page.context().clearCookies();
	await page.goto(new URL(link).pathname + new URL(link).search);
	await page.getByLabel('新密码').fill('short');
	await page.getByLabel('再输入一次').fill('short');
	await page.getByRole('button', { name: '保存密码' }).click();
	await expect(page.getByText('密码至少 10 位')).toBeVisible();
	await page.getByLabel('新密码').fill('volunteer-pass-2026');
	await page.getByLabel('再输入一次').fill('volunteer-pass-2026');
	await page.getByRole('button', { name: '保存密码' }).click();
	await expect(page.getByText('密码已设置，请用新密码登录。')).toBeVisible();
	await signIn(page, email, 'volunteer-pass-2026');

	await page.context().clearCookies();
	await page.goto(new URL(link).pathname + new URL(link).search);
	await expect(page.getByRole('alert')).toContainText('这个链接已失效');
});
