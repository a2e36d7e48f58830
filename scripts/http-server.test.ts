import { request, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECTION_PROTOCOL_HEADER, configureOriginSource, stampConnectionProtocol } from './http-server';
import { BUSY_WORDS, RETRY_AFTER_SECONDS } from './overload';
import { get, startServerScript, type ServerProcess } from './testing/server-process';

describe('where the app learns its own origin', () => {
	it('takes ORIGIN when set, and leaves the protocol header alone', () => {
		const env: NodeJS.ProcessEnv = { ORIGIN: 'https://yizhen.example.org' };
		expect(configureOriginSource(env)).toBe('origin');
		expect(env.PROTOCOL_HEADER).toBeUndefined();
	});

	it('keeps a proxy header the operator chose', () => {
		const env: NodeJS.ProcessEnv = { PROTOCOL_HEADER: 'x-forwarded-proto' };
		expect(configureOriginSource(env)).toBe('proxy-header');
		expect(env.PROTOCOL_HEADER).toBe('x-forwarded-proto');
	});

	it('with nothing set, reads the scheme from the connection through a header only this process writes', () => {
		const env: NodeJS.ProcessEnv = {};
		expect(configureOriginSource(env)).toBe('connection');
		expect(env.PROTOCOL_HEADER).toBe(CONNECTION_PROTOCOL_HEADER);
	});

	it('overwrites whatever a client sent under that header with the connection’s scheme', () => {
		const plain = { headers: { [CONNECTION_PROTOCOL_HEADER]: 'https' }, socket: {} } as unknown as IncomingMessage;
		stampConnectionProtocol(plain);
		expect(plain.headers[CONNECTION_PROTOCOL_HEADER]).toBe('http');
		const tls = { headers: {}, socket: { encrypted: true } } as unknown as IncomingMessage;
		stampConnectionProtocol(tls);
		expect(tls.headers[CONNECTION_PROTOCOL_HEADER]).toBe('https');
	});
});

describe('the built app under more requests than it takes (MAX_IN_FLIGHT=1)', () => {
	let server: ServerProcess;
	let port: number;

	beforeAll(async () => {
		server = startServerScript('scripts/serve.ts', { MAX_IN_FLIGHT: '1' });
		port = Number((await server.waitFor(/is running on 127\.0\.0\.1:(\d+)/))[1]);
	}, 60_000);
	afterAll(() => server?.cleanUp());

	it('answers a second request 503 with Retry-After while one is in flight, keeps /healthz, and finishes the first', async () => {
		// A form post whose body is only half sent: the app waits for the rest (it reads every form body
		// first), so the request stays in flight for as long as the test holds it.
		const body = 'email=nobody%40example.org&password=wrong-password';
		let answered = false;
		let heldStatus = 0;
		const held = request({
			host: '127.0.0.1',
			port,
			path: '/login',
			method: 'POST',
			agent: false,
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				'content-length': Buffer.byteLength(body),
				origin: `http://127.0.0.1:${port}`
			}
		});
		const heldAnswered = new Promise<void>((done, fail) => {
			held.on('response', (res) => {
				answered = true;
				heldStatus = res.statusCode!;
				res.resume();
				res.on('end', done);
			});
			held.on('error', fail);
		});
		held.write(body.slice(0, 10));

		await expect.poll(async () => (await get(port, '/')).status, { timeout: 10_000, interval: 50 }).toBe(503);
		const refused = await get(port, '/');
		expect(refused.status).toBe(503);
		expect(refused.headers['retry-after']).toBe(String(RETRY_AFTER_SECONDS));
		expect(refused.headers['cache-control']).toBe('no-store');
		expect(refused.headers['content-type']).toMatch(/^text\/html/);
		expect(refused.body).toContain(BUSY_WORDS.heading);
		expect((await get(port, '/healthz')).status).toBe(200);
		expect(answered).toBe(false);

		held.end(body.slice(10));
		await heldAnswered;
		expect(heldStatus).not.toBe(503);
		expect(heldStatus).toBeLessThan(500);
		expect((await get(port, '/')).status).toBe(200);
	});
});
