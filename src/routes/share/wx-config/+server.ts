import { json } from '@sveltejs/kit';
import { orHttpError } from '$lib/server/http/params';
import { appJsapiTicketSource, wechatShareConfig } from '$lib/server/share/wechat-share';
import type { RequestHandler } from './$types';

/** wx.config for the page at ?url=, or { config: null } when the JS-SDK card cannot be had. */
export const GET: RequestHandler = async ({ url }) => {
	const config = await orHttpError(() => wechatShareConfig(appJsapiTicketSource(), url.origin, url.searchParams.get('url') ?? ''));
	// A signature carries a timestamp and a nonce: each page view gets its own.
	return json({ config }, { headers: { 'Cache-Control': 'no-store' } });
};
