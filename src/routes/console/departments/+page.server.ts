import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/app-db';
import { departmentsForEditing, saveDepartment } from '$lib/server/experts/manage';
import { requireActor } from '$lib/server/http/console';
import { formValues } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';
import { orFormFailure, orPageError } from '$lib/server/http/domain-errors';

export const load: PageServerLoad = async ({ url }) => {
	const actor = requireActor();
	const db = await getDb();
	return { departments: await orPageError(() => departmentsForEditing(db, actor)), saved: url.searchParams.has('saved') };
};

export const actions: Actions = {
	default: async ({ request }) => {
		const actor = requireActor();
		const values = formValues(await request.formData());
		const db = await getDb();
		const result = await orFormFailure(values, () => saveDepartment(db, actor, values.id || null, values));
		if (!result.ok) return result.failure;
		redirect(303, '/console/departments?saved');
	}
};
