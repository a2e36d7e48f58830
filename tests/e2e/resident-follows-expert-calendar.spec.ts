import { expect, test } from '@playwright/test';
import { demoId } from '../../src/lib/server/seed/seed-demo';

/** WeChat's browser on a vivo phone, as residents open links from the community group. */
const WECHAT_ANDROID =
	'Mozilla/5.0 (Linux; Android 12; V2055A Build/SP1A.210812.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/107.0.5304.141 Mobile Safari/537.36 XWEB/5061 MMWEBSDK/20230701 MMWEBID/8812 MicroMessenger/8.0.47.2560(0x28002F3B) WeChat/arm64 Weixin NetType/4G Language/zh_CN ABI/arm64';
/** The same phone's own browser, after 「在浏览器打开」. */
const VIVO_BROWSER =
	'Mozilla/5.0 (Linux; Android 12; V2055A Build/SP1A.210812.003) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/107.0.5304.141 Mobile Safari/537.36 VivoBrowser/13.6.10.0';

const EXPERT = demoId('expert:likangning');

test.describe.configure({ timeout: 60_000 });
test.use({ userAgent: WECHAT_ANDROID, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

test("a resident in WeChat follows their doctor's calendar: open in the browser first, the phone's own calendar before Google", async ({ page, request }) => {
	await page.goto(`/experts/${EXPERT}`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('李康宁');
	await page.getByRole('link', { name: '订阅到手机日历' }).tap();

	await expect(page.getByRole('heading', { level: 1 })).toHaveText('订阅「李康宁 副主任医师 坐诊安排」');
	await expect(page.getByRole('region', { name: '微信里不能直接订阅日历' })).toContainText('在浏览器打开');

	// In reading order: the WeChat step, vivo's own calendar, the .ics file, and only then Google.
	const headings = await page.locator('#main h2').allTextContents();
	const at = (text: string) => headings.findIndex((h) => h.includes(text));
	expect(at('微信里不能直接订阅日历')).toBe(0);
	expect(at('vivo')).toBeGreaterThan(at('微信里不能直接订阅日历'));
	expect(at('.ics')).toBeGreaterThan(at('vivo'));
	expect(at('谷歌日历')).toBeGreaterThan(at('.ics'));
	await expect(page.locator('[data-way="google"]')).toContainText('中国大陆');
	await expect(page.locator('[data-way="oppoVivo"]')).toContainText('如没有订阅选项，可下载 .ics 文件导入');

	const file = (await page.getByRole('link', { name: '下载 .ics 文件' }).getAttribute('href'))!;
	expect(file).toMatch(new RegExp(`/feeds/experts/${EXPERT}\\.ics$`));
	// The address to copy stays, and is the same calendar.
	expect(await page.getByLabel('订阅地址').inputValue()).toBe(file);

	// Opened in the phone's browser, the link is the calendar itself.
	const ics = await request.get(file, { headers: { 'User-Agent': VIVO_BROWSER } });
	expect(ics.status()).toBe(200);
	expect(ics.headers()['content-type']).toBe('text/calendar; charset=utf-8');
	const body = await ics.text();
	expect(body).toMatch(/^BEGIN:VCALENDAR\r\n/);
	expect(body).toContain('X-WR-CALNAME:李康宁 副主任医师 坐诊安排');
	expect(body.match(/BEGIN:VEVENT/g)?.length ?? 0).toBeGreaterThan(0);
	const again = await request.get(file, { headers: { 'User-Agent': VIVO_BROWSER, 'If-None-Match': ics.headers()['etag']! } });
	expect(again.status()).toBe(304);

	// Still inside WeChat, the same link says how to get out of WeChat rather than doing nothing.
	const inside = await request.get(file, { headers: { 'User-Agent': WECHAT_ANDROID } });
	expect(inside.headers()['content-type']).toMatch(/^text\/html/);
	expect(await inside.text()).toContain('在浏览器打开');
});

test('an expert who is not there has no calendar and no subscribe page', async ({ request }) => {
	expect((await request.get('/feeds/experts/no-such-expert.ics', { headers: { 'User-Agent': VIVO_BROWSER } })).status()).toBe(404);
	expect((await request.get(`/subscribe?feed=${encodeURIComponent('/feeds/experts/no-such-expert.ics')}`)).status()).toBe(404);
});
