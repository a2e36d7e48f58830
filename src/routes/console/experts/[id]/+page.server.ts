import { redirect } from '@sveltejs/kit';
import { expertFormOptions } from '$lib/server/console/expert-form';
import { getDb } from '$lib/server/db/app-db';
import { expertForEditing, setExpertActive, updateExpert } from '$lib/server/experts/manage';
import { requireOrganizer } from '$lib/server/http/console';
import { formValues } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';
import { orFormFailure, orPageError } from '$lib/server/http/domain-errors';

export const load: PageServerLoad = async ({ url, params }) => {
	const actor = requireOrganizer();
	const db = await getDb();
	const { expert, trail } = await orPageError(() => expertForEditing(db, actor, params.id));
	const options = await expertFormOptions(db, actor);
	return {
		expert: { ...expert, specialties: expert.specialties.join('、'), bio: expert.bio ?? '' },
		options,
		saved: url.searchParams.has('saved'),
		trail
	};
};

export const actions: Actions = {
	save: async ({ params, request }) => {
		const actor = requireOrganizer();
		const db = await getDb();
		const values = formValues(await request.formData());
		const result = await orFormFailure(values, () => updateExpert(db, actor, params.id, values));
		if (!result.ok) return result.failure;
		redirect(303, `/console/experts/${params.id}?saved`);
	},
	active: async ({ params, request }) => {
		const actor = requireOrganizer();
		const db = await getDb();
		const active = (await request.formData()).get('active') === 'true';
		await orPageError(() => setExpertActive(db, actor, params.id, active));
		redirect(303, `/console/experts/${params.id}?saved`);
	}
};
