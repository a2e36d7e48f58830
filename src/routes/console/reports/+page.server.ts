import { districtToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { requireOrganizer } from '$lib/server/http/console';
import { reportPage } from '$lib/server/reports/page';
import type { PageServerLoad } from './$types';
import { orPageError } from '$lib/server/http/domain-errors';

export const load: PageServerLoad = async ({ url }) => {
	const actor = requireOrganizer();
	const db = await getDb();
	// The query is read, and access to the chosen organization checked, in the domain: a bad date or an
	// organization outside the actor's reach becomes a 400 or 403 page with the reason.
	return orPageError(() => reportPage(db, actor, url.searchParams, districtToday()));
};
