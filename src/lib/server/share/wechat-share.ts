/**
 * wx.config for one page of this site: the app's ticket source (configured from the environment
 * once), the page address checked to be ours, and the signature. Null whenever the JS-SDK card
 * cannot be had (unconfigured, WeChat unavailable): the page then shares with its og: tags.
 */
import { m } from '../../i18n';
import { invalid } from '../errors';
import { wxConfigFor, type WxConfig } from './wechat-signature';
import { createJsapiTicketSource, wechatSettingsFromEnv, type JsapiTicketSource } from './wechat-ticket';

/** Longer than any page of ours; a longer "address" is not a page to sign. */
const MAX_URL_LENGTH = 2048;

let appSource: JsapiTicketSource | null = null;

export function appJsapiTicketSource(): JsapiTicketSource {
	if (!appSource) {
		const settings = wechatSettingsFromEnv();
		appSource = createJsapiTicketSource(settings.credentials, { apiBase: settings.apiBase });
	}
	return appSource;
}

export async function wechatShareConfig(source: JsapiTicketSource, origin: string, pageUrl: string, now: Date = new Date()): Promise<WxConfig | null> {
	let url: URL | null = null;
	if (pageUrl.length <= MAX_URL_LENGTH) {
		try {
			url = new URL(pageUrl);
		} catch {
			url = null;
		}
	}
	// Our ticket signs our pages only: WeChat checks the domain too, but there is no reason to help.
	if (!url || url.origin !== origin) throw invalid(m.share.notOurPage, 'url');
	if (!source.appId) return null;
	const ticket = await source.jsapiTicket();
	return ticket ? wxConfigFor(source.appId, ticket, pageUrl, now) : null;
}
