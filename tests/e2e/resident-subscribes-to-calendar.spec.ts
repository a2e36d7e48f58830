import { expect, test } from '@playwright/test';
import { siteIdNamed } from './support/demo-db';

// Each journey fetches feeds besides the pages; give a loaded CI machine room.
test.describe.configure({ timeout: 60_000 });

test('a resident finds the subscribe button on a center page and gets a feed that answers 304 when unchanged', async ({ page, request }) => {
	await page.goto(`/centers/${await siteIdNamed('新桥社区卫生服务中心')}`);
	await page.getByRole('link', { name: '订阅到手机日历' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('订阅「新桥社区卫生服务中心 坐诊和活动」');
	const webcal = await page.getByRole('link', { name: '用苹果日历订阅' }).getAttribute('href');
	expect(webcal).toMatch(/^webcal:\/\/localhost:\d+\/feeds\/centers\/[a-z0-9-]+\.ics$/);
	expect(await page.getByRole('link', { name: '用谷歌日历订阅' }).getAttribute('href')).toContain(encodeURIComponent(webcal!));
	const address = await page.getByLabel('订阅地址').inputValue();
	expect(address).toBe(webcal!.replace('webcal://', 'http://'));

	const first = await request.get(address);
	expect(first.status()).toBe(200);
	expect(first.headers()['content-type']).toBe('text/calendar; charset=utf-8');
	const body = await first.text();
	expect(body).toMatch(/^BEGIN:VCALENDAR\r\n/);
	expect(body).toContain('X-WR-CALNAME:新桥社区卫生服务中心 坐诊和活动');
	expect(body).toContain('李康宁');
	const etag = first.headers()['etag']!;
	const again = await request.get(address, { headers: { 'If-None-Match': etag } });
	expect(again.status()).toBe(304);
	expect(await again.text()).toBe('');
});

test('a sitting and an event can each be downloaded as one .ics file', async ({ page, request }) => {
	await page.goto(`/centers/${await siteIdNamed('新桥社区卫生服务中心')}`);
	const sittingLink = await page.getByRole('link', { name: '加入日历（.ics）' }).first().getAttribute('href');
	const sitting = await request.get(sittingLink!);
	expect(sitting.status()).toBe(200);
	expect(sitting.headers()['content-disposition']).toMatch(/^attachment/);
	expect((await sitting.text()).match(/BEGIN:VEVENT/g)).toHaveLength(1);

	await page.goto('/events');
	await page.locator('ul.events li:not(.cancelled) h2 a').first().click();
	const eventLink = await page.getByRole('link', { name: '加入日历（.ics）' }).getAttribute('href');
	const event = await request.get(eventLink!);
	expect(event.status()).toBe(200);
	expect(await event.text()).toContain('STATUS:CONFIRMED');
});

test('unknown feeds are 404 and filters that do not parse are 400 with a message', async ({ request }) => {
	expect((await request.get('/feeds/centers/nosuchcenter.ics')).status()).toBe(404);
	expect((await request.get('/feeds/private/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.ics')).status()).toBe(404);
	expect((await request.get('/feeds/sittings/nope_2026-01-01.ics')).status()).toBe(404);
	const bad = await request.get('/feeds/events.ics?type=party');
	expect(bad.status()).toBe(400);
	expect(await bad.text()).toContain('活动类型只能是');
	expect((await request.get('/subscribe?feed=https://evil.example/x.ics')).status()).toBe(404);
});
