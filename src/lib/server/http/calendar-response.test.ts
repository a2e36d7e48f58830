import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { calendarResponse } from './calendar-response';

const body = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:新桥社区卫生服务中心\r\nEND:VCALENDAR\r\n';
const feed = { body, gzipped: gzipSync(body), etag: '"abc123"', lastModified: new Date('2026-11-20T08:00:00.250Z') };
const get = (headers: Record<string, string> = {}) => new Request('http://127.0.0.1/feeds/x.ics', { headers });

describe('serving a calendar', () => {
	it('sends text/calendar with its validators, and gzip to clients that take it', async () => {
		const plain = calendarResponse(get(), feed, { filename: 'x.ics' });
		expect(plain.status).toBe(200);
		expect(plain.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
		expect(plain.headers.get('etag')).toBe('"abc123"');
		expect(plain.headers.get('last-modified')).toBe('Fri, 20 Nov 2026 08:00:00 GMT');
		expect(plain.headers.get('vary')).toBe('Accept-Encoding');
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(await plain.text()).toBe(body);

		const zipped = calendarResponse(get({ 'accept-encoding': 'br, gzip;q=0.8' }), feed, { filename: 'x.ics' });
		expect(zipped.headers.get('content-encoding')).toBe('gzip');
		expect(zipped.headers.get('etag')).toBe('"abc123-gz"');
		expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString('utf8')).toBe(body);

		expect(calendarResponse(get({ 'accept-encoding': 'gzip;q=0' }), feed, { filename: 'x.ics' }).headers.get('content-encoding')).toBeNull();
	});

	it('answers 304 with no body when the client already has this version', async () => {
		for (const validator of [{ 'if-none-match': '"abc123"' }, { 'if-none-match': 'W/"abc123-gz", "zzz"' }, { 'if-modified-since': 'Fri, 20 Nov 2026 08:00:00 GMT' }] as Record<string, string>[]) {
			const response = calendarResponse(get(validator), feed, { filename: 'x.ics' });
			expect(response.status, JSON.stringify(validator)).toBe(304);
			expect(await response.text()).toBe('');
			expect(response.headers.get('etag')).toBe('"abc123"');
		}
	});

	it('sends the whole feed when the client has an older one', () => {
		expect(calendarResponse(get({ 'if-none-match': '"older"' }), feed, { filename: 'x.ics' }).status).toBe(200);
		expect(calendarResponse(get({ 'if-modified-since': 'Fri, 20 Nov 2026 07:59:59 GMT' }), feed, { filename: 'x.ics' }).status).toBe(200);
		// If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2).
		expect(calendarResponse(get({ 'if-none-match': '"older"', 'if-modified-since': 'Fri, 20 Nov 2026 09:00:00 GMT' }), feed, { filename: 'x.ics' }).status).toBe(200);
	});

	it('keeps private feeds out of shared caches and offers single items as a download', () => {
		expect(calendarResponse(get(), feed, { filename: 'x.ics', private: true }).headers.get('cache-control')).toMatch(/^private/);
		expect(calendarResponse(get(), feed, { filename: 'x.ics' }).headers.get('cache-control')).toMatch(/^public/);
		expect(calendarResponse(get(), feed, { filename: 'x.ics', download: true }).headers.get('content-disposition')).toBe('attachment; filename="x.ics"');
	});
});

describe('inside WeChat', () => {
	it('explains how to open the system browser instead of sending a file WeChat would swallow', async () => {
		const ua = 'Mozilla/5.0 (Linux; Android 12; V2055A) AppleWebKit/537.36 Chrome/107.0 Mobile Safari/537.36 MicroMessenger/8.0.47.2560(0x28002F3B) WeChat/arm64';
		const response = calendarResponse(get({ 'user-agent': ua }), feed, { filename: 'x.ics', download: true });
		expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
		expect(await response.text()).toContain('在浏览器打开');
	});
});
