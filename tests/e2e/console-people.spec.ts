import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { signIn } from './support/console';
import { eventIdTitled } from './support/demo-db';

const CLINIC = '沙坪坝周末义诊：心血管和慢病咨询';

test('an organizer sees masked numbers, exports one resident\'s data and erases it on request', async ({ page }) => {
	const phone = `136${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
	const tail = phone.slice(7);
	// A resident registers, as any resident would.
	await page.goto(`/events/${await eventIdTitled(CLINIC)}`);
	await page.getByLabel('姓名').fill('赵凤英');
	await page.getByLabel(/手机号/).fill(phone);
	await page.getByLabel('年龄段').selectOption({ label: '80 岁及以上' });
	await page.getByRole('checkbox').check();
	await page.getByRole('button', { name: '提交报名' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /报名成功|已进入候补/ })).toBeVisible();

	await signIn(page, 'organizer@yizhen.example');
	const eventId = await eventIdTitled(CLINIC);
	await page.goto(`/console/events/${eventId}/people`);
	await expect(page.getByRole('heading', { level: 1, name: '报名名单' })).toBeVisible();
	// No full mobile number anywhere on the page.
	expect(await page.locator('main').textContent()).not.toMatch(/1[3-9]\d{9}/);

	const csv = page.waitForEvent('download');
	await page.getByRole('link', { name: /下载名单/ }).click();
	expect(readFileSync((await (await csv).path())!, 'utf8')).toContain(phone);

	await page.getByLabel(/手机尾号/).fill(tail);
	await page.getByRole('button', { name: '查找' }).click();
	// The demo residents may share the name, or even the last four digits: pick the row by the masked number.
	const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: `${phone.slice(0, 3)}****${tail}` }) });
	await row.getByRole('link', { name: '赵凤英' }).click();

	const json = page.waitForEvent('download');
	await page.getByRole('link', { name: /下载个人数据/ }).click();
	const data = JSON.parse(readFileSync((await (await json).path())!, 'utf8'));
	expect(data.person).toEqual({ name: '赵凤英', phone });

	// Erasing needs the confirmation; without it, the message sits at the checkbox and nothing changes.
	await page.getByRole('button', { name: '删除这位居民的个人信息' }).click();
	await expect(page.getByText('请先勾选确认')).toBeVisible();
	await page.getByLabel('已核实是居民本人（或其监护人）提出的删除要求').check();
	await page.getByRole('button', { name: '删除这位居民的个人信息' }).click();
	await expect(page.getByText('已删除这位居民的个人信息')).toBeVisible();
	await page.getByLabel(/手机尾号/).fill(tail);
	await page.getByRole('button', { name: '查找' }).click();
	await expect(page.getByRole('cell', { name: `${phone.slice(0, 3)}****${tail}` })).toHaveCount(0);
});

test('a volunteer cannot open the list of registrants', async ({ page }) => {
	await signIn(page, 'volunteer@yizhen.example');
	const response = await page.goto(`/console/events/${await eventIdTitled(CLINIC)}/people`);
	expect(response!.status()).toBe(403);
});

test("another hospital's organizer cannot open this event's list or its download", async ({ page }) => {
	await signIn(page, 'organizer.cjq@yizhen.example');
	const eventId = await eventIdTitled(CLINIC);
	expect((await page.goto(`/console/events/${eventId}/people`))!.status()).toBe(403);
	expect((await page.request.get(`/console/events/${eventId}/people/export.csv`)).status()).toBe(403);
});
