/**
 * Issue 18, point 2: a resident who registers is texted the confirmation with their manage link, to the
 * phone they typed, and can stop texts from that link. The tests' server has no SMS_PROVIDER, so the
 * text lands in the local SMS box the admin reads at /console/sms. Each run makes its own event.
 */
import { expect, test } from '@playwright/test';
import { addDays } from '../../src/lib/calendar-date';
import { createEvent } from '../../src/lib/server/events/events';
import { signIn } from './support/console';
import { siteIdNamed, thisWeek, withDemoDb } from './support/demo-db';
import { uniquePhone } from './support/resident';

test('a registrant is texted the confirmation with the manage link, and can stop and resume texts there', async ({ page }, testInfo) => {
	test.setTimeout(90_000);
	const siteId = await siteIdNamed('新桥社区卫生服务中心');
	const run = `${testInfo.project.name}-${Date.now()}`;
	const eventId = await withDemoDb((db) =>
		createEvent(db, { userId: null, name: '测试' }, {
			kind: 'free_clinic',
			siteId,
			title: `短信测试义诊（${run}）`,
			date: addDays(thisWeek().nextMonday, 2),
			startTime: '08:30',
			endTime: '11:30',
			capacity: 10,
			services: ['量血压']
		})
	);

	const phone = uniquePhone();
	await page.goto(`/events/${eventId}`);
	// The form says what the number is for, and the consent says texts can be stopped.
	await expect(page.getByText('也用来给您发报名确认和活动变动短信')).toBeVisible();
	await expect(page.getByText(/可在报名链接页面随时停止/)).toBeVisible();
	await page.getByLabel('姓名').fill('钱玉梅');
	await page.getByLabel(/手机号/).fill(phone);
	await page.getByLabel('年龄段').selectOption({ label: '70–79 岁' });
	await page.getByRole('checkbox').check();
	await page.getByRole('button', { name: '提交报名' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '报名成功' })).toBeVisible();
	const managePath = new URL(page.url()).pathname;
	const masked = `${phone.slice(0, 3)}****${phone.slice(7)}`;

	// The manage page shows the number masked, never whole.
	const sms = page.locator('section', { has: page.getByRole('heading', { level: 2, name: '短信通知' }) });
	await expect(sms).toContainText(masked);
	await expect(page.getByText(phone)).toHaveCount(0);
	await sms.getByRole('button', { name: '不再接收短信' }).click();
	await expect(page).toHaveURL(new RegExp(`${managePath}$`));
	await expect(sms).toContainText(`已停止给 ${masked} 发这次报名的短信`);
	await sms.getByRole('button', { name: '恢复接收短信' }).click();
	await expect(sms.getByRole('button', { name: '不再接收短信' })).toBeVisible();

	// The confirmation reached the local SMS box, with the link the resident holds; the box shows the
	// number masked, and the manage link tells this text from any other to a phone masked alike.
	await signIn(page, 'admin@yizhen.example');
	const text = page.locator('li.card', { hasText: masked }).filter({ hasText: '您已报名' }).filter({ hasText: managePath });
	await expect(async () => {
		await page.goto('/console/sms');
		await expect(text).toBeVisible({ timeout: 1000 });
	}).toPass({ timeout: 20_000 });
	await expect(text).toContainText(`短信测试义诊`);
	await expect(page.getByText(phone)).toHaveCount(0);
});
