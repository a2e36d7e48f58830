import { siteToday } from '$lib/server/clock';
import { compliancePage } from '$lib/server/coverage/compliance-page';
import { getDb } from '$lib/server/db/app-db';
import { orPageError, requireOrganizer } from '$lib/server/http/console';
import { DEFAULT_TIME_ZONE } from '$lib/server/schedule/public-schedule';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireOrganizer(locals, url);
	const db = await getDb();
	// The query is read, and access to the organization checked, in the domain: a period that is not one
	// becomes a 400 page with the reason.
	return orPageError(() => compliancePage(db, actor, url.searchParams, siteToday(DEFAULT_TIME_ZONE)));
};
