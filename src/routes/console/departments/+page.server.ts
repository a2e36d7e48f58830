import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/app-db';
import { departmentsForEditing, saveDepartment } from '$lib/server/experts/manage';
import { orPageError, requireActor } from '$lib/server/http/console';
import { formValues, orFormFailure } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireActor(locals, url);
	const db = await getDb();
	return { departments: await orPageError(() => departmentsForEditing(db, actor)), saved: url.searchParams.has('saved') };
};

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const actor = requireActor(locals, url);
		const values = formValues(await request.formData());
		const db = await getDb();
		const result = await orFormFailure(values, () => saveDepartment(db, actor, values.id || null, values));
		if (!result.ok) return result.failure;
		redirect(303, '/console/departments?saved');
	}
};
