import { redirect } from '@sveltejs/kit';
import { districtToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { requireOrganizer } from '$lib/server/http/console';
import { formValues } from '$lib/server/http/forms';
import { surveyFormOptions } from '$lib/server/surveys/manage';
import { literacyOverviewFor, listSurveysFor } from '$lib/server/surveys/results';
import { createSurvey } from '$lib/server/surveys/surveys';
import type { Actions, PageServerLoad } from './$types';
import { orFormFailure } from '$lib/server/http/domain-errors';

export const load: PageServerLoad = async () => {
	const actor = requireOrganizer();
	const db = await getDb();
	// Each reads only the actor's own subtree (everything for an admin).
	const list = await listSurveysFor(db, actor);
	return {
		surveys: list,
		overviews: await literacyOverviewFor(db, actor, list),
		options: await surveyFormOptions(db, actor, districtToday())
	};
};

export const actions: Actions = {
	create: async ({ request }) => {
		const actor = requireOrganizer();
		const values = formValues(await request.formData());
		const db = await getDb();
		const result = await orFormFailure(values, () =>
			createSurvey(db, actor, {
				title: values.title ?? '',
				versionId: values.versionId ?? '',
				kind: (values.kind ?? '') as 'standalone',
				eventId: values.eventId || null,
				siteId: values.siteId || null,
				allowMultiplePerDevice: values.allowMultiplePerDevice === 'on'
			})
		);
		if (!result.ok) return result.failure;
		redirect(303, `/console/surveys/${result.value.id}`);
	}
};
