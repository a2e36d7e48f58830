/**
 * The residents' cached pages go over the wire compressed (br, else gzip, else plain), as the running
 * server sends them: raw bytes through node:http, which, unlike a browser, does not decode them for us.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { siteIdNamed } from './support/demo-db';

interface Raw {
	status: number;
	headers: IncomingHttpHeaders;
	body: Buffer;
}

function rawRequest(baseURL: string, path: string, headers: Record<string, string>, method = 'GET'): Promise<Raw> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(new URL(path, baseURL), { method, headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end();
	});
}

test('a center week is sent in brotli or gzip as the browser allows, the same page either way, and 304 once it is had', async ({ baseURL }) => {
	const path = `/centers/${await siteIdNamed('新桥社区卫生服务中心')}`;
	const plain = await rawRequest(baseURL!, path, {});
	expect(plain.status).toBe(200);
	expect(plain.headers['content-encoding']).toBeUndefined();
	const html = plain.body.toString('utf8');
	expect(html).toContain('新桥社区卫生服务中心');

	// Journeys in the other worker change the schedule: a page re-rendered between two requests differs,
	// so each encoding is compared with the plain page fetched just after it, tried again if it moved on.
	async function sameAsPlain(encoding: string, decode: (body: Buffer) => Buffer): Promise<Raw> {
		for (let attempt = 0; ; attempt++) {
			const encoded = await rawRequest(baseURL!, path, { 'accept-encoding': encoding });
			const now = (await rawRequest(baseURL!, path, {})).body.toString('utf8');
			const decoded = decode(encoded.body).toString('utf8');
			if (decoded === now || attempt === 2) {
				expect(decoded).toBe(now);
				return encoded;
			}
		}
	}
	const br = await sameAsPlain('gzip, deflate, br', brotliDecompressSync);
	expect(br.headers['content-encoding']).toBe('br');
	expect(br.headers.vary).toContain('Accept-Encoding');
	expect(Number(br.headers['content-length'])).toBe(br.body.length);
	const gzip = await sameAsPlain('gzip', gunzipSync);
	expect(gzip.headers['content-encoding']).toBe('gzip');
	console.log(`center week over the wire: ${plain.body.length} B plain, ${gzip.body.length} B gzip, ${br.body.length} B br`);

	// The conditional and the HEAD request, each against a GET made just before it (same retry).
	for (let attempt = 0; ; attempt++) {
		const fresh = await rawRequest(baseURL!, path, { 'accept-encoding': 'gzip, deflate, br' });
		const again = await rawRequest(baseURL!, path, { 'accept-encoding': 'gzip, deflate, br', 'if-none-match': String(fresh.headers.etag) });
		const head = await rawRequest(baseURL!, path, { 'accept-encoding': 'gzip, deflate, br' }, 'HEAD');
		if ((again.status === 304 && head.headers.etag === fresh.headers.etag) || attempt === 2) {
			expect(again.status).toBe(304);
			expect(again.body.length).toBe(0);
			expect(head.status).toBe(200);
			expect(head.body.length).toBe(0);
			expect(head.headers['content-length']).toBe(fresh.headers['content-length']);
			break;
		}
	}
});
