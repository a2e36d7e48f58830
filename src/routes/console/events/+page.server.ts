import { m } from '$lib/i18n';
import { districtToday } from '$lib/server/clock';
import { sitesInScope } from '$lib/server/console/scope-lists';
import { getDb } from '$lib/server/db/app-db';
import { listEventsForOrganizer } from '$lib/server/events/organizer-events';
import { requireOrganizer } from '$lib/server/http/console';
import { dateParam } from '$lib/server/http/params';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const actor = requireOrganizer();
	const db = await getDb();
	const today = districtToday();
	const kindParam = url.searchParams.get('kind');
	const kind = kindParam === 'free_clinic' || kindParam === 'lecture' ? kindParam : null;
	const siteId = url.searchParams.get('site') || null;
	const from = dateParam(url, 'from', m.console.events.badFrom);
	const [events, sites] = await Promise.all([listEventsForOrganizer(db, actor, { today, from, kind, siteId }), sitesInScope(db, actor)]);
	return {
		events,
		sites: sites.map((s) => ({ id: s.id, name: s.name })),
		filter: { kind: kind ?? '', site: siteId ?? '', from: from ?? '' },
		today
	};
};
