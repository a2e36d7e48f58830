import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { addDays, todayIn } from '../../src/lib/calendar-date';
import { createEvent } from '../../src/lib/server/events/events';
import { demoId } from '../../src/lib/server/seed/seed-demo';
import { siteIdNamed, withDemoDb } from './support/demo-db';

// axe, a PDF and screenshots on a busy two-core machine.
test.describe.configure({ timeout: 60_000 });

const center = demoId('site:xinqiao');
const expert = demoId('expert:likangning');
const clinic = demoId('event:clinic-this-saturday');

const pages = {
	'center week': `/centers/${center}`,
	expert: `/experts/${expert}`,
	'free clinic': `/events/${clinic}`,
	events: '/events'
};

const slug = (name: string) => name.replace(/\s+/g, '-');

test('a resident switches to 长辈版 with one tap, without JavaScript, and it stays until switched back', async ({ page, browser }) => {
	await page.goto(`${pages['center week']}?week=2026-11-30`);
	await expect(page.locator('html')).not.toHaveClass(/large-text/);
	await page.getByRole('button', { name: /长辈版/ }).click();
	// Back on the same page, same week, now large.
	await expect(page).toHaveURL(new RegExp(`/centers/${center}\\?week=2026-11-30$`));
	await expect(page.locator('html')).toHaveClass(/large-text/);
	await expect(page.getByRole('button', { name: /标准版/ })).toBeVisible();
	await expect(page.getByRole('button', { name: /长辈版/ })).toBeHidden();

	// Remembered on the next visit and on other pages.
	await page.goto(pages.events);
	await expect(page.locator('html')).toHaveClass(/large-text/);

	// Someone else opening the same (cached) page gets the standard page.
	const stranger = await browser.newContext();
	const theirs = await stranger.newPage();
	await theirs.goto(`${pages['center week']}?week=2026-11-30`);
	await expect(theirs.locator('html')).not.toHaveClass(/large-text/);
	await stranger.close();

	await page.getByRole('button', { name: /标准版/ }).click();
	await expect(page).toHaveURL(/\/events$/);
	await expect(page.locator('html')).not.toHaveClass(/large-text/);
});

test('the cached page never carries one visitor’s 长辈版 to another, in either order', async ({ request }) => {
	for (const path of [pages['center week'], pages.expert, `/find`]) {
		for (const order of [['large', 'standard'], ['standard', 'large'], ['large', 'standard']]) {
			for (const size of order) {
				const html = await (await request.get(path, { headers: size === 'large' ? { cookie: 'yz_text=large' } : {} })).text();
				expect(html.includes('<html lang="zh-CN" class="large-text">'), `${path} as ${size}`).toBe(size === 'large');
			}
		}
	}
});

test('the toggle only goes back to pages on this site', async ({ request, baseURL }) => {
	for (const back of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
		const answer = await request.post('/text-size', { form: { size: 'large', back }, headers: { origin: baseURL! }, maxRedirects: 0 });
		expect(answer.status()).toBe(303);
		expect(answer.headers()['location']).toBe('/');
	}
	const bad = await request.post('/text-size', { form: { size: 'huge', back: '/' }, headers: { origin: baseURL! }, maxRedirects: 0 });
	expect(bad.status()).toBe(400);
});

