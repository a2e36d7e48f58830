import { publicOrigin } from '$lib/server/public-url';
import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { siteToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { dateParam } from '$lib/server/http/params';
import { posterResponse } from '$lib/server/share/poster-response';
import { centerPoster } from '$lib/server/share/posters';
import type { RequestHandler } from './$types';
import { orPageError } from '$lib/server/http/domain-errors';

export const GET: RequestHandler = async ({ params, url, request }) => {
	const week = dateParam(url, 'week', m.errors.badWeek);
	const db = await getDb();
	const poster = await orPageError(() => centerPoster(db, params.id, week, { origin: publicOrigin(), today: siteToday }));
	if (!poster) error(404, m.errors.centerNotFound);
	return posterResponse(poster, request);
};
