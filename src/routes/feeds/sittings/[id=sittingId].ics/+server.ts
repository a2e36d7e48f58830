import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { districtToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { sittingDownload } from '$lib/server/feeds/serve';
import { calendarResponse, feedRequest } from '$lib/server/http/calendar-response';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, request }) => {
	const feed = await sittingDownload(await getDb(), params.id, feedRequest(districtToday()));
	if (!feed) error(404, m.feed.notFound);
	return calendarResponse(request, feed, { filename: 'yizhen-sitting.ics', download: true });
};
