import { rotationsAtSites } from '$lib/server/console/rotation-form';
import { sitesInScope } from '$lib/server/console/scope-lists';
import { getDb } from '$lib/server/db/app-db';
import { requireOrganizer } from '$lib/server/http/console';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const actor = requireOrganizer();
	const db = await getDb();
	const sites = await sitesInScope(db, actor);
	return { rotations: await rotationsAtSites(db, sites.map((s) => s.id)) };
};
