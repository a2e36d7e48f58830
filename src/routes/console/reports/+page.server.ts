import { siteToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { orPageError, requireOrganizer } from '$lib/server/http/console';
import { reportPage } from '$lib/server/reports/page';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireOrganizer(locals, url);
	const db = await getDb();
	// The query is read, and access to the chosen organization checked, in the domain: a bad date or an
	// organization outside the actor's reach becomes a 400 or 403 page with the reason.
	return orPageError(() => reportPage(db, actor, url.searchParams, siteToday('Asia/Shanghai')));
};
