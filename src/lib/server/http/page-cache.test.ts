import { beforeEach, describe, expect, it, vi } from 'vitest';
import { scopes } from '../schedule/cache-scopes';
import { changeSitting } from '../schedule/rotations';
import { makeScheduleWorld } from '../testing/factories';
import { emptyDbForEachTest } from '../testing/each-test';
import { cachedPage, cacheScopesOf, clearPageCache, KEEP_FOR_HEADER } from './page-cache';

/** A plain GET of `url`, as hooks.server.ts passes its event. */
const get = (url: URL) => ({ request: new Request(url), url });

const t = emptyDbForEachTest();
beforeEach(() => clearPageCache());

describe('the rendered page cache', () => {
	it('serves the same HTML until something on the page changes, and never caches an error page', async () => {
		const world = await makeScheduleWorld(t.db);
		const here = await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU' });
		const elsewhere = await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU', siteId: world.otherSite.id, expertId: world.colleague.id });
		let renders = 0;
		const render = async () => {
			renders++;
			return new Response(`<p>render ${renders}</p>`, { headers: { 'content-type': 'text/html', 'x-request-id': `r${renders}` } });
		};
		const page = (url: URL) => cachedPage(t.db, get(url), scopes.centerWeek(world.site.id, url.searchParams.get('week'), '2026-12-07'), render);
		const url = new URL(`http://localhost/centers/${world.site.id}?week=2026-12-01`);
		expect(await (await page(url)).text()).toBe('<p>render 1</p>');
		const again = await page(url);
		expect(await again.text()).toBe('<p>render 1</p>');
		expect(again.headers.get('x-request-id')).toBeNull(); // per-response headers are not replayed
		expect(again.headers.get('cache-control')).toBe('no-cache'); // a proxy keeps it only to ask again
		expect(await (await page(new URL(`http://localhost/centers/${world.site.id}?week=2026-12-08`))).text()).toBe('<p>render 2</p>');

		// Another center's sitting is cancelled: this center's page is still good.
		await changeSitting(t.db, elsewhere, '2026-12-01', { cancelled: true, reason: '专家外出' });
		expect(await (await page(url)).text()).toBe('<p>render 1</p>');
		// This center's is: the page is drawn again.
		await changeSitting(t.db, here, '2026-12-01', { cancelled: true, reason: '专家外出' });
		expect(await (await page(url)).text()).toBe('<p>render 3</p>');

		const notFound = async () => new Response('nope', { status: 404, headers: { 'content-type': 'text/html' } });
		const missing = new URL('http://localhost/centers/none');
		expect((await cachedPage(t.db, get(missing), scopes.centerWeek('none', null, '2026-12-07'), notFound)).status).toBe(404);
		expect(await (await cachedPage(t.db, get(missing), scopes.centerWeek('none', null, '2026-12-07'), render)).text()).toBe('<p>render 4</p>');
	});

	it('keeps a page that says it changes sooner only that long, and never sends what it said', async () => {
		let renders = 0;
		const render = async () =>
			new Response(`<p>render ${++renders}</p>`, { headers: { 'content-type': 'text/html', [KEEP_FOR_HEADER]: '40' } });
		const url = new URL('http://localhost/find?department=d1&when=this-week');
		const page = () => cachedPage(t.db, get(url), scopes.find('d1', '2026-12-07', '2026-12-13'), render);
		const first = await page();
		expect(first.headers.has(KEEP_FOR_HEADER)).toBe(false);
		expect(await first.text()).toBe('<p>render 1</p>');
		const kept = await page();
		expect(await kept.text()).toBe('<p>render 1</p>');
		expect(kept.headers.has(KEEP_FOR_HEADER)).toBe(false);
		await new Promise((r) => setTimeout(r, 50));
		expect(await (await page()).text()).toBe('<p>render 2</p>');
	});

	it('caches anonymous GETs of the residents’ pages only, each under what it shows', () => {
		const request = (path: string, method = 'GET') => new Request(`http://localhost${path}`, { method });
		const event = (routeId: string | null, path: string, params: Record<string, string> = {}, method = 'GET') => ({
			request: request(path, method),
			url: new URL(`http://localhost${path}`),
			route: { id: routeId },
			params,
			isDataRequest: false
		});
		vi.stubEnv('YIZHEN_TODAY', '2026-12-09'); // a Wednesday
		const center = (path: string) => cacheScopesOf(event('/(public)/centers/[id]', path, { id: 's1' }), false);
		expect(center('/centers/s1')).toEqual(['all', 'site:s1', 'site:s1@2026-12-07']);
		expect(center('/centers/s1?week=2026-12-16')).toEqual(['all', 'site:s1', 'site:s1@2026-12-14']);
		expect(center('/centers/s1?week=16-12-2026')).toBeNull(); // the page's 400, never kept
		expect(cacheScopesOf(event('/(public)/experts/[id]', '/experts/e1', { id: 'e1' }), false)).toEqual(['all', 'expert:e1']);
		expect(cacheScopesOf(event('/(public)/events/[id]', '/events/v1', { id: 'v1' }), false)).toEqual(['all', 'event:v1']);
		const find = (query: string) => cacheScopesOf(event('/(public)/find', `/find${query}`), false);
		expect(find('?department=d1&when=this-week')).toEqual(['all', 'dept:d1', 'dept:d1@2026-12-07']);
		// 选日期 on a Saturday: that day and the six after, so two weeks.
		expect(find('?department=d1&when=date&date=2026-12-12')).toEqual(['all', 'dept:d1', 'dept:d1@2026-12-07', 'dept:d1@2026-12-14']);
		expect(find('')).toEqual(['all', 'sittings', 'sittings@2026-12-07']);
		expect(find('?department=d1&from=2026-12-20&to=2026-12-10')).toBeNull();
		// Early on a Monday a site west of Beijing is still in last week: both weeks are watched.
		vi.stubEnv('YIZHEN_TODAY', '2026-12-14');
		expect(center('/centers/s1')).toEqual(['all', 'site:s1', 'site:s1@2026-12-14', 'site:s1@2026-12-07']);
		vi.unstubAllEnvs();
		// Signed in, a form post, or a page that is not a resident's schedule: drawn every time.
		expect(cacheScopesOf(event('/(public)/centers/[id]', '/centers/s1', { id: 's1' }), true)).toBeNull();
		expect(cacheScopesOf(event('/(public)/events/[id]', '/events/v1', { id: 'v1' }, 'POST'), false)).toBeNull();
		expect(cacheScopesOf(event('/console', '/console'), false)).toBeNull();
		expect(cacheScopesOf(event(null, '/nowhere'), false)).toBeNull();
	});
});
