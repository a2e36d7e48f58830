import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chooseCoding, type ContentCoding, encodeBody, encodedResponse, etagFor, matchesAnyCoding, varyWithAcceptEncoding } from './compress';

const html = `<!doctype html><html lang="zh-CN"><body>${'<li>新桥社区卫生服务中心 · 12月8日 周二 上午 · 李康宁 主任医师（心内科）</li>'.repeat(60)}</body></html>`;
const encoded = encodeBody(html);
const page = new Headers({ 'content-type': 'text/html', 'x-sveltekit-page': 'true' });
const get = (headers: Record<string, string> = {}, method = 'GET') => new Request('http://localhost/centers/abc', { method, headers });

async function decoded(response: Response): Promise<string> {
	const bytes = Buffer.from(await response.arrayBuffer());
	const coding = response.headers.get('content-encoding');
	if (coding === 'br') return brotliDecompressSync(bytes).toString('utf8');
	if (coding === 'gzip') return gunzipSync(bytes).toString('utf8');
	expect(coding).toBeNull();
	return bytes.toString('utf8');
}

describe('choosing a content coding', () => {
	it('takes br over gzip, gzip when that is all, and identity otherwise', () => {
		expect(chooseCoding('gzip, deflate, br, zstd')).toBe('br');
		expect(chooseCoding('gzip, deflate')).toBe('gzip');
		expect(chooseCoding('deflate')).toBe('identity');
		expect(chooseCoding(null)).toBe('identity');
		expect(chooseCoding('')).toBe('identity');
		expect(chooseCoding('*')).toBe('br');
	});

	it('respects q-values, q=0 above all', () => {
		expect(chooseCoding('br;q=0, gzip')).toBe('gzip');
		expect(chooseCoding('BR;Q=0, GZIP;Q=0.5')).toBe('gzip');
		expect(chooseCoding('gzip;q=0, br;q=0')).toBe('identity');
		expect(chooseCoding('*;q=0')).toBe('identity');
		expect(chooseCoding('*, br;q=0')).toBe('gzip');
		expect(chooseCoding('gzip;q=1, br;q=0.5')).toBe('gzip');
		expect(chooseCoding('br;q=0.5, gzip;q=0.5')).toBe('br');
		expect(chooseCoding('identity, gzip;q=0.5')).toBe('identity');
		expect(chooseCoding('br;q=nonsense, gzip')).toBe('gzip');
	});
});

describe('validators and Vary', () => {
	it('gives each coding its own ETag and recognises any of them, weak or strong', () => {
		const codings = ['identity', 'gzip', 'br'] as const;
		const tags = codings.map((coding) => etagFor(encoded.etag, coding));
		expect(new Set(tags).size).toBe(3);
		for (const tag of tags) {
			expect(tag).toMatch(/^"[^"]+"$/);
			expect(matchesAnyCoding(tag, encoded.etag)).toBe(true);
			expect(matchesAnyCoding(`"other", W/${tag}`, encoded.etag)).toBe(true);
		}
		expect(matchesAnyCoding('*', encoded.etag)).toBe(true);
		expect(matchesAnyCoding('"other"', encoded.etag)).toBe(false);
		expect(matchesAnyCoding(null, encoded.etag)).toBe(false);
		expect(encodeBody(`${html} `).etag).not.toBe(encoded.etag);
	});

	it('adds Accept-Encoding to what Vary already names, once', () => {
		expect(varyWithAcceptEncoding(null)).toBe('Accept-Encoding');
		expect(varyWithAcceptEncoding('User-Agent')).toBe('User-Agent, Accept-Encoding');
		expect(varyWithAcceptEncoding('accept-encoding, User-Agent')).toBe('accept-encoding, User-Agent');
		expect(varyWithAcceptEncoding('*')).toBe('*');
	});
});

