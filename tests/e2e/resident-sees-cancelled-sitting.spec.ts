import { expect, test } from '@playwright/test';
import { sittingsThisWeek, thisWeek } from './support/demo-db';

test('a cancelled sitting this week is shown as cancelled, with its reason, not left out', async ({ page }) => {
	const cancelled = (await sittingsThisWeek()).find((s) => s.status === 'cancelled');
	expect(cancelled, 'the demo data cancels a sitting this week').toBeDefined();
	const { monday } = thisWeek();
	await page.goto(`/centers/${cancelled!.siteId}?week=${monday}`);
	const item = page.locator(`li.day[data-date="${cancelled!.date}"] li.sitting[data-status="cancelled"]`, {
		hasText: cancelled!.expert.name
	});
	await expect(item).toContainText('停诊');
	await expect(item).toContainText(`原因：${cancelled!.reason}`);
});

test('a substituted sitting names the substitute and whom they cover', async ({ page }) => {
	const substituted = (await sittingsThisWeek()).find((s) => s.substituted);
	expect(substituted, 'the demo data has one substitution this week').toBeDefined();
	const { monday } = thisWeek();
	await page.goto(`/centers/${substituted!.siteId}?week=${monday}`);
	const item = page.locator(`li.day[data-date="${substituted!.date}"] li.sitting`, { hasText: substituted!.expert.name });
	await expect(item).toContainText('替诊');
	await expect(item).toContainText(`替 ${substituted!.rosteredExpert.name} 坐诊`);
});
