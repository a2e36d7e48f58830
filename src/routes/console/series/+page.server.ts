import { fail } from '@sveltejs/kit';
import { organizationsInScope } from '$lib/server/console/org-lists';
import { getDb } from '$lib/server/db/app-db';
import { orEventFormErrors } from '$lib/server/events/event-form';
import { createSeriesForOrganizer, listSeriesForOrganizer } from '$lib/server/events/series';
import { requireOrganizer } from '$lib/server/http/console';
import { formValues } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireOrganizer(locals, url);
	const db = await getDb();
	const [series, organizations] = await Promise.all([listSeriesForOrganizer(db, actor), organizationsInScope(db, actor)]);
	return { series, organizations: organizations.map((o) => ({ id: o.id, name: o.name })), created: url.searchParams.get('created') };
};

export const actions: Actions = {
	create: async ({ locals, url, request }) => {
		const actor = requireOrganizer(locals, url);
		const db = await getDb();
		const values = formValues(await request.formData());
		const startText = values.startNumber?.trim() ?? '';
		const result = await orEventFormErrors(() =>
			createSeriesForOrganizer(db, actor, {
				organizationId: values.organizationId ?? '',
				name: values.name ?? '',
				kind: values.kind as 'free_clinic' | 'lecture',
				startNumber: startText ? Number(startText) : 1
			})
		);
		if (!result.ok) return fail(result.status, { values, errors: result.errors });
		return { created: values.name ?? '' };
	}
};
