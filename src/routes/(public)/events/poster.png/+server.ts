import { publicOrigin } from '$lib/server/public-url';
import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { siteToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { posterResponse } from '$lib/server/share/poster-response';
import { eventsListPoster } from '$lib/server/share/posters';
import type { RequestHandler } from './$types';

/** The events list's poster, filtered like the page by ?kind= and ?site=; any other value is a 404, not a new poster. */
export const GET: RequestHandler = async ({ url, request }) => {
	const kind = url.searchParams.get('kind') || null;
	if (kind !== null && kind !== 'free_clinic' && kind !== 'lecture') error(404, m.errors.notFound);
	const siteId = url.searchParams.get('site') || null;
	const poster = await eventsListPoster(await getDb(), { kind, siteId }, { origin: publicOrigin(), today: siteToday });
	if (!poster) error(404, m.errors.notFound);
	return posterResponse(poster, request);
};
