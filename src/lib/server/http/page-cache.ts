/**
 * Rendered HTML of the residents' read-only pages, cached against the change counters of what each page
 * shows (schedule/cache-scopes.ts): the data cache already skips the queries, this skips rendering too.
 * Only for anonymous GETs (and HEADs) of pages that depend on nothing but the URL, the database and the
 * date. Each page is kept gzipped and in brotli (compress.ts), so a hit costs no compression.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { parseCalendarDate, type CalendarDate } from '../../calendar-date';
import { districtToday } from '../clock';
import type { DbOrTx } from '../db/client';
import { scopes, stampOf } from '../schedule/cache-scopes';
import { findRequestOf } from '../schedule/find-window';
import { expiryFrom, HOUR_MS } from '../schedule/view-cache';
import { encodeBody, encodedResponse, type EncodedBody } from './compress';

/**
 * Each cached route and what its page shows. The event page's places left are live: every
 * registration bumps its event's counter, so a cached copy never shows a place that has gone.
 */
const SCOPES_OF_ROUTE: Record<string, (params: Partial<Record<string, string>>, url: URL, today: CalendarDate) => string[] | null> = {
	'/(public)/centers/[id]': (params, url, today) => {
		const week = url.searchParams.get('week');
		const monday = week ? parseCalendarDate(week) : null;
		// A malformed week is the page's 400 to give, not an entry to keep.
		return week && !monday ? null : scopes.centerWeek(params.id!, monday, today);
	},
	'/(public)/experts/[id]': (params) => scopes.expert(params.id!),
	'/(public)/find': (_params, url, today) => {
		const asked = findRequestOf(url, today);
		return asked && scopes.find(asked.departmentId, asked.from, asked.to);
	},
	'/(public)/events/[id]': (params) => scopes.event(params.id!)
};

/**
 * A district has 600 centers × 4 weeks, 2,000 experts and the find page's choices: about 5,000 pages
 * per variant (长辈版, WeChat). An entry is about 10 KB (gzip + br), so this is 100 MB at most.
 */
const MAX_ENTRIES = 20_000;
const MAX_BYTES = 100 * 1024 * 1024;

interface Entry {
	stamp: string;
	expires: number;
	encoded: EncodedBody;
	headers: [string, string][];
	bytes: number;
}

const entries = new Map<string, Entry>();
let bytes = 0;

/**
 * A page that changes by itself sooner than an hour says when, in ms (the find page: when the next of
 * today's sittings ends). For this cache only: it is never sent.
 */
export const KEEP_FOR_HEADER = 'x-yizhen-keep-for-ms';

/** Headers that belong to one response, not to the page. */
const PER_RESPONSE = new Set(['x-request-id', 'set-cookie', 'date', KEEP_FOR_HEADER]);

/**
 * What a cacheable request's page depends on, or null when it is not cacheable. HEAD too: it is
 * answered from the same entry, without the body. Never `__data.json`, which is not HTML.
 */
export function cacheScopesOf(
	event: { request: Request; url: URL; isDataRequest: boolean; route: { id: string | null }; params: Partial<Record<string, string>> },
	hasSession: boolean
): string[] | null {
	const method = event.request.method;
	if ((method !== 'GET' && method !== 'HEAD') || hasSession || event.isDataRequest || event.route.id === null) return null;
	return SCOPES_OF_ROUTE[event.route.id]?.(event.params, event.url, districtToday()) ?? null;
}

/**
 * The path plus what "today" is. Not the host: the absolute links a page carries (og:url, og:image, the
 * print sheet) come from the configured public address, so the page is the same whichever name it was
 * asked by, and a forged Host cannot make entries.
 */
function keyOf(url: URL, variant: string): string {
	return `${url.pathname}${url.search}|${variant}|${districtToday()}`;
}

/**
 * How long a page may be kept when nothing is written: an hour, so the 今天 marker of a site in another
 * time zone moves on, or less when the page says so (KEEP_FOR_HEADER). Each entry's end is drawn at
 * random in its last quarter, so pages cached together are not all rendered again in the same second.
 */
function lifetimeOf(response: Response): number {
	const said = Number(response.headers.get(KEEP_FOR_HEADER) ?? NaN);
	return Number.isFinite(said) ? Math.max(0, Math.min(said, HOUR_MS)) : HOUR_MS;
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
 * The page for this request, from the cache when nothing it shows has changed, compressed as the
 * browser allows: each copy is made once (br when the page is stored, gzip when first asked for), so a
 * hit costs no CPU but the send.
 * `variant` names what else the page depends on: WeChat's browser gets a share thumbnail others do not.
 */
export async function cachedPage(
	db: DbOrTx,
	event: Pick<RequestEvent, 'request' | 'url'>,
	scopeNames: readonly string[],
	render: () => Promise<Response>,
	variant = ''
): Promise<Response> {
	const key = keyOf(event.url, variant);
	const stamp = await stampOf(db, scopeNames);
	const now = Date.now();
	const hit = entries.get(key);
	if (hit && hit.stamp === stamp && hit.expires > now) {
		// Re-insert so the Map's order is least-recently-used first.
		entries.delete(key);
		entries.set(key, hit);
		return encodedResponse(event.request, hit.encoded, new Headers(hit.headers));
	}
	const response = await render();
	const lifetime = lifetimeOf(response);
	response.headers.delete(KEEP_FOR_HEADER);
	// Browsers and any proxy in front may keep the page but must ask again before using it (the answer is
	// a 304 when it has not changed): a kept copy must never show a clinic after it was cancelled.
	if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'no-cache');
	if (response.status !== 200 || !response.headers.get('content-type')?.startsWith('text/html')) return response;
	const encoded = encodeBody(await response.text());
	const headers = [...response.headers].filter(([name]) => !PER_RESPONSE.has(name.toLowerCase()));
	// Only a GET's render is kept: should a page ever answer HEAD without its body, no resident is
	// sent an empty page.
	if (event.request.method === 'GET') {
		const kept = encoded.kept();
		// Counted with room for a gzip copy made later (about the br copy's size again): the bound holds either way.
		remember(key, { stamp, expires: expiryFrom(now, lifetime), encoded: kept, headers, bytes: 2 * kept.br.length + 512 });
	}
	// This visitor's response keeps its own per-response headers (a cookie set while rendering, say).
	return encodedResponse(event.request, encoded, response.headers);
}

export function clearPageCache(): void {
	entries.clear();
	bytes = 0;
}
