/**
 * The waitlist as residents live it: a full event puts the next person on the waitlist with their
 * place in the queue, and when someone with a place cancels, the first person waiting has it at
 * once. Each run makes its own one-place lecture, so the projects never meet on the same event.
 */
import { expect, test, type Page } from '@playwright/test';
import { addDays } from '../../src/lib/calendar-date';
import { createEvent } from '../../src/lib/server/events/events';
import { siteIdNamed, thisWeek, withDemoDb } from './support/demo-db';
import { registerOnEventPage } from './support/resident';

test('a full lecture waitlists the next resident, and a cancellation promotes them', async ({ page }, testInfo) => {
	const siteId = await siteIdNamed('新桥社区卫生服务中心');
	const title = `小讲堂：腰背痛怎么办（${testInfo.project.name}-${Date.now()}）`;
	const eventId = await withDemoDb((db) =>
		createEvent(db, { userId: null, name: '测试' }, {
			kind: 'lecture',
			siteId,
			title,
			date: addDays(thisWeek().nextMonday, 2),
			startTime: '14:30',
			endTime: '15:30',
			capacity: 1,
			topic: '腰背痛的日常保护',
			speakerName: '社区康复师'
		})
	);

	const first = await registerOnEventPage(page, eventId, '张桂英');
	await expect(page.getByRole('heading', { level: 1, name: '报名成功' })).toBeVisible();

	await page.goto(`/events/${eventId}`);
	await expect(page.getByText('名额已满，现在报名将进入候补')).toBeVisible();
	const second = await registerOnEventPage(page, eventId, '刘德明');
	await expect(page.getByRole('heading', { level: 1, name: '已进入候补' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: '候补第 1 位' })).toBeVisible();
	await expect(page.locator('.code')).toHaveCount(0);

	await page.goto(first);
	await page.getByRole('button', { name: '取消报名' }).click();
	await page.getByRole('button', { name: '确认取消' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '您的报名已取消。' })).toBeVisible();

	await page.goto(second);
	await expect(page.getByRole('heading', { level: 1, name: '报名成功' })).toBeVisible();
	await expect(page.getByText('您已从候补转为正式报名')).toBeVisible();
	await expect(page.getByRole('heading', { name: /候补第/ })).toHaveCount(0);
	await expect(page.locator('.code')).toHaveText(/^[A-Z0-9]{6}$/);
});
