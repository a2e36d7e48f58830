import { getDb } from '$lib/server/db/app-db';
import { organizationsInScope } from '$lib/server/console/org-lists';
import { requireOrganizer } from '$lib/server/http/console';
import type { LayoutServerLoad } from './$types';

/** The organizations the report form offers: here so the error page can show the form too. */
export const load: LayoutServerLoad = async () => {
	const actor = requireOrganizer();
	const organizations = await organizationsInScope(await getDb(), actor);
	return { reportOrganizations: organizations.map((o) => ({ id: o.id, name: o.name, kindLabel: o.kindLabel })) };
};
