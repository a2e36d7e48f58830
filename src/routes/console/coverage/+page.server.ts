import { redirect } from '@sveltejs/kit';
import { coverageTargetsPage } from '$lib/server/coverage/page';
import { createCoverageTarget } from '$lib/server/coverage/targets';
import { getDb } from '$lib/server/db/app-db';
import { requireOrganizer } from '$lib/server/http/console';
import { formValues } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';
import { orFormFailure, orPageError } from '$lib/server/http/domain-errors';

export const load: PageServerLoad = async ({ url }) => {
	const actor = requireOrganizer();
	const db = await getDb();
	const page = await orPageError(() => coverageTargetsPage(db, actor, url.searchParams.get('org')));
	return { ...page, done: url.searchParams.get('done') };
};

export const actions: Actions = {
	// Adds a target for the organization the form names; the domain checks the organizer may keep its targets.
	default: async ({ request }) => {
		const actor = requireOrganizer();
		const db = await getDb();
		const values = formValues(await request.formData());
		const organizationId = values.organizationId ?? '';
		const result = await orFormFailure(values, () => createCoverageTarget(db, actor, organizationId, values));
		if (!result.ok) return result.failure;
		redirect(303, `/console/coverage?org=${encodeURIComponent(organizationId)}&done=added`);
	}
};
