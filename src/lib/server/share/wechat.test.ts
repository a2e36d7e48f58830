import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsapiSignature, urlForSignature, wxConfigFor } from './wechat-signature';
import { wechatShareConfig } from './wechat-share';
import { createJsapiTicketSource, DEFAULT_WECHAT_API_BASE, wechatSettingsFromEnv, type JsapiTicketOptions } from './wechat-ticket';

describe('JS-SDK signature', () => {
	it('matches the example in the WeChat JS-SDK documentation (附录1)', () => {
		expect(
			jsapiSignature({
				jsapiTicket: 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg',
				nonceStr: 'Wm3WZYTPz0wzccnW',
				timestamp: 1414587457,
				url: 'http://mp.weixin.qq.com?params=value'
			})
		).toBe('0f9de62fce790f9a083d5c99e95740ceb90c27ed');
	});

	it('signs the address without its #fragment, as WeChat does', () => {
		expect(urlForSignature('https://yizhen.example.org/centers/abc?week=2026-11-30#day-2')).toBe('https://yizhen.example.org/centers/abc?week=2026-11-30');
		const base = { jsapiTicket: 't', nonceStr: 'n', timestamp: 1 };
		expect(jsapiSignature({ ...base, url: 'https://a.example/p?x=1#top' })).toBe(jsapiSignature({ ...base, url: 'https://a.example/p?x=1' }));
	});

	it('gives wx.config a timestamp in seconds, a fresh 16-character nonce and the matching signature', () => {
		const config = wxConfigFor('wx123', 'ticket', 'https://a.example/p', new Date(1_700_000_000_500));
		expect(config.timestamp).toBe(1_700_000_000);
		expect(config.nonceStr).toMatch(/^[A-Za-z0-9]{16}$/);
		expect(config.signature).toBe(jsapiSignature({ jsapiTicket: 'ticket', nonceStr: config.nonceStr, timestamp: config.timestamp, url: 'https://a.example/p' }));
		expect(wxConfigFor('wx123', 'ticket', 'https://a.example/p').nonceStr).not.toBe(config.nonceStr);
	});
});

describe('WeChat settings from the environment', () => {
	it('are configured only with both the AppID and the secret, and default to the real API', () => {
		expect(wechatSettingsFromEnv({})).toEqual({ credentials: null, apiBase: DEFAULT_WECHAT_API_BASE });
		expect(wechatSettingsFromEnv({ WECHAT_APPID: 'wx1' }).credentials).toBeNull();
		expect(wechatSettingsFromEnv({ WECHAT_APPID: ' ', WECHAT_SECRET: 's' }).credentials).toBeNull();
		expect(wechatSettingsFromEnv({ WECHAT_APPID: 'wx1', WECHAT_SECRET: 's', WECHAT_API_BASE: 'http://127.0.0.1:9/' })).toEqual({
			credentials: { appId: 'wx1', secret: 's' },
			apiBase: 'http://127.0.0.1:9'
		});
	});
});

/** A stand-in for api.weixin.qq.com on 127.0.0.1 that counts the calls it gets. */
interface FakeWechat {
	base: string;
	calls: { token: number; ticket: number; other: number };
	tokenBodies: Record<string, unknown>[];
	ticketTokens: string[];
	/** How to answer the next calls; tests change these. */
	answer: {
		token: () => { status?: number; body: unknown };
		ticket: (accessToken: string) => { status?: number; body: unknown };
		delayMs: number;
	};
	close(): Promise<void>;
}

