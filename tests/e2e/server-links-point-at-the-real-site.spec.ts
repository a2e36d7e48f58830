/**
 * Everything the site hands out that outlives the request — a mailed reset link, a page's share card
 * and print sheet, a poster's QR code, a calendar feed — points at the site's public address, however
 * the request named the host. Here the server runs as the README starts it (no ORIGIN), so the public
 * address is the local default, http://localhost:<port>; forged Host and X-Forwarded-Host headers must
 * change nothing anyone else sees. Also: uploads up to what the roster page promises, and refusals of
 * anything larger in the page's own words.
 */
import { request as httpRequest } from 'node:http';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { expect, test } from '@playwright/test';
import { demoId } from '../../src/lib/server/seed/seed-demo';
import { linkInMailbox, signIn } from './support/console';

const FORGED = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };
const XINQIAO = demoId('site:xinqiao');

/** A raw request to the test server with whatever headers an attacker likes (fetch will not forge Host). */
function rawRequest(baseURL: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
	const { port } = new URL(baseURL);
	return new Promise<{ status: number; body: Buffer; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
		const req = httpRequest({ host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: init.headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }));
		});
		req.on('error', reject);
		req.end(init.body);
	});
}

test('a password reset asked for under a forged Host mails a link to the real site', async ({ page, baseURL }) => {
	const asked = await rawRequest(baseURL!, '/password-reset', {
		method: 'POST',
		// The attacker is the client here, not a victim's browser, so its Origin agrees with its Host.
		headers: { ...FORGED, origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
		body: 'email=expert%40yizhen.example'
	});
	expect(asked.status).toBe(200);
	const link = await linkInMailbox(page, '重设义诊账号密码', 'expert@yizhen.example');
	expect(link).toMatch(new RegExp(`^${baseURL}/account/set-password\\?token=[a-z0-9]+$`));
});

test('a page asked for under a forged Host still carries the real address in its card and print sheet', async ({ baseURL }) => {
	const clinic = demoId('event:clinic-this-saturday');
	for (const [path, short] of [
		[`/centers/${XINQIAO}`, `/c/${XINQIAO}`],
		[`/events/${clinic}`, `/e/${clinic}`]
	]) {
		const html = (await rawRequest(baseURL!, path!, { headers: FORGED })).body.toString('utf8');
		expect(html, path).not.toContain('evil.example');
		expect(html, path).toContain(`<meta property="og:url" content="${baseURL}${path}"`);
		expect(html, path).toContain(`${new URL(baseURL!).host}${short}`); // the print sheet's short link
	}
	// And the next, honest visitor gets the same page from the cache, with nothing of the forger's.
	const honest = (await rawRequest(baseURL!, `/centers/${XINQIAO}`)).body.toString('utf8');
	expect(honest).not.toContain('evil.example');
});

test('a poster and a calendar feed asked for under a forged Host point at the real site', async ({ baseURL }) => {
	const poster = await rawRequest(baseURL!, `/centers/${XINQIAO}/poster.png`, { headers: FORGED });
	expect(poster.status).toBe(200);
	const image = PNG.sync.read(poster.body);
	const qr = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
	expect(qr?.data).toBe(`${baseURL}/c/${XINQIAO}`);

	const feed = (await rawRequest(baseURL!, `/feeds/centers/${XINQIAO}.ics`, { headers: FORGED })).body.toString('utf8');
	expect(feed).toContain(`URL;VALUE=URI:${baseURL}/`);
	expect(feed).not.toContain('evil.example');

	const subscribe = (await rawRequest(baseURL!, `/subscribe?feed=${encodeURIComponent(`/feeds/centers/${XINQIAO}.ics`)}`, { headers: FORGED })).body.toString('utf8');
	expect(subscribe).not.toContain('evil.example');
	expect(subscribe).toContain(`webcal://${new URL(baseURL!).host}/feeds/centers/${XINQIAO}.ics`);
});

test.describe('roster uploads', () => {
	const HEADER = '专家,职称,科室,社区卫生服务中心,星期,上午/下午,开始时间,结束时间,开始日期,结束日期,号源,频次\n';
	/** A sheet of about `bytes`: rows the checker reads (and finds fault with), not a size error. */
	const sheetOf = (bytes: number) => {
		const row = `某某专家${'甲'.repeat(80)},主治医师,心内科,新桥社区卫生服务中心,周六,上午,,,2027-01-02,,20,每周\n`;
		return Buffer.from(HEADER + row.repeat(Math.ceil(bytes / Buffer.byteLength(row))), 'utf8');
	};

	async function upload(page: import('@playwright/test').Page, name: string, body: Buffer) {
		await page.goto('/console/import');
		await page.getByLabel('排班表文件').setInputFiles({ name, mimeType: 'text/csv', buffer: body });
		const [answer] = await Promise.all([
			page.waitForResponse((r) => r.url().includes('/console/import') && r.request().method() === 'POST'),
			page.getByRole('button', { name: '只检查，不导入' }).click()
		]);
		return answer.status();
	}

	test('the page says its limit, reads a 600 KB sheet, and refuses a bigger one in its own words with a 413', async ({ page }) => {
		test.setTimeout(90_000);
		await signIn(page, 'organizer@yizhen.example');
		await page.goto('/console/import');
		await expect(page.getByText('一次最多 2000 行，文件不超过 2 MB。')).toBeVisible();

		// 600 KB: read and checked row by row (these rows name an expert who does not exist).
		expect(await upload(page, 'six-hundred-kb.csv', sheetOf(600 * 1024))).toBe(200);
		await expect(page.getByText(/逐行检查结果/)).toBeVisible();
		await expect(page.getByText('文件超过 2 MB')).toHaveCount(0);

		// Over the promised 2 MB but under the server's body limit: the domain's own refusal.
		expect(await upload(page, 'two-and-a-half-mb.csv', sheetOf(2.5 * 1024 * 1024))).toBe(413);
		await expect(page.getByText('文件超过 2 MB。请把排班表拆成几个文件分次导入。')).toBeVisible();

		// Over the body limit (3 MB): refused before it is read, with the same words on the same page.
		expect(await upload(page, 'five-mb.csv', sheetOf(5 * 1024 * 1024))).toBe(413);
		await expect(page.getByText('文件超过 2 MB。请把排班表拆成几个文件分次导入。')).toBeVisible();
		await expect(page.getByRole('heading', { level: 1, name: '导入排班表' })).toBeVisible();
	});
});
