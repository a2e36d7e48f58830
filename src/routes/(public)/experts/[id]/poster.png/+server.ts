import { publicOrigin } from '$lib/server/public-url';
import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { siteToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { posterResponse } from '$lib/server/share/poster-response';
import { expertPoster } from '$lib/server/share/posters';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, request }) => {
	const poster = await expertPoster(await getDb(), params.id, { origin: publicOrigin(), today: siteToday });
	if (!poster) error(404, m.errors.expertNotFound);
	return posterResponse(poster, request);
};