async function startFakeWechat(): Promise<FakeWechat> {
	let tokens = 0;
	let tickets = 0;
	const fake: Omit<FakeWechat, 'base' | 'close'> = {
		calls: { token: 0, ticket: 0, other: 0 },
		tokenBodies: [],
		ticketTokens: [],
		answer: {
			token: () => ({ body: { access_token: `TOKEN-${++tokens}`, expires_in: 7200 } }),
			ticket: () => ({ body: { errcode: 0, errmsg: 'ok', ticket: `TICKET-${++tickets}`, expires_in: 7200 } }),
			delayMs: 0
		}
	};
	const readBody = (req: IncomingMessage) =>
		new Promise<string>((resolve) => {
			let data = '';
			req.on('data', (chunk) => (data += chunk));
			req.on('end', () => resolve(data));
		});
	const send = (res: ServerResponse, { status = 200, body }: { status?: number; body: unknown }) => {
		res.writeHead(status, { 'Content-Type': 'application/json' });
		res.end(typeof body === 'string' ? body : JSON.stringify(body));
	};
	const server: Server = createServer(async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const body = await readBody(req);
		await new Promise((r) => setTimeout(r, fake.answer.delayMs));
		if (req.method === 'POST' && url.pathname === '/cgi-bin/stable_token') {
			fake.calls.token++;
			fake.tokenBodies.push(JSON.parse(body) as Record<string, unknown>);
			return send(res, fake.answer.token());
		}
		if (req.method === 'GET' && url.pathname === '/cgi-bin/ticket/getticket' && url.searchParams.get('type') === 'jsapi') {
			fake.calls.ticket++;
			const accessToken = url.searchParams.get('access_token') ?? '';
			fake.ticketTokens.push(accessToken);
			return send(res, fake.answer.ticket(accessToken));
		}
		fake.calls.other++;
		send(res, { status: 404, body: { errcode: -1, errmsg: 'not found' } });
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		...fake,
		base: `http://127.0.0.1:${port}`,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}

const CREDENTIALS = { appId: 'wx0123456789abcdef', secret: 'the-app-secret-never-logged' };

describe('the jsapi_ticket source', () => {
	let wx: FakeWechat;
	let clock: number;
	let logged: string[];
	const options = (extra: JsapiTicketOptions = {}): JsapiTicketOptions => ({
		apiBase: wx.base,
		now: () => clock,
		log: (message) => logged.push(message),
		...extra
	});

	beforeEach(async () => {
		wx = await startFakeWechat();
		clock = Date.UTC(2026, 10, 25, 2, 0, 0);
		logged = [];
	});
	afterEach(() => wx.close());

	it('calls nobody when the account is not configured', async () => {
		const source = createJsapiTicketSource(wechatSettingsFromEnv({ WECHAT_APPID: 'wx1', WECHAT_API_BASE: wx.base }).credentials, options());
		expect(await source.jsapiTicket()).toBeNull();
		expect(await source.jsapiTicket()).toBeNull();
		expect(source.appId).toBeNull();
		expect(wx.calls).toEqual({ token: 0, ticket: 0, other: 0 });
	});

	it('gets the access token, then the ticket with it, and keeps the ticket', async () => {
		const source = createJsapiTicketSource(CREDENTIALS, options());
		expect(await source.jsapiTicket()).toBe('TICKET-1');
		expect(wx.tokenBodies).toEqual([{ grant_type: 'client_credential', appid: CREDENTIALS.appId, secret: CREDENTIALS.secret, force_refresh: false }]);
		expect(wx.ticketTokens).toEqual(['TOKEN-1']);
		clock += 60 * 60_000;
		expect(await source.jsapiTicket()).toBe('TICKET-1');
		expect(wx.calls).toEqual({ token: 1, ticket: 1, other: 0 });
	});

	it('asks once for many pages opened at the same moment', async () => {
		wx.answer.delayMs = 50;
		const source = createJsapiTicketSource(CREDENTIALS, options());
		const tickets = await Promise.all(Array.from({ length: 20 }, () => source.jsapiTicket()));
		expect(new Set(tickets)).toEqual(new Set(['TICKET-1']));
		expect(wx.calls).toEqual({ token: 1, ticket: 1, other: 0 });
	});

	it('renews the ticket and token a few minutes before they expire', async () => {
		const source = createJsapiTicketSource(CREDENTIALS, options());
		expect(await source.jsapiTicket()).toBe('TICKET-1');
		clock += 7200_000 - 6 * 60_000;
		expect(await source.jsapiTicket()).toBe('TICKET-1');
		clock += 2 * 60_000;
		expect(await source.jsapiTicket()).toBe('TICKET-2');
		expect(wx.ticketTokens).toEqual(['TOKEN-1', 'TOKEN-2']);
	});

	it('logs a WeChat error without the secret or token, answers null, and waits before asking again', async () => {
		wx.answer.token = () => ({ body: { errcode: 40125, errmsg: 'invalid appsecret' } });
		const source = createJsapiTicketSource(CREDENTIALS, options({ retryAfterFailureMs: 60_000 }));
		expect(await source.jsapiTicket()).toBeNull();
		expect(logged).toHaveLength(1);
		expect(logged[0]).toContain('40125');
		expect(logged[0]).not.toContain(CREDENTIALS.secret);
		expect(await source.jsapiTicket()).toBeNull();
		expect(wx.calls.token).toBe(1);
		clock += 61_000;
		wx.answer.token = () => ({ body: { access_token: 'TOKEN-OK', expires_in: 7200 } });
		expect(await source.jsapiTicket()).toBe('TICKET-1');
		expect(wx.calls.token).toBe(2);
	});

	it('answers null for an HTTP error, a non-JSON answer or a timeout, never throwing', async () => {
		const cases: Partial<FakeWechat['answer']>[] = [
			{ token: () => ({ status: 502, body: 'Bad Gateway' }) },
			{ token: () => ({ body: '<html>not json</html>' }) },
			{ ticket: () => ({ body: { errcode: 0, errmsg: 'ok' } }) },
			{ delayMs: 300 }
		];
		for (const answer of cases) {
			Object.assign(wx.answer, answer);
			const source = createJsapiTicketSource(CREDENTIALS, options({ timeoutMs: 100 }));
			expect(await source.jsapiTicket()).toBeNull();
		}
		expect(logged).toHaveLength(cases.length);
		expect(logged.join('\n')).not.toMatch(/TOKEN-|the-app-secret/);
	});

	it('keeps signing with a ticket that has not lapsed when its renewal fails', async () => {
		const source = createJsapiTicketSource(CREDENTIALS, options());
		expect(await source.jsapiTicket()).toBe('TICKET-1');
		clock += 7200_000 - 2 * 60_000;
		wx.answer.ticket = () => ({ status: 500, body: 'oops' });
		expect(await source.jsapiTicket()).toBe('TICKET-1');
		expect(logged).toHaveLength(1);
		clock += 3 * 60_000;
		expect(await source.jsapiTicket()).toBeNull();
	});

	it('fetches a new token once when WeChat says the token is no longer valid', async () => {
		let first = true;
		wx.answer.ticket = (accessToken) => {
			if (first) {
				first = false;
				return { body: { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' } };
			}
			return { body: { errcode: 0, errmsg: 'ok', ticket: `TICKET-FOR-${accessToken}`, expires_in: 7200 } };
		};
		const source = createJsapiTicketSource(CREDENTIALS, options());
		expect(await source.jsapiTicket()).toBe('TICKET-FOR-TOKEN-2');
		expect(wx.calls).toEqual({ token: 2, ticket: 2, other: 0 });
	});
});

describe('wx.config for a page', () => {
	let wx: FakeWechat;
	beforeEach(async () => {
		wx = await startFakeWechat();
	});
	afterEach(() => wx.close());

	it('signs our own pages with the current ticket, refuses other sites’, and calls nobody when unconfigured', async () => {
		const origin = 'https://yizhen.example.org';
		const page = `${origin}/centers/abc?week=2026-11-30#day`;
		const source = createJsapiTicketSource(CREDENTIALS, { apiBase: wx.base });
		const config = await wechatShareConfig(source, origin, page, new Date(1_764_000_000_000));
		expect(config).toMatchObject({ appId: CREDENTIALS.appId, timestamp: 1_764_000_000 });
		expect(config!.signature).toBe(jsapiSignature({ jsapiTicket: 'TICKET-1', nonceStr: config!.nonceStr, timestamp: 1_764_000_000, url: `${origin}/centers/abc?week=2026-11-30` }));

		await expect(wechatShareConfig(source, origin, 'https://elsewhere.example/page', new Date())).rejects.toMatchObject({ status: 400, field: 'url' });
		await expect(wechatShareConfig(source, origin, 'not a url', new Date())).rejects.toMatchObject({ status: 400 });
		await expect(wechatShareConfig(source, origin, `${origin}/${'x'.repeat(5000)}`, new Date())).rejects.toMatchObject({ status: 400 });

		const unconfigured = createJsapiTicketSource(null, { apiBase: wx.base });
		expect(await wechatShareConfig(unconfigured, origin, page)).toBeNull();
		expect(wx.calls).toEqual({ token: 1, ticket: 1, other: 0 });
	});
});
