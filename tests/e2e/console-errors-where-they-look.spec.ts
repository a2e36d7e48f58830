/**
 * The console's long forms, refused: focus lands on the first field that needs fixing, in view, so the
 * organizer types straight away (issue 16, point 1). The console has scripts; the root layout moves
 * focus on from the message the server focused (first-error.ts).
 */
import { expect, test } from '@playwright/test';
import { addDays } from '../../src/lib/calendar-date';
import { signIn } from './support/console';
import { thisWeek } from './support/demo-db';

async function focusedField(page: import('@playwright/test').Page) {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		return { name: el?.getAttribute('name') ?? '', invalid: el?.getAttribute('aria-invalid') ?? '' };
	});
}

test('a new event refused for a time that ends before it starts puts the cursor in the end time, far down a phone screen', async ({ page }) => {
	await page.setViewportSize({ width: 360, height: 740 });
	await signIn(page, 'organizer@yizhen.example');
	await page.goto('/console/events/new');
	await page.getByLabel('活动名称').fill('周末义诊：时间写反了');
	await page.getByLabel(/^地点/).selectOption({ label: '新桥社区卫生服务中心' });
	await page.getByLabel('日期', { exact: true }).fill(addDays(thisWeek().nextMonday, 19));
	await page.getByLabel('开始时间').fill('11:30');
	await page.getByLabel('结束时间').fill('08:30');
	await page.getByRole('button', { name: '创建活动' }).click();
	await expect(page.locator('#endTime-error')).toHaveText('结束时间应晚于开始时间');
	await expect.poll(() => focusedField(page)).toEqual({ name: 'endTime', invalid: 'true' });
	await expect(page.getByLabel('结束时间')).toBeInViewport();
	await expect(page.getByLabel('活动名称')).toHaveValue('周末义诊：时间写反了');
});
