/**
 * Tencent's reply callback through the built app, as Tencent reaches it: no Origin, no cookie, the
 * secret in the path. The stopping itself is tested in src/lib/server/sms/reply-callback.test.ts.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerScript, type Answer, type ServerProcess } from './testing/server-process';

const SECRET = 'reply-test-0123456789';

function post(port: number, path: string, body: string, contentType: string): Promise<Answer> {
	return new Promise((done, fail) => {
		const req = request({ host: '127.0.0.1', port, path, method: 'POST', agent: false, headers: { 'content-type': contentType } }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (text += chunk));
			res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body: text }));
		});
		req.on('error', fail);
		req.end(body);
	});
}

describe('POST /sms/reply/<secret> on the built app', () => {
	let server: ServerProcess;
	let port: number;

	beforeAll(async () => {
		server = startServerScript('scripts/serve.ts', { SMS_REPLY_SECRET: SECRET, ORIGIN: undefined, WEB_PROCESSES: undefined });
		port = Number((await server.waitFor(/is running on 127\.0\.0\.1:(\d+)/, 60_000))[1]);
	}, 90_000);
	afterAll(() => server?.cleanUp());

	const reply = JSON.stringify({ extend: '', mobile: '13900009999', nationcode: '86', sign: '义诊', text: 'TD', time: 1457336869 });

	it('answers Tencent in its own words, whatever content type it posts', async () => {
		for (const type of ['application/json', 'text/plain']) {
			const answer = await post(port, `/sms/reply/${SECRET}`, reply, type);
			expect(answer.status).toBe(200);
			expect(JSON.parse(answer.body)).toEqual({ result: 0, errmsg: 'OK' });
		}
	});

	it('is a 404 at any other secret, and a 400 for a body that is not a reply', async () => {
		expect((await post(port, `/sms/reply/${SECRET}x`, reply, 'application/json')).status).toBe(404);
		expect((await post(port, '/sms/reply/', reply, 'application/json')).status).toBe(404);
		const bad = await post(port, `/sms/reply/${SECRET}`, '{"text":"TD"}', 'application/json');
		expect(bad.status).toBe(400);
		expect(JSON.parse(bad.body).result).not.toBe(0);
	});
});
