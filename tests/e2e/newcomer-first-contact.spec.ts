/**
 * The first minutes of a newcomer: the site started as the README starts it (no ORIGIN, no proxy
 * variable), opened at http://localhost, at http://127.0.0.1, and from a phone on the same Wi-Fi
 * (127.0.0.2 stands in for the machine's LAN address). At each, a resident registers and switches to
 * 长辈版, and a volunteer signs in and checks the resident in: every form is accepted. A form posted from
 * another site is still refused, with a page a resident can read.
 */
import { expect, test, type BrowserContextOptions, type TestInfo } from '@playwright/test';
import { todayIn } from '../../src/lib/calendar-date';
import { createEvent } from '../../src/lib/server/events/events';
import { siteIdNamed, withDemoDb } from './support/demo-db';

const HOSTS = [
	['localhost', 'the address the README prints'],
	['127.0.0.1', 'the loopback address'],
	['127.0.0.2', 'a phone on the same Wi-Fi (the LAN address)']
] as const;

/** This project's device (phone, desktop, JavaScript off) for a context of our own at another address. */
function deviceOf(use: TestInfo['project']['use']): BrowserContextOptions {
	const { viewport, isMobile, hasTouch, deviceScaleFactor, userAgent, javaScriptEnabled, locale, timezoneId } = use;
	return { viewport, isMobile, hasTouch, deviceScaleFactor, userAgent, javaScriptEnabled, locale, timezoneId };
}

const uniquePhone = () => `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

/** A clinic today at 新桥, under 区人民医院, where the demo volunteer serves. */
async function clinicToday(label: string): Promise<string> {
	const siteId = await siteIdNamed('新桥社区卫生服务中心');
	return withDemoDb((db) =>
		createEvent(db, { userId: null, name: '测试' }, {
			kind: 'free_clinic',
			siteId,
			title: `初次使用义诊 ${label}`,
			date: todayIn('Asia/Shanghai'),
			startTime: '00:00',
			endTime: '23:59',
			capacity: 10
		})
	);
}

for (const [host, what] of HOSTS) {
	test(`at ${host} (${what}) a resident registers and a volunteer signs in and checks them in`, async ({ browser, baseURL }, testInfo) => {
		test.setTimeout(90_000);
		const site = `http://${host}:${new URL(baseURL!).port}`;
		const eventId = await clinicToday(`${host}-${testInfo.project.name}-${Date.now()}`);
		const options = deviceOf(testInfo.project.use);

		const resident = await browser.newContext({ ...options, baseURL: site });
		const phone = await resident.newPage();
		await phone.goto(`/events/${eventId}`);
		await phone.getByLabel('姓名').fill('王秀兰');
		await phone.getByLabel(/手机号/).fill(uniquePhone());
		await phone.getByLabel('年龄段').selectOption({ label: '60–69 岁' });
		await phone.getByRole('checkbox').check();
		await phone.getByRole('button', { name: '提交报名' }).click();
		await expect(phone.getByRole('heading', { level: 1, name: '报名成功' })).toBeVisible();
		const code = (await phone.locator('.code').textContent())!.trim();
		expect(code).toMatch(/^[A-Z0-9]{6}$/);

		await phone.getByRole('button', { name: /长辈版/ }).click();
		await expect(phone.locator('html')).toHaveClass(/large-text/);
		await resident.close();

		const volunteer = await browser.newContext({ ...options, baseURL: site });
		const door = await volunteer.newPage();
		await door.goto('/login');
		await door.getByLabel('邮箱').fill('volunteer@yizhen.example');
		await door.getByLabel('密码').fill('yizhen-demo-2026');
		await door.getByRole('button', { name: '登录' }).click();
		await expect(door.getByRole('button', { name: '退出登录' })).toBeVisible();
		await door.goto(`/console/checkin/${eventId}`);
		// With scripts, the desk takes over its forms once it has started (it then shows its upload
		// status); a code typed before that is reset as the page starts, so type it after.
		if (options.javaScriptEnabled !== false) await expect(door.getByRole('status').filter({ hasText: '已全部上传' })).toBeVisible();
		await door.getByLabel('居民出示的 6 位签到码').fill(code);
		await door.getByRole('button', { name: '签到', exact: true }).click();
		await expect(door.getByText('王*兰 签到成功。', { exact: true })).toBeVisible();
		await volunteer.close();
	});
}

test('a form posted from another site is refused with a Chinese page that fits a phone and leads back', async ({ browser, baseURL }, testInfo) => {
	// JavaScript on in every project: the page is measured; the refusal itself needs none.
	const context = await browser.newContext({ ...deviceOf(testInfo.project.use), javaScriptEnabled: true, viewport: { width: 360, height: 740 } });
	const page = await context.newPage();
	// A page on another site whose form posts to ours, as a phishing page in a chat group would.
	await page.route('http://127.0.0.2:9/attack', (route) =>
		route.fulfill({
			contentType: 'text/html; charset=utf-8',
			body: `<form method="post" action="${baseURL}/text-size"><input name="size" value="large"><button>领取</button></form>`
		})
	);
	await page.goto('http://127.0.0.2:9/attack');
	const [answer] = await Promise.all([page.waitForResponse(`${baseURL}/text-size`), page.getByRole('button', { name: '领取' }).click()]);
	expect(answer.status()).toBe(403);
	expect(answer.headers()['content-type']).toContain('text/html');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('抱歉，没能完成');
	await expect(page.getByText('这份表单不是从本站页面提交的')).toBeVisible();
	await expect(page.getByRole('link', { name: '回到首页' })).toBeVisible();
	expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
	expect((await context.cookies(baseURL!)).find((c) => c.name === 'yz_text')).toBeUndefined();
	await context.close();
});
