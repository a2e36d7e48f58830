import { json } from '@sveltejs/kit';
import { appJsapiTicketSource, wechatShareConfig } from '$lib/server/share/wechat-share';
import type { RequestHandler } from './$types';
import { orPageError } from '$lib/server/http/domain-errors';

/** wx.config for the page at ?url=, or { config: null } when the JS-SDK card cannot be had. */
export const GET: RequestHandler = async ({ url }) => {
	const config = await orPageError(() => wechatShareConfig(appJsapiTicketSource(), url.origin, url.searchParams.get('url') ?? ''));
	// A signature carries a timestamp and a nonce: each page view gets its own.
	return json({ config }, { headers: { 'Cache-Control': 'no-store' } });
};
