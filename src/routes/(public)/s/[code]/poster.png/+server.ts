import { publicOrigin } from '$lib/server/public-url';
import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { siteToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { posterResponse } from '$lib/server/share/poster-response';
import { surveyPoster } from '$lib/server/share/posters';
import type { RequestHandler } from './$types';

/** An open survey's 扫码参加 poster; a closed or unknown survey has none. */
export const GET: RequestHandler = async ({ params, request }) => {
	const poster = await surveyPoster(await getDb(), params.code, { origin: publicOrigin(), today: siteToday });
	if (!poster) error(404, m.errors.notFound);
	return posterResponse(poster, request);
};
