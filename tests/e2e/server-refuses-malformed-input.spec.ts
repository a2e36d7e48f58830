/**
 * Crafted requests against the running server (issue 15's probes): a return address that would leave
 * the site, a form body cut short, a body that is not a form. Each gets a 3xx on this site or a 4xx in
 * words, never a 500 and never a redirect elsewhere.
 */
import { request as httpRequest } from 'node:http';
import { expect, test } from '@playwright/test';
import { signIn } from './support/console';

function rawPost(baseURL: string, path: string, headers: Record<string, string>, body: string) {
	// Sent to 127.0.0.1 but named as the browser names the site, so the same-site check passes as it would.
	const { port, origin, host } = new URL(baseURL);
	return new Promise<{ status: number; body: string; location?: string }>((resolve, reject) => {
		const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers: { host, origin, accept: 'text/html', ...headers } }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (c: string) => (text += c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, location: res.headers.location }));
		});
		req.on('error', reject);
		req.end(body);
	});
}

test('a signed-in visit to /login never redirects off the site, whatever redirectTo says', async ({ page, baseURL }) => {
	await signIn(page, 'organizer@yizhen.example');
	for (const target of ['%2F%09%2Fevil.example%2F', '%2F%0A%2Fevil.example', '%2F%5Cevil.example', '%2F.%2F%2Fevil.example', 'https%3A%2F%2Fevil.example']) {
		const answer = await page.request.get(`/login?redirectTo=${target}`, { maxRedirects: 0 });
		expect(answer.status(), target).toBe(303);
		const location = answer.headers()['location']!;
		expect(new URL(location, baseURL).origin, `${target} → ${location}`).toBe(new URL(baseURL!).origin);
	}
	const kept = await page.request.get(`/login?redirectTo=${encodeURIComponent('/console/events?kind=lecture')}`, { maxRedirects: 0 });
	expect(kept.headers()['location']).toBe('/console/events?kind=lecture');
});

test('a form body cut short is a 400 page in words, on every kind of form', async ({ baseURL }) => {
	const truncated = '--X\r\nContent-Disposition: form-data; name="email"\r\n\r\norganizer@yizh';
	for (const path of ['/login', '/text-size', '/events/anything?/register', '/console/import?/preview']) {
		const answer = await rawPost(baseURL!, path, { 'content-type': 'multipart/form-data; boundary=X' }, truncated);
		expect(answer.status, path).toBe(400);
		expect(answer.body, path).toContain('提交的内容不完整或格式不对');
	}
});

test('the 长辈版 switch answers a JSON or XML body with 415, not 500', async ({ baseURL }) => {
	for (const [type, body] of [
		['application/json', '{"size":"large"}'],
		['application/xml', '<size>large</size>']
	]) {
		const answer = await rawPost(baseURL!, '/text-size', { 'content-type': type! }, body!);
		expect(answer.status, type).toBe(415);
	}
	const bad = await rawPost(baseURL!, '/text-size', { 'content-type': 'application/x-www-form-urlencoded' }, 'size=huge');
	expect(bad.status).toBe(400);
	expect(bad.body).toContain('请求有误');
});
