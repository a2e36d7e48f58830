import { expertFormOptions } from '$lib/server/console/expert-form';
import { getDb } from '$lib/server/db/app-db';
import { expertForEditing, setExpertActive, updateExpert } from '$lib/server/experts/manage';
import { requireOrganizer } from '$lib/server/http/console';
import { saveFormAction, setActiveAction } from '$lib/server/http/edit-page-actions';
import type { Actions, PageServerLoad } from './$types';
import { orPageError } from '$lib/server/http/domain-errors';

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
	save: saveFormAction('/console/experts', updateExpert),
	active: setActiveAction('/console/experts', setExpertActive)
};
