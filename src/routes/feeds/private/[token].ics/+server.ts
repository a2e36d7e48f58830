import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { districtToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { privateCalendar } from '$lib/server/feeds/serve';
import { calendarResponse, feedRequest } from '$lib/server/http/calendar-response';
import type { RequestHandler } from './$types';

/** An expert's or a resident's own feed. The token is never logged: the request log writes route ids. */
export const GET: RequestHandler = async ({ params, request }) => {
	const feed = await privateCalendar(await getDb(), params.token, feedRequest(districtToday()));
	if (!feed) error(404, m.feed.notFound);
	return calendarResponse(request, feed, { filename: 'yizhen-my-calendar.ics', private: true });
};
