import { publicOrigin } from '$lib/server/public-url';
import { districtToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { upcomingEvents } from '$lib/server/events/public-events';
import { listResidentSites } from '$lib/server/sites/sites';
import { m } from '$lib/i18n';
import { dateParam } from '$lib/server/http/params';
import { shareForVisitor } from '$lib/server/share/wechat-client';
import { eventsListShareMeta } from '$lib/server/share/share-meta';
import type { EventsListFilter } from '$lib/server/share/short-links';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, request }) => {
	const db = await getDb();
	const kindParam = url.searchParams.get('kind');
	const kind = kindParam === 'free_clinic' || kindParam === 'lecture' ? kindParam : null;
	const siteId = url.searchParams.get('site') || null;
	const today = districtToday();
	const from = dateParam(url, 'from', m.events.badDate);
	const [events, sites] = await Promise.all([upcomingEvents(db, { today, from, siteId, kind }), listResidentSites(db)]);
	// The calendar follows the same filter (type and site; the start date moves with the calendar).
	const feedParams = new URLSearchParams();
	if (kind) feedParams.set('type', kind);
	if (siteId) feedParams.set('site', siteId);
	const feedQuery = feedParams.size ? `?${feedParams}` : '';
	// Shared by type and site only, and only with a center the list offers (see eventsListShareMeta):
	// the page's own list when that is what it shows, else the one the share describes.
	const site = sites.find((s) => s.id === siteId) ?? null;
	const shareFilter: EventsListFilter = { kind, siteId: site?.id ?? null };
	const shared = !from && shareFilter.siteId === siteId ? events : await upcomingEvents(db, { today, ...shareFilter });
	const share = shareForVisitor(eventsListShareMeta(shared, shareFilter, site?.name ?? null, publicOrigin()), request);
	return { events, sites, kind, siteId, from: from ?? '', today, feedQuery, share };
};
