import { redirect } from '@sveltejs/kit';
import { expertFormOptions } from '$lib/server/console/expert-form';
import { getDb } from '$lib/server/db/app-db';
import { createExpert, expertsForConsole } from '$lib/server/experts/manage';
import { requireOrganizer } from '$lib/server/http/console';
import { formValues } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';
import { orFormFailure } from '$lib/server/http/domain-errors';

export const load: PageServerLoad = async () => {
	const actor = requireOrganizer();
	const db = await getDb();
	const options = await expertFormOptions(db, actor);
	return { experts: await expertsForConsole(db, actor), options };
};

export const actions: Actions = {
	default: async ({ request }) => {
		const actor = requireOrganizer();
		const db = await getDb();
		const values = formValues(await request.formData());
		const result = await orFormFailure(values, () => createExpert(db, actor, values));
		if (!result.ok) return result.failure;
		redirect(303, `/console/experts/${result.value}?saved`);
	}
};
