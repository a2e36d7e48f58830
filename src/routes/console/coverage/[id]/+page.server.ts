import { redirect } from '@sveltejs/kit';
import { coverageTargetPage } from '$lib/server/coverage/page';
import { deleteCoverageTarget, updateCoverageTarget } from '$lib/server/coverage/targets';
import { getDb } from '$lib/server/db/app-db';
import { requireOrganizer } from '$lib/server/http/console';
import { formValues } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';
import { orFormFailure, orPageError } from '$lib/server/http/domain-errors';

export const load: PageServerLoad = async ({ url, params }) => {
	const actor = requireOrganizer();
	const db = await getDb();
	// ?confirm=delete is the page that asks before deleting: a GET, so it needs no JavaScript.
	return { ...(await orPageError(() => coverageTargetPage(db, actor, params.id))), confirmDelete: url.searchParams.get('confirm') === 'delete' };
};

const backToList = (organizationId: string, done: string) => `/console/coverage?org=${encodeURIComponent(organizationId)}&done=${done}`;

export const actions: Actions = {
	save: async ({ params, request }) => {
		const actor = requireOrganizer();
		const db = await getDb();
		const values = formValues(await request.formData());
		const result = await orFormFailure(values, () => updateCoverageTarget(db, actor, params.id, values));
		if (!result.ok) return result.failure;
		redirect(303, backToList(result.value, 'saved'));
	},
	delete: async ({ params }) => {
		const actor = requireOrganizer();
		const db = await getDb();
		const result = await orFormFailure({}, () => deleteCoverageTarget(db, actor, params.id));
		if (!result.ok) return result.failure;
		redirect(303, backToList(result.value, 'deleted'));
	}
};
