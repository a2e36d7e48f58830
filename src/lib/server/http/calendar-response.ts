/**
 * How a calendar goes over HTTP: text/calendar, an ETag and Last-Modified, 304 for a client that
 * already has it, gzip for those that accept it. Calendar clients poll every hour or so for months,
 * so the unchanged case must be nearly free.
 */
import { publicOrigin } from '../public-url';
import { m } from '../../i18n';
import type { PublishedFeed } from '../feeds/publish';
import { inWeChat } from '../feeds/platform';

export interface CalendarResponseOptions {
	/** ASCII file name, e.g. `yizhen-center.ics`. */
	filename: string;
	/** A single item to import (attachment) rather than a feed to subscribe to (inline). */
	download?: boolean;
	/** Private feeds must not sit in shared caches. */
	private?: boolean;
}

const GZIP_SUFFIX = '-gz"';

/** The ETag of the gzip copy differs, as RFC 9110 wants for a different content coding. */
function gzipEtag(etag: string): string {
	return etag.slice(0, -1) + GZIP_SUFFIX;
}

function matchesEtag(header: string, etag: string): boolean {
	if (header.trim() === '*') return true;
	return header.split(',').some((candidate) => {
		const tag = candidate.trim().replace(/^W\//, '');
		return tag === etag || tag === gzipEtag(etag);
	});
}

function acceptsGzip(header: string | null): boolean {
	if (!header) return false;
	return header.split(',').some((part) => {
		const [coding, ...params] = part.trim().toLowerCase().split(';');
		if (coding !== 'gzip' && coding !== '*') return false;
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		return !q || Number(q.slice(2)) > 0;
	});
}

function notModified(request: Request, feed: PublishedFeed): boolean {
	const ifNoneMatch = request.headers.get('if-none-match');
	if (ifNoneMatch !== null) return matchesEtag(ifNoneMatch, feed.etag);
	const ifModifiedSince = request.headers.get('if-modified-since');
	if (ifModifiedSince === null) return false;
	const since = Date.parse(ifModifiedSince);
	// HTTP dates have whole seconds.
	return !Number.isNaN(since) && Math.floor(feed.lastModified.getTime() / 1000) * 1000 <= since;
}

/**
 * WeChat's browser neither downloads an .ics file nor hands it to the calendar: a tap on the link
 * would do nothing. Say how to get out of WeChat instead.
 */
function wechatHint(): Response {
	const t = m.subscribe;
	const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t.wechatTitle}</title></head><body style="font:18px/1.6 system-ui,sans-serif;padding:1rem;max-width:36rem;margin:auto"><h1 style="font-size:1.4rem">${t.wechatTitle}</h1><p>${t.wechatSteps}</p></body></html>`;
	return new Response(html, { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}

export function calendarResponse(request: Request, feed: PublishedFeed, options: CalendarResponseOptions): Response {
	if (inWeChat(request)) return wechatHint();
	const gzip = acceptsGzip(request.headers.get('accept-encoding'));
	const headers = new Headers({
		'Content-Type': 'text/calendar; charset=utf-8',
		ETag: gzip ? gzipEtag(feed.etag) : feed.etag,
		'Last-Modified': feed.lastModified.toUTCString(),
		'Cache-Control': `${options.private ? 'private' : 'public'}, max-age=300`,
		Vary: 'Accept-Encoding',
		'Content-Disposition': `${options.download ? 'attachment' : 'inline'}; filename="${options.filename}"`
	});
	if (notModified(request, feed)) return new Response(null, { status: 304, headers });
	if (gzip) {
		headers.set('Content-Encoding', 'gzip');
		return new Response(new Uint8Array(feed.gzipped), { status: 200, headers });
	}
	return new Response(feed.body, { status: 200, headers });
}

/** What every feed route passes on: the public origin for links (never the request's), and today. */
export function feedRequest(today: string): { origin: string; today: string } {
	return { origin: publicOrigin(), today };
}
