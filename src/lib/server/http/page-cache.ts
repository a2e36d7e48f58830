/**
 * Rendered HTML of the residents' read-only schedule pages, cached against the schedule generation
 * (see schedule/view-cache.ts): the data cache already skips the queries, this skips rendering too.
 * Only for anonymous GETs of pages that depend on nothing but the URL, the database and the date.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { siteToday } from '../clock';
import type { DbOrTx } from '../db/client';
import { currentGeneration } from '../schedule/view-cache';

const CACHEABLE_ROUTES = new Set(['/(public)/centers/[id]', '/(public)/experts/[id]', '/(public)/find']);
const MAX_ENTRIES = 2_000;
const entries = new Map<string, { generation: number; body: string; headers: [string, string][] }>();

/** Headers that belong to one response, not to the page. */
const PER_RESPONSE = new Set(['x-request-id', 'set-cookie', 'date']);

export function isCacheable(event: RequestEvent, hasSession: boolean): boolean {
	return event.request.method === 'GET' && !hasSession && event.route.id !== null && CACHEABLE_ROUTES.has(event.route.id);
}

/**
 * The path plus what "today" is and the hour, so the 今天 marker moves on with the clock. Not the host:
 * the absolute links a page carries (og:url, og:image, the print sheet) come from the configured public
 * address, so the page is the same whichever name it was asked by, and a forged Host cannot make entries.
 */
function keyOf(url: URL, variant: string): string {
	// /find drops today's sittings as they end (at 11:30, say), so its pages last a minute, not an hour.
	const clock = new Date().toISOString().slice(0, url.pathname === '/find' ? 16 : 13);
	return `${url.pathname}${url.search}|${variant}|${siteToday('Asia/Shanghai')}|${clock}`;
}

/** `variant` names what else the page depends on: WeChat's browser gets a share thumbnail others do not. */
export async function cachedPage(db: DbOrTx, url: URL, render: () => Promise<Response>, variant = ''): Promise<Response> {
	const key = keyOf(url, variant);
	const generation = await currentGeneration(db);
	const hit = entries.get(key);
	if (hit && hit.generation === generation) {
		return new Response(hit.body, { status: 200, headers: new Headers(hit.headers) });
	}
	const response = await render();
	if (response.status !== 200 || !response.headers.get('content-type')?.startsWith('text/html')) return response;
	const body = await response.text();
	const headers = [...response.headers].filter(([name]) => !PER_RESPONSE.has(name.toLowerCase()));
	entries.delete(key);
	entries.set(key, { generation, body, headers });
	if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
	return new Response(body, { status: 200, headers: response.headers });
}

export function clearPageCache(): void {
	entries.clear();
}
