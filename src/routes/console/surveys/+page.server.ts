import { getDb } from '$lib/server/db/app-db';
import { requireOrganizer } from '$lib/server/http/console';
import { literacyOverviewFor, listSurveysFor } from '$lib/server/surveys/results';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireOrganizer(locals, url);
	const db = await getDb();
	// Both read only the surveys of the actor's own subtree (everything for an admin).
	return { surveys: await listSurveysFor(db, actor), overviews: await literacyOverviewFor(db, actor) };
};
