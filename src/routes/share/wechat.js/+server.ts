import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { WECHAT_SHARE_SCRIPT, WECHAT_SHARE_SCRIPT_PATH, wechatShareConfigured } from '$lib/server/share/wechat-client';
import type { RequestHandler } from './$types';

/** The JS-SDK share script (see wechat-client.ts); none without an official account. */
export const GET: RequestHandler = ({ url }) => {
	if (!wechatShareConfigured()) error(404, m.errors.notFound);
	// The address carries the script's hash: the current one is kept a year, any other briefly.
	const current = `${url.pathname}${url.search}` === WECHAT_SHARE_SCRIPT_PATH;
	return new Response(WECHAT_SHARE_SCRIPT, {
		headers: {
			'Content-Type': 'text/javascript; charset=utf-8',
			'Cache-Control': current ? 'public, max-age=31536000, immutable' : 'public, max-age=300'
		}
	});
};
