import { getDb } from '$lib/server/db/app-db';
import { requireOrganizer } from '$lib/server/http/console';
import { questionnairesFor } from '$lib/server/surveys/editor';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireOrganizer(locals, url);
	return { questionnaires: await questionnairesFor(await getDb(), actor) };
};
