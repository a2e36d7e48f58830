import { m } from '$lib/i18n';
import { error, redirect } from '@sveltejs/kit';
import { can } from '$lib/server/auth/policy';
import { departmentOptions } from '$lib/server/console/scope-lists';
import { getDb } from '$lib/server/db/app-db';
import { saveDepartment } from '$lib/server/experts/manage';
import { auditActor, requireActor } from '$lib/server/http/console';
import { formValues, orFormFailure } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

function requireDepartmentEditor(locals: App.Locals, url: URL) {
	if (!can(requireActor(locals, url), 'department:edit')) error(403, m.console.departments.adminOnly);
}

export const load: PageServerLoad = async ({ locals, url }) => {
	requireDepartmentEditor(locals, url);
	return { departments: await departmentOptions(await getDb()), saved: url.searchParams.has('saved') };
};

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		requireDepartmentEditor(locals, url);
		const values = formValues(await request.formData());
		const db = await getDb();
		const result = await orFormFailure(values, () => saveDepartment(db, auditActor(locals), values.id || null, values));
		if (!result.ok) return result.failure;
		redirect(303, '/console/departments?saved');
	}
};