describe('answering from the kept copies', () => {
	it('sends the chosen copy with its length, and every copy decodes to the same page', async () => {
		const cases: [string | undefined, Exclude<ContentCoding, 'identity'> | null][] = [
			['gzip, deflate, br', 'br'],
			['gzip', 'gzip'],
			[undefined, null],
			['br;q=0, gzip;q=0', null]
		];
		for (const [accept, coding] of cases) {
			const response = encodedResponse(get(accept === undefined ? {} : { 'accept-encoding': accept }), encoded, page);
			expect(response.status, String(accept)).toBe(200);
			expect(response.headers.get('content-encoding'), String(accept)).toBe(coding);
			expect(response.headers.get('vary')).toBe('Accept-Encoding');
			expect(response.headers.get('content-type')).toBe('text/html');
			expect(response.headers.get('etag')).toBe(etagFor(encoded.etag, coding ?? 'identity'));
			const length = Number(response.headers.get('content-length'));
			expect(await decoded(response.clone())).toBe(html);
			expect((await response.arrayBuffer()).byteLength).toBe(length);
		}
		expect(encoded.br.length).toBeLessThan(encoded.gzip.length);
		expect(encoded.gzip.length).toBeLessThan(encoded.identity.length / 4);
	});

	it('makes the gzip copy only when a client first asks for it, and keeps that one', () => {
		const fresh = encodeBody(html);
		expect(fresh.copies).toEqual(['br', 'identity']);
		encodedResponse(get({ 'accept-encoding': 'gzip, deflate, br' }), fresh, page);
		encodedResponse(get(), fresh, page);
		expect(fresh.copies).toEqual(['br', 'identity']);
		const first = encodedResponse(get({ 'accept-encoding': 'gzip' }), fresh, page);
		expect(fresh.copies).toEqual(['br', 'gzip', 'identity']);
		expect(first.headers.get('content-length')).toBe(String(fresh.gzip.length));
		expect(fresh.gzip).toBe(fresh.gzip);
	});

	it('keeps only the compressed copies, and sends the plain page decoded from br', async () => {
		const kept = encodeBody(html).kept();
		expect(kept.copies).toEqual(['br']);
		expect(await decoded(encodedResponse(get(), kept, page))).toBe(html);
		expect(await decoded(encodedResponse(get({ 'accept-encoding': 'gzip' }), kept, page))).toBe(html);
		expect(kept.copies).toEqual(['br', 'gzip']);
		const zipped = encodeBody(html);
		void zipped.gzip;
		expect(zipped.kept().copies).toEqual(['br', 'gzip']);
	});

	it('answers 304 with no body to a client that has the page in any coding', async () => {
		for (const coding of ['identity', 'gzip', 'br'] as const) {
			for (const accept of ['br, gzip', 'gzip', '']) {
				const response = encodedResponse(get({ 'if-none-match': etagFor(encoded.etag, coding), 'accept-encoding': accept }), encoded, page);
				expect(response.status, `${coding} / ${accept}`).toBe(304);
				expect(response.body).toBeNull();
				expect(response.headers.get('vary')).toBe('Accept-Encoding');
				expect(response.headers.get('etag')).toBe(etagFor(encoded.etag, chooseCoding(accept)));
				expect(response.headers.get('content-encoding')).toBeNull();
				expect(response.headers.get('content-length')).toBeNull();
			}
		}
		expect(encodedResponse(get({ 'if-none-match': '"an-older-page"' }), encoded, page).status).toBe(200);
	});

	it('answers HEAD with the headers and length of the copy a GET would get, and no body', async () => {
		const response = encodedResponse(get({ 'accept-encoding': 'gzip, br' }, 'HEAD'), encoded, page);
		expect(response.status).toBe(200);
		expect(response.body).toBeNull();
		expect(response.headers.get('content-encoding')).toBe('br');
		expect(response.headers.get('content-length')).toBe(String(encoded.br.length));
	});

	it('keeps the page’s own Vary and drops a stale length or ETag the page came with', () => {
		const own = new Headers({ 'content-type': 'text/html', vary: 'User-Agent', etag: '"kit"', 'content-length': '1' });
		const response = encodedResponse(get({ 'accept-encoding': 'gzip' }), encoded, own);
		expect(response.headers.get('vary')).toBe('User-Agent, Accept-Encoding');
		expect(response.headers.get('etag')).toBe(etagFor(encoded.etag, 'gzip'));
		expect(response.headers.get('content-length')).toBe(String(encoded.gzip.length));
	});
});
