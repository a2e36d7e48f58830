/**
 * A waiting resident's page is not a ticket (issue 16): it shows their place in the queue (候补第N位),
 * no check-in code and no QR code, what happens when someone cancels, and how they will hear of it —
 * by text to their (masked) phone and by mail when they left an address; with texts stopped and no
 * address, by coming back to the page. Once promoted, the code and
 * QR code appear. Each run makes its own one-place lecture, so the projects never share an event; at
 * 360 px, and in the no-js project with no script at all.
 */
import { expect, test, type Page } from '@playwright/test';
import { addDays } from '../../src/lib/calendar-date';
import { createEvent } from '../../src/lib/server/events/events';
import { siteIdNamed, thisWeek, withDemoDb } from './support/demo-db';
import { registerOnEventPage } from './support/resident';

test.use({ viewport: { width: 360, height: 740 } });

const register = (page: Page, eventId: string, name: string, email = '') => registerOnEventPage(page, eventId, name, { ageBand: '70–79 岁', email });

async function nothingWiderThanTheScreen(page: Page) {
	for (const part of ['h1', '.card', 'form']) {
		const box = (await page.locator(part).first().boundingBox())!;
		expect(box.x + box.width, part).toBeLessThanOrEqual(360);
	}
}

test('a waitlisted resident sees their place in the queue and no code until a place frees up', async ({ page }, testInfo) => {
	test.setTimeout(60_000);
	const siteId = await siteIdNamed('新桥社区卫生服务中心');
	const run = `${testInfo.project.name}-${Date.now()}`;
	const eventId = await withDemoDb((db) =>
		createEvent(db, { userId: null, name: '测试' }, {
			kind: 'lecture',
			siteId,
			title: `小讲堂：老年人合理用药（${run}）`,
			date: addDays(thisWeek().nextMonday, 3),
			startTime: '09:30',
			endTime: '10:30',
			capacity: 1,
			topic: '多种慢病一起吃药要注意什么',
			speakerName: '社区药师'
		})
	);

	const holder = await register(page, eventId, '孙淑珍');
	await expect(page.getByRole('heading', { level: 1, name: '报名成功' })).toBeVisible();

	// Right after registering, on the confirmation itself: a place in the queue, not a ticket.
	const waiting = await register(page, eventId, '周建国');
	await expect(page.getByRole('heading', { level: 1, name: '已进入候补' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: '候补第 1 位' })).toBeVisible();
	await expect(page.getByText('递补成功后才可凭签到码入场')).toBeVisible();
	await expect(page.getByText(/递补成功时，我们会发短信到 1\d{2}\*{4}\d{4}/)).toBeVisible();
	await page.getByRole('button', { name: '不再接收短信' }).click();
	await expect(page.getByText('您没有留邮箱，也停止了短信')).toBeVisible();
	await expect(page.getByRole('button', { name: '恢复接收短信' })).toBeVisible();
	await expect(page.locator('.code')).toHaveCount(0);
	await expect(page.getByRole('img', { name: '签到二维码' })).toHaveCount(0);
	await expect(page.getByText('到场后把签到码告诉工作人员')).toHaveCount(0);
	await nothingWiderThanTheScreen(page);

	// Someone who left an address is told the promotion comes by mail, to that (masked) address.
	const mailbox = `houbu-${run}@example.com`;
	const second = await register(page, eventId, '吴兰芬', mailbox);
	await expect(page.getByRole('heading', { level: 2, name: '候补第 2 位' })).toBeVisible();
	await expect(page.getByText('递补成功时，我们会发邮件到 h***@example.com')).toBeVisible();
	await expect(page.locator('.code')).toHaveCount(0);

	await page.goto(holder);
	await page.getByRole('button', { name: '取消报名' }).click();
	await page.getByRole('button', { name: '确认取消' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '您的报名已取消。' })).toBeVisible();

	await page.goto(waiting);
	await expect(page.getByRole('heading', { level: 1, name: '报名成功' })).toBeVisible();
	await expect(page.getByText('您已从候补转为正式报名')).toBeVisible();
	await expect(page.locator('.code')).toHaveText(/^[A-Z0-9]{6}$/);
	await expect(page.getByRole('img', { name: '签到二维码' })).toBeVisible();
	await nothingWiderThanTheScreen(page);

	await page.goto(second);
	await expect(page.getByRole('heading', { level: 2, name: '候补第 1 位' })).toBeVisible();
});
