import { organizationsInScope } from '$lib/server/console/org-lists';
import { getDb } from '$lib/server/db/app-db';
import { orFormFailure } from '$lib/server/http/domain-errors';
import { createSeriesForOrganizer, listSeriesForOrganizer } from '$lib/server/events/series';
import { requireOrganizer } from '$lib/server/http/console';
import { formValues } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const actor = requireOrganizer();
	const db = await getDb();
	const [series, organizations] = await Promise.all([listSeriesForOrganizer(db, actor), organizationsInScope(db, actor)]);
	return { series, organizations: organizations.map((o) => ({ id: o.id, name: o.name })), created: url.searchParams.get('created') };
};

export const actions: Actions = {
	create: async ({ request }) => {
		const actor = requireOrganizer();
		const db = await getDb();
		const values = formValues(await request.formData());
		const startText = values.startNumber?.trim() ?? '';
		const result = await orFormFailure(values, () =>
			createSeriesForOrganizer(db, actor, {
				organizationId: values.organizationId ?? '',
				name: values.name ?? '',
				kind: values.kind as 'free_clinic' | 'lecture',
				startNumber: startText ? Number(startText) : 1
			})
		);
		if (!result.ok) return result.failure;
		return { created: values.name ?? '' };
	}
};
