import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { siteToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { eventsCalendar, FEED_TIME_ZONE } from '$lib/server/feeds/serve';
import { calendarResponse, feedRequest } from '$lib/server/http/calendar-response';
import { orHttpError } from '$lib/server/http/params';
import type { RequestHandler } from './$types';

/** ?type=free_clinic|lecture&site=<id>&department=<id>, each optional. */
export const GET: RequestHandler = async ({ request, url }) => {
	const db = await getDb();
	const feed = await orHttpError(() => eventsCalendar(db, url.searchParams, feedRequest(siteToday(FEED_TIME_ZONE))));
	if (!feed) error(404, m.feed.notFound);
	return calendarResponse(request, feed, { filename: 'yizhen-events.ics' });
};
