/**
 * The official account's jsapi_ticket, kept in memory and renewed before it runs out.
 *
 * Only when WECHAT_APPID and WECHAT_SECRET are both set does anything call out; unconfigured, every
 * answer is null at once and pages share with their title and image alone. A failure (network,
 * HTTP, or a WeChat errcode) is logged without secrets and answered with null, never thrown: a
 * resident must not see an error because WeChat was slow.
 *
 * The access token comes from stable_token rather than the older /cgi-bin/token: the hospital's
 * account is usually also used by its own systems, and each /cgi-bin/token call would cut their
 * tokens short, while stable_token hands every caller the same token without invalidating any.
 */

export const DEFAULT_WECHAT_API_BASE = 'https://api.weixin.qq.com';

export interface WechatCredentials {
	appId: string;
	secret: string;
}

export interface WechatSettings {
	credentials: WechatCredentials | null;
	apiBase: string;
}

export function wechatSettingsFromEnv(env: Record<string, string | undefined> = process.env): WechatSettings {
	const appId = env.WECHAT_APPID?.trim();
	const secret = env.WECHAT_SECRET?.trim();
	const apiBase = (env.WECHAT_API_BASE?.trim() || DEFAULT_WECHAT_API_BASE).replace(/\/+$/, '');
	return { credentials: appId && secret ? { appId, secret } : null, apiBase };
}

export interface JsapiTicketOptions {
	apiBase?: string;
	fetch?: typeof fetch;
	/** Milliseconds since 1970; tests move it on instead of waiting two hours. */
	now?: () => number;
	log?: (message: string) => void;
	/** A request slower than this counts as a failure: the page waits for it. */
	timeoutMs?: number;
	/** Renew this long before expiry, so a page never signs with a ticket about to lapse. */
	refreshMarginMs?: number;
	/** After a failure, wait this long before asking again instead of calling WeChat on every page view. */
	retryAfterFailureMs?: number;
}

export interface JsapiTicketSource {
	readonly appId: string | null;
	/** The current ticket, renewed first if it is close to expiry; null when unconfigured or unavailable. */
	jsapiTicket(): Promise<string | null>;
}

interface Held {
	value: string;
	expiresAt: number;
}

class WechatError extends Error {
	constructor(
		message: string,
		readonly tokenRejected = false
	) {
		super(message);
	}
}

/** errcodes that mean the access token itself is no good (40001 invalid, 40014 malformed, 42001 expired). */
const TOKEN_REJECTED = new Set([40001, 40014, 42001]);

export function createJsapiTicketSource(credentials: WechatCredentials | null, options: JsapiTicketOptions = {}): JsapiTicketSource {
	const apiBase = (options.apiBase ?? DEFAULT_WECHAT_API_BASE).replace(/\/+$/, '');
	const doFetch = options.fetch ?? fetch;
	const now = options.now ?? Date.now;
	const log = options.log ?? ((message: string) => console.warn(message));
	const timeoutMs = options.timeoutMs ?? 3_000;
	const margin = options.refreshMarginMs ?? 5 * 60_000;
	const retryAfter = options.retryAfterFailureMs ?? 60_000;

	let token: Held | null = null;
	let ticket: Held | null = null;
	let renewing: Promise<void> | null = null;
	let failedAt = -Infinity;

	async function call(what: string, url: string, init?: RequestInit): Promise<Record<string, unknown>> {
		let response: Response;
		try {
			response = await doFetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
		} catch (error) {
			// The URL may hold the access token: name the call, never the address.
			throw new WechatError(`${what}: ${error instanceof Error ? error.name : 'request failed'}`);
		}
		if (!response.ok) throw new WechatError(`${what}: HTTP ${response.status}`);
		let body: unknown;
		try {
			body = await response.json();
		} catch {
			throw new WechatError(`${what}: the answer is not JSON`);
		}
		if (typeof body !== 'object' || body === null) throw new WechatError(`${what}: the answer is not an object`);
		const fields = body as Record<string, unknown>;
		const errcode = typeof fields.errcode === 'number' ? fields.errcode : 0;
		if (errcode !== 0) {
			const errmsg = typeof fields.errmsg === 'string' ? fields.errmsg.slice(0, 200) : '';
			throw new WechatError(`${what}: errcode ${errcode} ${errmsg}`.trim(), TOKEN_REJECTED.has(errcode));
		}
		return fields;
	}

	function held(what: string, value: unknown, expiresIn: unknown): Held {
		if (typeof value !== 'string' || value === '') throw new WechatError(`${what}: no value in the answer`);
		const seconds = typeof expiresIn === 'number' && expiresIn > 0 ? expiresIn : 7200;
		return { value, expiresAt: now() + seconds * 1000 };
	}

	async function fetchToken(creds: WechatCredentials): Promise<Held> {
		const body = await call('stable_token', `${apiBase}/cgi-bin/stable_token`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ grant_type: 'client_credential', appid: creds.appId, secret: creds.secret, force_refresh: false })
		});
		return held('stable_token', body.access_token, body.expires_in);
	}

	async function fetchTicket(accessToken: string): Promise<Held> {
		const body = await call('getticket', `${apiBase}/cgi-bin/ticket/getticket?access_token=${encodeURIComponent(accessToken)}&type=jsapi`);
		return held('getticket', body.ticket, body.expires_in);
	}

	/** The held value if it stays good for more than `leeway` ms, else null. */
	const goodFor = (h: Held | null, leeway: number): string | null => (h !== null && h.expiresAt - now() > leeway ? h.value : null);

	async function renew(creds: WechatCredentials): Promise<void> {
		const accessToken = goodFor(token, margin) ?? (token = await fetchToken(creds)).value;
		try {
			ticket = await fetchTicket(accessToken);
		} catch (error) {
			// A token revoked early (the secret was reset, say) is fetched again once, then given up on.
			if (!(error instanceof WechatError && error.tokenRejected)) throw error;
			token = await fetchToken(creds);
			ticket = await fetchTicket(token.value);
		}
	}

	return {
		appId: credentials?.appId ?? null,
		async jsapiTicket() {
			if (!credentials) return null;
			const fresh = goodFor(ticket, margin);
			if (fresh) return fresh;
			const usable = goodFor(ticket, 0);
			if (now() - failedAt < retryAfter) return usable;
			renewing ??= renew(credentials)
				.catch((error: unknown) => {
					failedAt = now();
					log(`wechat: jsapi_ticket not renewed (${error instanceof Error ? error.message : 'unknown error'}); pages share without the JS-SDK card`);
				})
				.finally(() => {
					renewing = null;
				});
			await renewing;
			// After a failed renewal, a ticket that has not yet lapsed still signs correctly.
			return goodFor(ticket, 0) ?? usable;
		}
	};
}