test('short links lead to the pages, keep a printed week, and say 404 for what does not exist', async ({ request, page }) => {
	const expected: [string, string][] = [
		[`/c/${center}`, `/centers/${center}`],
		[`/c/${center}?week=2026-11-30`, `/centers/${center}?week=2026-11-30`],
		[`/x/${expert}`, `/experts/${expert}`],
		[`/e/${clinic}`, `/events/${clinic}`],
		['/e?kind=lecture', '/events?kind=lecture']
	];
	for (const [short, target] of expected) {
		const answer = await request.get(short, { maxRedirects: 0 });
		expect(answer.status(), short).toBe(308);
		const location = new URL(answer.headers()['location']!, 'http://x');
		expect(location.pathname + location.search, short).toBe(target);
	}
	for (const unknown of ['/c/nosuchcenter', '/x/nosuchexpert', '/e/nosuchevent', `/x/${center}`]) {
		expect((await request.get(unknown, { maxRedirects: 0 })).status(), unknown).toBe(404);
	}
	await page.goto(`/x/${expert}`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('李康宁');
});

const WECHAT_UA =
	'Mozilla/5.0 (Linux; Android 12; V2055A) AppleWebKit/537.36 Chrome/107.0 Mobile Safari/537.36 MicroMessenger/8.0.47.2560(0x28002F3B) WeChat/arm64';

test('inside WeChat, public pages say how to open them in the system browser; elsewhere they do not', async ({ browser, page }) => {
	const wechat = await browser.newContext({ userAgent: WECHAT_UA });
	const inside = await wechat.newPage();
	for (const path of [pages['center week'], pages['free clinic'], '/']) {
		await page.goto(path);
		await expect(page.getByText('在微信里打不开日历或下载？')).toBeHidden();
		await inside.goto(path);
		await expect(inside.getByRole('complementary', { name: '在微信里打不开日历或下载？' })).toContainText('在浏览器打开');
		// The cached center page is keyed by WeChat too: the next ordinary visitor sees no notice.
		await page.goto(path);
		await expect(page.getByText('在微信里打不开日历或下载？')).toBeHidden();
	}
	await wechat.close();
});

/** Layout checks read computed styles: these run with JavaScript on, in every project. */
test.describe('measured in the browser', () => {
	test.use({ javaScriptEnabled: true });

	async function largeTextFacts(page: Page) {
		return page.evaluate(() => {
			const px = (el: Element | null) => (el ? parseFloat(getComputedStyle(el).fontSize) : 0);
			const body = document.body;
			const taps = [...document.querySelectorAll('button, a.button, header nav a, .site-header a')]
				.filter((el) => (el as HTMLElement).offsetParent !== null)
				.map((el) => ({ text: (el.textContent ?? '').trim(), height: el.getBoundingClientRect().height }));
			return {
				overflow: document.documentElement.scrollWidth - window.innerWidth,
				body: px(body),
				lineHeight: parseFloat(getComputedStyle(body).lineHeight) / px(body),
				h1: px(document.querySelector('h1')),
				smallest: Math.min(...[...document.querySelectorAll('main p, main dd, main dt, main li, main span, main a')].filter((el) => (el as HTMLElement).offsetParent !== null && el.textContent?.trim()).map(px)),
				taps
			};
		});
	}

	/**
	 * The events list shows whatever organizers typed, and journeys running alongside add events too: the
	 * page is checked with a title of its own that no screen can fit unbroken, so it passes or fails on
	 * its wrapping, not on what another journey left behind.
	 */
	async function addEventWithLongTitle(): Promise<string> {
		const title = `义诊（${'longunbrokenword'.repeat(2)}-${Date.now()}）`;
		const siteId = await siteIdNamed('新桥社区卫生服务中心');
		await withDemoDb((db) =>
			createEvent(db, { userId: null, name: '测试' }, { kind: 'free_clinic', siteId, title, date: addDays(todayIn('Asia/Shanghai'), 1), startTime: '09:00', endTime: '10:00', capacity: 20 })
		);
		return title;
	}

	for (const [name, path] of Object.entries(pages)) {
		test(`长辈版 at 360 px: large text, 60 px taps, no sideways scroll, axe clean — ${name}`, async ({ page, context, baseURL }) => {
			const longTitle = name === 'events' ? await addEventWithLongTitle() : null;
			await context.addCookies([{ name: 'yz_text', value: 'large', url: baseURL! }]);
			await page.setViewportSize({ width: 360, height: 740 });
			await page.goto(path);
			await expect(page.locator('html')).toHaveClass(/large-text/);
			if (longTitle) await expect(page.getByText(longTitle)).toBeVisible();
			await page.screenshot({ path: `test-results/large-text-360-${slug(name)}.png`, fullPage: true });
			const facts = await largeTextFacts(page);
			expect(facts.overflow, 'scrolls sideways').toBeLessThanOrEqual(0);
			expect(facts.body).toBeGreaterThanOrEqual(18);
			expect(facts.smallest, 'smallest text in the page').toBeGreaterThanOrEqual(18);
			expect(facts.lineHeight).toBeGreaterThanOrEqual(1.5);
			expect(facts.h1 / facts.body).toBeGreaterThanOrEqual(1.5);
			expect(facts.taps.length).toBeGreaterThan(0);
			for (const tap of facts.taps) expect(tap.height, `tap target “${tap.text}”`).toBeGreaterThanOrEqual(60);
			const axe = await new AxeBuilder({ page }).analyze();
			expect(axe.violations.map((v) => `${v.id} ${v.help} (${v.nodes.length})`)).toEqual([]);
		});

		test(`standard mode is axe clean and keeps 44 px taps — ${name}`, async ({ page }) => {
			await page.goto(path);
			await expect(page.locator('html')).not.toHaveClass(/large-text/);
			const facts = await largeTextFacts(page);
			expect(facts.overflow).toBeLessThanOrEqual(0);
			for (const tap of facts.taps) expect(tap.height, `tap target “${tap.text}”`).toBeGreaterThanOrEqual(44);
			const axe = await new AxeBuilder({ page }).analyze();
			expect(axe.violations.map((v) => `${v.id} ${v.help} (${v.nodes.length})`)).toEqual([]);
		});
	}

	test('inside WeChat in 长辈版, the notice fits a 360 px screen and the page stays axe clean', async ({ browser, baseURL }) => {
		const wechat = await browser.newContext({ userAgent: WECHAT_UA, viewport: { width: 360, height: 740 }, javaScriptEnabled: true });
		await wechat.addCookies([{ name: 'yz_text', value: 'large', url: baseURL! }]);
		const page = await wechat.newPage();
		await page.goto(pages['center week']);
		await expect(page.locator('html')).toHaveClass('large-text in-wechat');
		await page.screenshot({ path: 'test-results/large-text-360-in-wechat.png' });
		expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
		const axe = await new AxeBuilder({ page }).analyze();
		expect(axe.violations.map((v) => `${v.id} ${v.help} (${v.nodes.length})`)).toEqual([]);
		await wechat.close();
	});

	for (const [name, path, short] of [
		['center week', pages['center week'], `/c/${center}`],
		['free clinic', pages['free clinic'], `/e/${clinic}`]
	] as const) {
		for (const size of ['standard', 'large'] as const) {
			test(`the ${name} prints as one clean A4 sheet with a QR code, its short link and the date (${size})`, async ({ page, context, baseURL }) => {
				if (size === 'large') await context.addCookies([{ name: 'yz_text', value: 'large', url: baseURL! }]);
				await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
				await page.goto(path);
				// On screen the QR code is not there to see.
				await expect(page.locator('.print-sheet')).toBeHidden();

				await page.emulateMedia({ media: 'print' });
				await page.screenshot({ path: `test-results/print-${slug(name)}-${size}.png`, fullPage: true });
				await expect(page.getByRole('navigation', { name: '主要导航' })).toBeHidden();
				for (const hidden of await page.locator('header, footer, form, button, a.button').all()) await expect(hidden).toBeHidden();
				const qr = page.locator('.print-sheet svg');
				await expect(qr).toBeVisible();
				const box = (await qr.boundingBox())!;
				expect(box.width).toBeGreaterThanOrEqual(100); // about 3 cm: a phone reads it from arm's length
				await expect(page.locator('.print-sheet')).toContainText(`${new URL(baseURL!).host}${short}`);
				await expect(page.locator('.print-sheet')).toContainText(/打印于 \d{4}年\d{1,2}月\d{1,2}日/);
				await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
				if (name === 'center week') await expect(page.locator('.days')).toHaveCSS('display', 'table');

				const pdf = (await page.pdf({ format: 'A4', printBackground: false })).toString('latin1');
				expect(pdf.match(/\/Type\s*\/Page[^s]/g)?.length, 'printed pages').toBe(1);
			});
		}
	}
});
