import { districtToday } from '$lib/server/clock';
import { compliancePage } from '$lib/server/coverage/compliance-page';
import { getDb } from '$lib/server/db/app-db';
import { requireOrganizer } from '$lib/server/http/console';
import type { PageServerLoad } from './$types';
import { orPageError } from '$lib/server/http/domain-errors';

export const load: PageServerLoad = async ({ url }) => {
	const actor = requireOrganizer();
	const db = await getDb();
	// The query is read, and access to the organization checked, in the domain: a period that is not one
	// becomes a 400 page with the reason.
	return orPageError(() => compliancePage(db, actor, url.searchParams, districtToday()));
};
