/**
 * The browser half of the WeChat JS-SDK share card. Inside WeChat, with an official account
 * configured, a page with share meta loads one script from this site: Tencent's jweixin (from the
 * weixin-js-sdk package, shipped with us, so no CDN at run time and nothing more in the CSP) followed
 * by a few lines that fetch /share/wx-config for the page and hand WeChat the page's own og: card.
 * Anywhere else, or unconfigured, the page loads nothing and WeChat falls back to the og: tags and the
 * hidden thumbnail.
 */
import { createHash } from 'node:crypto';
// The SDK as published: a CommonJS module that only exports `wx` (it does not set window.wx).
import sdkSource from 'weixin-js-sdk/index.js?raw';
import type { ShareMeta } from '../../share-meta';
import { inWeChat } from '../feeds/platform';
import { wechatSettingsFromEnv } from './wechat-ticket';

/** The share APIs the card needs; wx.config asks for nothing else. */
export const WECHAT_SHARE_APIS = ['updateAppMessageShareData', 'updateTimelineShareData'] as const;

interface WxSdk {
	config(options: Record<string, unknown>): void;
	ready(callback: () => void): void;
	updateAppMessageShareData(card: { title: string; desc: string; link: string; imgUrl: string }): void;
	updateTimelineShareData(card: { title: string; link: string; imgUrl: string }): void;
}

/**
 * Runs in WeChat's browser, serialised into the script with its source text: it must use nothing
 * from outside itself. The card comes from the page's og: tags, so what WeChat shows and what the page
 * says can never differ. Any failure leaves the og: fallback in place, silently.
 */
function bootWechatShare(wx: WxSdk, win: Window, apis: readonly string[]): void {
	const doc = win.document;
	const og = (property: string): string => {
		const tag = doc.querySelector('meta[property="og:' + property + '"]');
		return (tag && tag.getAttribute('content')) || '';
	};
	// WeChat signs the address without its #fragment.
	const page = win.location.href.split('#')[0] || '';
	win.fetch('/share/wx-config?url=' + encodeURIComponent(page), { credentials: 'same-origin' })
		.then((response) => (response.ok ? response.json() : null))
		.then((body: { config: { appId: string; timestamp: number; nonceStr: string; signature: string } | null } | null) => {
			const config = body && body.config;
			if (!config) return;
			wx.config({ debug: false, appId: config.appId, timestamp: config.timestamp, nonceStr: config.nonceStr, signature: config.signature, jsApiList: apis.slice() });
			wx.ready(() => {
				const card = { title: og('title'), desc: og('description'), link: og('url'), imgUrl: og('image') };
				wx.updateAppMessageShareData(card);
				wx.updateTimelineShareData({ title: card.title, link: card.link, imgUrl: card.imgUrl });
			});
		})
		.catch(() => undefined);
}

/** The boot function's text, as it goes into the script: what the tests run. */
export const WECHAT_BOOT_SOURCE = bootWechatShare.toString();

/** The whole script: the SDK in its own scope (it expects `module`), then the boot call. */
export const WECHAT_SHARE_SCRIPT = [
	'(function () {',
	'var module = { exports: {} };',
	'(function (module) {',
	sdkSource,
	'})(module);',
	`(${WECHAT_BOOT_SOURCE})(module.exports, window, ${JSON.stringify(WECHAT_SHARE_APIS)});`,
	'})();'
].join('\n');

/** Content-addressed, so it can be cached for a year and a new SDK or boot code is a new address. */
export const WECHAT_SHARE_SCRIPT_PATH = `/share/wechat.js?v=${createHash('sha256').update(WECHAT_SHARE_SCRIPT).digest('base64url').slice(0, 12)}`;

/**
 * A page's share meta as this visitor needs it: inside WeChat the hidden thumbnail and, with an
 * official account configured, the JS-SDK script; everyone else downloads neither.
 */
export function shareForVisitor(meta: ShareMeta, request: Request, wechatConfigured: boolean = wechatShareConfigured()): ShareMeta {
	const wechat = inWeChat(request);
	return { ...meta, thumbnail: wechat, wechatScript: wechat && wechatConfigured ? WECHAT_SHARE_SCRIPT_PATH : null };
}

/** Read from the environment each time: cheap, and a test or a restart sees the current setting. */
export function wechatShareConfigured(): boolean {
	return wechatSettingsFromEnv().credentials !== null;
}
