/**
 * The WeChat JS-SDK signature (微信 JS-SDK 说明文档, 附录1): sha1 over the four fields sorted by name,
 * joined as a query string without any URL-encoding, the URL being the page's own address up to but
 * not including any #fragment. Pure: the ticket, nonce and time come from outside.
 */
import { createHash, randomInt } from 'node:crypto';

export interface JsapiSignatureInput {
	jsapiTicket: string;
	nonceStr: string;
	/** Seconds since 1970, as wx.config gets it. */
	timestamp: number;
	url: string;
}

/** WeChat signs the address the browser shows, fragment excluded; anything else fails "invalid signature". */
export function urlForSignature(url: string): string {
	const hash = url.indexOf('#');
	return hash === -1 ? url : url.slice(0, hash);
}

export function jsapiSignature(input: JsapiSignatureInput): string {
	const plain = `jsapi_ticket=${input.jsapiTicket}&noncestr=${input.nonceStr}&timestamp=${input.timestamp}&url=${urlForSignature(input.url)}`;
	return createHash('sha1').update(plain).digest('hex');
}

const NONCE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 16 letters and digits, like the documentation's example: nothing wx.config would need escaped. */
export function newNonceStr(length = 16): string {
	let nonce = '';
	for (let i = 0; i < length; i++) nonce += NONCE_ALPHABET[randomInt(NONCE_ALPHABET.length)];
	return nonce;
}

/** What the page hands to wx.config (besides jsApiList). */
export interface WxConfig {
	appId: string;
	timestamp: number;
	nonceStr: string;
	signature: string;
}

export function wxConfigFor(appId: string, jsapiTicket: string, pageUrl: string, now: Date = new Date()): WxConfig {
	const timestamp = Math.floor(now.getTime() / 1000);
	const nonceStr = newNonceStr();
	return { appId, timestamp, nonceStr, signature: jsapiSignature({ jsapiTicket, nonceStr, timestamp, url: pageUrl }) };
}
