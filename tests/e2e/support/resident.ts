import type { Page } from '@playwright/test';

/** A phone number no other run has used, so journeys can run in every project against one database. */
export function uniquePhone(): string {
	return `13${3 + Math.floor(Math.random() * 7)}${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

/** A resident fills the event page's form as a newcomer would and submits; returns where they land. */
export async function registerOnEventPage(page: Page, eventId: string, name: string, options: { ageBand?: string; email?: string } = {}): Promise<string> {
	await page.goto(`/events/${eventId}`);
	await page.getByLabel('姓名').fill(name);
	await page.getByLabel(/手机号/).fill(uniquePhone());
	await page.getByLabel('年龄段').selectOption({ label: options.ageBand ?? '60–69 岁' });
	if (options.email) await page.getByLabel(/邮箱/).fill(options.email);
	await page.getByRole('checkbox').check();
	await page.getByRole('button', { name: '提交报名' }).click();
	return page.url();
}
