import { expect, test } from '@playwright/test';
import { addDays } from '../../src/lib/calendar-date';
import { changeSitting } from '../../src/lib/server/schedule/rotations';
import { listSittings } from '../../src/lib/server/schedule/sittings';
import { signIn } from './support/console';
import { siteIdNamed, thisWeek, withDemoDb } from './support/demo-db';

test('an expert creates a private feed address, subscribes, and a rotated address stops working', async ({ page, request }) => {
	test.setTimeout(90_000);
	await signIn(page, 'expert@yizhen.example');
	await page.goto('/console/me');
	const section = page.locator('#calendar');
	if (await section.getByRole('button', { name: '生成我的订阅地址' }).isVisible()) {
		await section.getByRole('button', { name: '生成我的订阅地址' }).click();
	}
	await section.getByRole('link', { name: '订阅到手机日历' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('订阅「李康宁 的坐诊安排」');
	await expect(page.getByText('这是您个人的订阅地址')).toBeVisible();
	const oldAddress = await page.getByLabel('订阅地址').inputValue();
	const feed = await request.get(oldAddress);
	expect(feed.status()).toBe(200);
	expect(feed.headers()['cache-control']).toMatch(/^private/);
	expect(await feed.text()).toContain('康复科坐诊 · 新桥社区卫生服务中心');

	await page.goto('/console/me');
	await section.getByRole('button', { name: '更换订阅地址' }).click();
	await expect(page.getByText('订阅地址已更换，旧地址已失效')).toBeVisible();
	expect((await request.get(oldAddress)).status()).toBe(404);
	await section.getByRole('link', { name: '订阅到手机日历' }).click();
	const newAddress = await page.getByLabel('订阅地址').inputValue();
	expect(newAddress).not.toBe(oldAddress);
	expect((await request.get(newAddress)).status()).toBe(200);
});

test('a cancelled sitting reaches the center feed at once: new ETag, SEQUENCE 1, 【停诊】', async ({ request }) => {
	const siteId = await siteIdNamed('天星桥社区卫生服务中心');
	const url = `/feeds/centers/${siteId}.ics`;
	const before = await request.get(url);
	const etag = before.headers()['etag']!;
	expect((await request.get(url, { headers: { 'If-None-Match': etag } })).status()).toBe(304);

	// Ten weeks out, where no other journey looks. Written straight to the database, as another
	// instance or a script would: the feed must notice anyway.
	const from = addDays(thisWeek().monday, 70);
	const target = await withDemoDb(async (db) => {
		const { sittings } = await listSittings(db, { from, to: addDays(from, 6), siteIds: [siteId] });
		const s = sittings.find((x) => x.status === 'scheduled')!;
		await changeSitting(db, s.rotationId, s.originalDate, { cancelled: true, reason: '专家参加义诊' });
		return s;
	});
	const after = await request.get(url, { headers: { 'If-None-Match': etag } });
	expect(after.status()).toBe(200);
	expect(after.headers()['etag']).not.toBe(etag);
	const body = (await after.text()).replace(/\r\n /g, '');
	const item = body.split('BEGIN:VEVENT').find((v) => v.includes(`UID:${target.id}@sitting.yizhen`))!;
	expect(item).toContain('SEQUENCE:1');
	expect(item).toContain('STATUS:CANCELLED');
	expect(item).toContain('SUMMARY:【停诊】');
});
