/**
 * Cancelling is asked once, and can be undone while places last (issue 16): the first tap on 取消报名
 * only opens the question; 确认取消 cancels; the cancelled page offers 重新报名 on the same link, with a
 * place if one is left or the back of the waitlist if not; a cancelled event says so instead. Each run
 * makes its own one-place clinic; at 360 px, and in the no-js project with no script at all.
 */
import { expect, test, type Page } from '@playwright/test';
import { addDays } from '../../src/lib/calendar-date';
import { createEvent } from '../../src/lib/server/events/events';
import { cancelEvent } from '../../src/lib/server/events/cancellation';
import { demoActors } from '../../src/lib/server/testing/demo-actors';
import { siteIdNamed, thisWeek, withDemoDb } from './support/demo-db';
import { registerOnEventPage } from './support/resident';

test.use({ viewport: { width: 360, height: 740 } });

async function oneSeatClinic(label: string): Promise<string> {
	const siteId = await siteIdNamed('新桥社区卫生服务中心');
	return withDemoDb((db) =>
		createEvent(db, { userId: null, name: '测试' }, {
			kind: 'free_clinic',
			siteId,
			title: `社区义诊：测血压血糖（${label}-${Date.now()}）`,
			date: addDays(thisWeek().nextMonday, 4),
			startTime: '08:30',
			endTime: '11:00',
			capacity: 1,
			services: ['量血压', '测血糖']
		})
	);
}

async function cancelMine(page: Page) {
	await page.getByRole('button', { name: '取消报名' }).click();
	await expect(page.getByRole('heading', { level: 2, name: '确定要取消报名吗？' })).toBeVisible();
	await page.getByRole('button', { name: '确认取消' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '您的报名已取消。' })).toBeVisible();
}

test('a resident is asked before cancelling, and comes back on the same link to a place or the waitlist', async ({ page }, testInfo) => {
	test.setTimeout(60_000);
	const eventId = await oneSeatClinic(testInfo.project.name);
	const mine = await registerOnEventPage(page, eventId, '郑桂花');
	await expect(page.getByRole('heading', { level: 1, name: '报名成功' })).toBeVisible();
	const code = (await page.locator('.code').textContent())!.trim();

	// A stray tap changes nothing: the question, then 不取消 goes back to the same place and code.
	await page.getByRole('button', { name: '取消报名' }).click();
	await expect(page.getByRole('heading', { level: 2, name: '确定要取消报名吗？' })).toBeVisible();
	await expect(page.getByText('您的名额会按顺序让给候补的居民')).toBeVisible();
	const confirm = (await page.getByRole('button', { name: '确认取消' }).boundingBox())!;
	expect(confirm.x + confirm.width).toBeLessThanOrEqual(360);
	await page.getByRole('link', { name: '不取消，返回' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '报名成功' })).toBeVisible();
	await expect(page.locator('.code')).toHaveText(code);

	await cancelMine(page);
	await expect(page.getByText('还剩 1 个名额，可以用您原来填写的信息重新报名')).toBeVisible();
	await page.getByRole('button', { name: '重新报名' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '报名成功' })).toBeVisible();
	// The same link and the same code: nothing new to keep.
	expect(page.url()).toBe(mine);
	await expect(page.locator('.code')).toHaveText(code);

	// Cancelled again, and meanwhile someone else takes the one place: coming back means waiting.
	await cancelMine(page);
	await registerOnEventPage(page, eventId, '黄志强');
	await expect(page.getByRole('heading', { level: 1, name: '报名成功' })).toBeVisible();
	await page.goto(mine);
	await expect(page.getByText('名额已满，现在重新报名将排在候补第 1 位')).toBeVisible();
	await page.getByRole('button', { name: '重新报名' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '已进入候补' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: '候补第 1 位' })).toBeVisible();
	await expect(page.locator('.code')).toHaveCount(0);
});

test('a cancelled event says so on the cancelled page instead of offering 重新报名', async ({ page }, testInfo) => {
	const eventId = await oneSeatClinic(`${testInfo.project.name}-cancelled`);
	await registerOnEventPage(page, eventId, '马玉珍');
	await cancelMine(page);
	await expect(page.getByRole('button', { name: '重新报名' })).toBeVisible();

	await withDemoDb((db) => cancelEvent(db, demoActors.rmOrganizer, eventId, { reason: '场地临时维修' }));
	await page.reload();
	await expect(page.getByText('这个活动已取消：场地临时维修，不能报名')).toBeVisible();
	await expect(page.getByRole('button', { name: '重新报名' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: '查看活动详情' })).toBeVisible();
});
