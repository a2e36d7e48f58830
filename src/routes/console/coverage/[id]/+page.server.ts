import { redirect } from '@sveltejs/kit';
import { coverageTargetPage } from '$lib/server/coverage/page';
import { deleteCoverageTarget, updateCoverageTarget } from '$lib/server/coverage/targets';
import { getDb } from '$lib/server/db/app-db';
import { orPageError, requireOrganizer } from '$lib/server/http/console';
import { formValues, orFormFailure } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireOrganizer(locals, url);
	const db = await getDb();
	// ?confirm=delete is the page that asks before deleting: a GET, so it needs no JavaScript.
	return { ...(await orPageError(() => coverageTargetPage(db, actor, params.id))), confirmDelete: url.searchParams.get('confirm') === 'delete' };
};

const backToList = (organizationId: string, done: string) => `/console/coverage?org=${encodeURIComponent(organizationId)}&done=${done}`;

export const actions: Actions = {
	save: async ({ locals, url, params, request }) => {
		const actor = requireOrganizer(locals, url);
		const db = await getDb();
		const values = formValues(await request.formData());
		const result = await orFormFailure(values, () => updateCoverageTarget(db, actor, params.id, values));
		if (!result.ok) return result.failure;
		redirect(303, backToList(result.value, 'saved'));
	},
	delete: async ({ locals, url, params }) => {
		const actor = requireOrganizer(locals, url);
		const db = await getDb();
		const result = await orFormFailure({}, () => deleteCoverageTarget(db, actor, params.id));
		if (!result.ok) return result.failure;
		redirect(303, backToList(result.value, 'deleted'));
	}
};
