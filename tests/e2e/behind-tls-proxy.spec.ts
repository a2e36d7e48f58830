/**
 * Production-style: TLS ends at a reverse proxy (tests/support/tls-proxy.ts), and the app is told its
 * public address with ORIGIN=https://localhost:<proxy port> (playwright.config.ts). Forms work over
 * https, everything handed out names the https address, and headers a client forges change nothing.
 */
import { expect, test } from '@playwright/test';
import { demoId } from '../../src/lib/server/seed/seed-demo';
import { PROXIED_APP_PORT } from '../support/ports';
import { linkInMailbox, signIn } from './support/console';

const XINQIAO = demoId('site:xinqiao');

test('an organizer signs in and a resident registers, over https through the proxy', async ({ page, browser, baseURL }) => {
	expect(baseURL).toMatch(/^https:/);
	await signIn(page, 'organizer@yizhen.example');
	await page.goto('/console');
	await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();

	const resident = await (await browser.newContext({ baseURL, ignoreHTTPSErrors: true })).newPage();
	await resident.goto(`/events/${demoId('event:clinic-this-saturday')}`);
	await resident.getByLabel('姓名').fill('李建国');
	await resident.getByLabel(/手机号/).fill(`136${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`);
	await resident.getByLabel('年龄段').selectOption({ label: '70–79 岁' });
	await resident.getByRole('checkbox').check();
	await resident.getByRole('button', { name: '提交报名' }).click();
	await expect(resident.getByRole('heading', { level: 1, name: '报名成功' })).toBeVisible();
	await resident.context().close();
});

test('share cards, print sheets and feeds name the https address', async ({ page, request, baseURL }) => {
	await page.goto(`/centers/${XINQIAO}`);
	expect(await page.locator('meta[property="og:url"]').getAttribute('content')).toBe(`${baseURL}/centers/${XINQIAO}`);
	expect(await page.locator('meta[property="og:image"]').getAttribute('content')).toBe(`${baseURL}/centers/${XINQIAO}/poster.png`);
	await expect(page.locator('.print-sheet')).toContainText(`${new URL(baseURL!).host}/c/${XINQIAO}`);
	const feed = await (await request.get(`/feeds/centers/${XINQIAO}.ics`)).text();
	expect(feed).toContain(`URL;VALUE=URI:${baseURL}/`);
	expect(feed).not.toContain('http://localhost');
});

test('a reset asked for with forged forwarding headers mails the https link', async ({ page, request, baseURL }) => {
	const asked = await request.post('/password-reset', {
		headers: { origin: baseURL!, 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' },
		form: { email: 'expert@yizhen.example' }
	});
	expect(asked.status()).toBe(200);
	const link = await linkInMailbox(page, '重设义诊账号密码', 'expert@yizhen.example');
	expect(link).toMatch(new RegExp(`^${baseURL}/account/set-password\\?token=[a-z0-9]+$`));
});

test('a form from another site is refused with a readable page; an API client gets JSON', async ({ request }) => {
	const forged = await request.post('/text-size', {
		headers: { origin: 'https://evil.example', accept: 'text/html' },
		form: { size: 'large', back: '/' },
		maxRedirects: 0
	});
	expect(forged.status()).toBe(403);
	expect(forged.headers()['content-type']).toContain('text/html');
	expect(await forged.text()).toContain('这份表单不是从本站页面提交的');

	const json = await request.post('/text-size', { headers: { origin: 'https://evil.example', accept: 'application/json' }, form: { size: 'large' }, maxRedirects: 0 });
	expect(json.status()).toBe(403);
	expect((await json.json()).message).toContain('这份表单不是从本站页面提交的');
});

test('a sign-in that reaches the app past the proxy, without X-Forwarded-For, is answered, not a 500', async ({ baseURL }) => {
	// ADDRESS_HEADER=x-forwarded-for is set for this server; a request straight to its port lacks the header.
	const answer = await fetch(`http://127.0.0.1:${PROXIED_APP_PORT}/login`, {
		method: 'POST',
		headers: { origin: baseURL!, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
		body: 'email=organizer%40yizhen.example&password=not-the-password',
		redirect: 'manual'
	});
	expect(answer.status).toBe(400);
	expect(await answer.text()).toContain('邮箱或密码不正确。');
});
