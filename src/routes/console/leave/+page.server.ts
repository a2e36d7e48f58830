import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/app-db';
import { requireOrganizer } from '$lib/server/http/console';
import { formValues } from '$lib/server/http/forms';
import { leaveDeskOfOrganizer, requestLeave } from '$lib/server/schedule/leave';
import type { Actions, PageServerLoad } from './$types';
import { orFormFailure } from '$lib/server/http/domain-errors';

export const load: PageServerLoad = async () => {
	const actor = requireOrganizer();
	return leaveDeskOfOrganizer(await getDb(), actor);
};

export const actions: Actions = {
	// An organizer enters leave for an expert (who phoned in): it opens the cover page at once.
	default: async ({ request }) => {
		const actor = requireOrganizer();
		const db = await getDb();
		const values = formValues(await request.formData());
		const result = await orFormFailure(values, () =>
			requestLeave(db, actor, {
				expertId: values.expertId ?? '',
				startDate: values.startDate ?? '',
				endDate: values.endDate ?? '',
				reason: values.reason?.trim() || null
			})
		);
		if (!result.ok) return result.failure;
		redirect(303, `/console/leave/${result.value}`);
	}
};
