import { siteToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { upcomingEvents } from '$lib/server/events/public-events';
import { DEFAULT_TIME_ZONE } from '$lib/server/schedule/public-schedule';
import { listResidentSites } from '$lib/server/sites/sites';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const db = await getDb();
	const kindParam = url.searchParams.get('kind');
	const kind = kindParam === 'free_clinic' || kindParam === 'lecture' ? kindParam : null;
	const siteId = url.searchParams.get('site') || null;
	const [events, sites] = await Promise.all([upcomingEvents(db, { today: siteToday(DEFAULT_TIME_ZONE), siteId, kind }), listResidentSites(db)]);
	return { events, sites, kind, siteId };
};
