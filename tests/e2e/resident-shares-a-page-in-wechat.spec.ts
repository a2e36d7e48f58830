import { expect, test, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { demoId } from '../../src/lib/server/seed/seed-demo';
import { DEMO_OPEN_SURVEY_CODE } from '../../src/lib/server/seed/demo-surveys';

const pages = [
	{ name: 'a center week', path: `/centers/${demoId('site:xinqiao')}`, title: /新桥社区卫生服务中心 · .+ 专家坐诊/ },
	{ name: 'an expert', path: `/experts/${demoId('expert:likangning')}`, title: /李康宁 副主任医师 · 康复科/ },
	{ name: 'a free clinic', path: `/events/${demoId('event:clinic-this-saturday')}`, title: /^义诊｜/ },
	{ name: 'a lecture', path: `/events/${demoId('event:lecture-hypertension')}`, title: /^健康讲座｜高血压/ }
];

const og = (page: Page, property: string) => page.locator(`meta[property="og:${property}"]`).getAttribute('content');

for (const p of pages) {
	test(`${p.name} shares with a title, a description and its poster, and offers the poster to save`, async ({ page, request, baseURL }) => {
		await page.goto(p.path);
		expect(await og(page, 'title')).toMatch(p.title);
		expect((await og(page, 'description'))!.length).toBeGreaterThan(10);
		expect(await og(page, 'url')).toBe(`${baseURL}${p.path}`);
		const image = (await og(page, 'image'))!;
		expect(image).toBe(`${baseURL}${p.path}/poster.png`);

		// Outside WeChat, nobody downloads a poster they cannot see.
		const large = page.locator('img').filter({ has: page.locator('xpath=self::*[@width>=300]') });
		await expect(large).toHaveCount(0);

		const link = page.getByRole('link', { name: '生成海报' });
		await expect(link).toBeVisible();
		const poster = await request.get((await link.getAttribute('href'))!);
		expect(poster.status()).toBe(200);
		expect(poster.headers()['content-type']).toBe('image/png');
		expect(PNG.sync.read(await poster.body()).width).toBe(750);
	});
}

const XINQIAO = demoId('site:xinqiao');
/** Pages whose address carries filters: the share card names the filtered page and its poster. */
const listings = [
	{
		name: 'one center’s lectures',
		path: `/events?kind=lecture&site=${XINQIAO}`,
		// The start date is the visitor's own view: the shared list opens on today.
		visit: `/events?kind=lecture&site=${XINQIAO}&from=`,
		poster: `/events/poster.png?kind=lecture&site=${XINQIAO}`,
		title: '新桥社区卫生服务中心 · 近期健康讲座'
	},
	{ name: 'all events', path: '/events', visit: '/events', poster: '/events/poster.png', title: '近期义诊和健康讲座' },
	{ name: 'a survey', path: `/s/${DEMO_OPEN_SURVEY_CODE}`, visit: `/s/${DEMO_OPEN_SURVEY_CODE}`, poster: `/s/${DEMO_OPEN_SURVEY_CODE}/poster.png`, title: /^健康素养调查｜居民健康素养调查/ }
];

for (const p of listings) {
	test(`${p.name} shares with a title, a description and its poster, and offers the poster to save`, async ({ page, request, baseURL }) => {
		await page.goto(p.visit);
		expect(await og(page, 'title')).toMatch(p.title);
		expect((await og(page, 'description'))!.length).toBeGreaterThan(10);
		expect(await og(page, 'url')).toBe(`${baseURL}${p.path}`);
		expect(await page.locator('link[rel="canonical"]').getAttribute('href')).toBe(`${baseURL}${p.path}`);
		expect(await og(page, 'image')).toBe(`${baseURL}${p.poster}`);

		const link = page.getByRole('link', { name: '生成海报' });
		await expect(link).toBeVisible();
		expect(await link.getAttribute('href')).toBe(p.poster);
		const poster = await request.get(p.poster);
		expect(poster.status()).toBe(200);
		expect(poster.headers()['content-type']).toBe('image/png');
		expect(PNG.sync.read(await poster.body()).width).toBe(750);
	});
}

test('the home page shares the site’s card, whichever center the visitor chose', async ({ page, request, baseURL }) => {
	await page.goto(`/?center=${XINQIAO}`);
	expect(await og(page, 'title')).toBe('义诊 · 社区专家坐诊、义诊和健康讲座');
	expect(await og(page, 'url')).toBe(`${baseURL}/`);
	expect(await og(page, 'image')).toBe(`${baseURL}/poster.png`);
	const card = await request.get('/poster.png');
	expect(card.status()).toBe(200);
	expect(PNG.sync.read(await card.body()).width).toBe(750);
});

test('inside WeChat, the first large image of a page is its poster, unseen: the chat thumbnail without the JS-SDK', async ({ browser, baseURL }) => {
	const context = await browser.newContext({
		userAgent: 'Mozilla/5.0 (Linux; Android 12; V2055A) AppleWebKit/537.36 Chrome/107.0 Mobile Safari/537.36 MicroMessenger/8.0.47.2560(0x28002F3B) WeChat/arm64'
	});
	const page = await context.newPage();
	for (const p of [...pages.map((p) => ({ visit: p.path, poster: `${p.path}/poster.png` })), ...listings]) {
		await page.goto(p.visit);
		const large = page.locator('img').filter({ has: page.locator('xpath=self::*[@width>=300]') });
		await expect(large.first()).toHaveAttribute('src', `${baseURL}${p.poster}`);
		await expect(large.first()).toBeHidden();
		// No official account configured here: no JS-SDK either, the og: card is all there is.
		await expect(page.locator('script[src^="/share/wechat.js"]')).toHaveCount(0);
	}
	await context.close();
});

test('a poster for something that does not exist is a 404, and size parameters change nothing', async ({ request }) => {
	for (const path of [
		'/centers/nosuchcenter/poster.png',
		'/experts/nosuchexpert/poster.png',
		'/events/nosuchevent/poster.png',
		'/events/poster.png?site=nosuchcenter',
		'/events/poster.png?kind=everything',
		'/s/zzzzzz/poster.png'
	]) {
		expect((await request.get(path)).status()).toBe(404);
	}
	const plain = await request.get(`/centers/${demoId('site:xinqiao')}/poster.png`);
	const odd = await request.get(`/centers/${demoId('site:xinqiao')}/poster.png?width=100000&height=100000&scale=40`);
	expect(odd.status()).toBe(200);
	expect((await odd.body()).equals(await plain.body())).toBe(true);
});

test('without an official account configured, pages ask WeChat for nothing and get no JS-SDK config', async ({ request, baseURL }) => {
	const page = `${baseURL}/centers/${demoId('site:xinqiao')}`;
	const answer = await request.get(`/share/wx-config?url=${encodeURIComponent(page)}`);
	expect(answer.status()).toBe(200);
	expect(await answer.json()).toEqual({ config: null });
	expect((await request.get(`/share/wx-config?url=${encodeURIComponent('https://elsewhere.example/')}`)).status()).toBe(400);
	expect((await request.get('/share/wechat.js')).status()).toBe(404);
});
