import { redirect } from '@sveltejs/kit';
import { coverageTargetsPage } from '$lib/server/coverage/page';
import { createCoverageTarget } from '$lib/server/coverage/targets';
import { getDb } from '$lib/server/db/app-db';
import { orPageError, requireOrganizer } from '$lib/server/http/console';
import { formValues, orFormFailure } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireOrganizer(locals, url);
	const db = await getDb();
	const page = await orPageError(() => coverageTargetsPage(db, actor, url.searchParams.get('org')));
	return { ...page, done: url.searchParams.get('done') };
};

export const actions: Actions = {
	// Adds a target for the organization the form names; the domain checks the organizer may keep its targets.
	default: async ({ locals, url, request }) => {
		const actor = requireOrganizer(locals, url);
		const db = await getDb();
		const values = formValues(await request.formData());
		const organizationId = values.organizationId ?? '';
		const result = await orFormFailure(values, () => createCoverageTarget(db, actor, organizationId, values));
		if (!result.ok) return result.failure;
		redirect(303, `/console/coverage?org=${encodeURIComponent(organizationId)}&done=added`);
	}
};
