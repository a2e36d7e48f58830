import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeSitting } from '../schedule/rotations';
import { makeScheduleWorld } from '../testing/factories';
import { createTestDb, type TestDb } from '../testing/test-db';
import { cachedPage, clearPageCache } from './page-cache';

/** A plain GET of `url`, as hooks.server.ts passes its event. */
const get = (url: URL) => ({ request: new Request(url), url });

let t: TestDb;
beforeEach(async () => {
	clearPageCache();
	t = await createTestDb();
});
afterEach(() => t.cleanup());

describe('the rendered page cache', () => {
	it('serves the same HTML until the schedule changes, and never caches an error page', async () => {
		const world = await makeScheduleWorld(t.db);
		const rotationId = await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU' });
		let renders = 0;
		const render = async () => {
			renders++;
			return new Response(`<p>render ${renders}</p>`, { headers: { 'content-type': 'text/html', 'x-request-id': `r${renders}` } });
		};
		const url = new URL('http://localhost/centers/abc?week=2026-12-01');
		expect(await (await cachedPage(t.db, get(url), render)).text()).toBe('<p>render 1</p>');
		const again = await cachedPage(t.db, get(url), render);
		expect(await again.text()).toBe('<p>render 1</p>');
		expect(again.headers.get('x-request-id')).toBeNull(); // per-response headers are not replayed
		expect(await (await cachedPage(t.db, get(new URL('http://localhost/centers/abc?week=2026-12-08')), render)).text()).toBe('<p>render 2</p>');

		await changeSitting(t.db, rotationId, '2026-12-01', { cancelled: true, reason: '专家外出' });
		expect(await (await cachedPage(t.db, get(url), render)).text()).toBe('<p>render 3</p>');

		const notFound = async () => new Response('nope', { status: 404, headers: { 'content-type': 'text/html' } });
		const missing = new URL('http://localhost/centers/none');
		expect((await cachedPage(t.db, get(missing), notFound)).status).toBe(404);
		expect(await (await cachedPage(t.db, get(missing), render)).text()).toBe('<p>render 4</p>');
	});
});
