/**
 * Rendered HTML of the residents' read-only schedule pages, cached against the schedule generation
 * (see schedule/view-cache.ts): the data cache already skips the queries, this skips rendering too.
 * Only for anonymous GETs (and HEADs) of pages that depend on nothing but the URL, the database and the
 * date. Each page is kept gzipped and in brotli too (compress.ts), so a hit costs no compression.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { siteToday } from '../clock';
import type { DbOrTx } from '../db/client';
import { currentGeneration } from '../schedule/view-cache';
import { encodeBody, encodedResponse, type EncodedBody } from './compress';

const CACHEABLE_ROUTES = new Set(['/(public)/centers/[id]', '/(public)/experts/[id]', '/(public)/find']);
const MAX_ENTRIES = 2_000;
/** Each entry keeps the page three times (plain, gzip, br), about 35 KB in all for a center's week. */
const MAX_BYTES = 64 * 1024 * 1024;

interface Entry {
	generation: number;
	encoded: EncodedBody;
	headers: [string, string][];
	bytes: number;
}

const entries = new Map<string, Entry>();
let bytes = 0;

/** Headers that belong to one response, not to the page. */
const PER_RESPONSE = new Set(['x-request-id', 'set-cookie', 'date']);

/** HEAD too: it is answered from the same entry, without the body. Never `__data.json`, which is not HTML. */
export function isCacheable(event: RequestEvent, hasSession: boolean): boolean {
	const method = event.request.method;
	return (method === 'GET' || method === 'HEAD') && !hasSession && !event.isDataRequest && event.route.id !== null && CACHEABLE_ROUTES.has(event.route.id);
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

function remember(key: string, entry: Entry): void {
	forget(key);
	entries.set(key, entry);
	bytes += entry.bytes;
	while (entries.size > MAX_ENTRIES || bytes > MAX_BYTES) forget(entries.keys().next().value!);
}

function forget(key: string): void {
	const old = entries.get(key);
	if (!old) return;
	entries.delete(key);
	bytes -= old.bytes;
}

/**
 * The page for this request, from the cache when the schedule has not changed, compressed as the
 * browser allows: the copies are made once, when the page is stored, so a hit costs no CPU but the send.
 * `variant` names what else the page depends on: WeChat's browser gets a share thumbnail others do not.
 */
export async function cachedPage(
	db: DbOrTx,
	event: Pick<RequestEvent, 'request' | 'url'>,
	render: () => Promise<Response>,
	variant = ''
): Promise<Response> {
	const key = keyOf(event.url, variant);
	const generation = await currentGeneration(db);
	const hit = entries.get(key);
	if (hit && hit.generation === generation) {
		// Re-insert so the Map's order is least-recently-used first.
		entries.delete(key);
		entries.set(key, hit);
		return encodedResponse(event.request, hit.encoded, new Headers(hit.headers));
	}
	const response = await render();
	if (response.status !== 200 || !response.headers.get('content-type')?.startsWith('text/html')) return response;
	const encoded = encodeBody(await response.text());
	const headers = [...response.headers].filter(([name]) => !PER_RESPONSE.has(name.toLowerCase()));
	// Only a GET's render is kept: should a page ever answer HEAD without its body, no resident is
	// sent an empty page.
	if (event.request.method === 'GET') remember(key, { generation, encoded, headers, bytes: encoded.identity.length + encoded.gzip.length + encoded.br.length });
	// This visitor's response keeps its own per-response headers (a cookie set while rendering, say).
	return encodedResponse(event.request, encoded, response.headers);
}

export function clearPageCache(): void {
	entries.clear();
	bytes = 0;
}
