import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { districtToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { eventsCalendar } from '$lib/server/feeds/serve';
import { calendarResponse, feedRequest } from '$lib/server/http/calendar-response';
import type { RequestHandler } from './$types';
import { orPageError } from '$lib/server/http/domain-errors';

/** ?type=free_clinic|lecture&site=<id>&department=<id>, each optional. */
export const GET: RequestHandler = async ({ request, url }) => {
	const db = await getDb();
	const feed = await orPageError(() => eventsCalendar(db, url.searchParams, feedRequest(districtToday())));
	if (!feed) error(404, m.feed.notFound);
	return calendarResponse(request, feed, { filename: 'yizhen-events.ics' });
};
