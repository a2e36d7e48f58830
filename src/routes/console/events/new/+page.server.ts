import { redirect } from '@sveltejs/kit';
import { districtToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { eventFormOptions, eventFormState, eventInputFromForm, type EventFormState } from '$lib/server/events/event-form';
import { createOrganizerEvent } from '$lib/server/events/manage';
import { requireOrganizer } from '$lib/server/http/console';
import { orFormFailure } from '$lib/server/http/domain-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const actor = requireOrganizer();
	const initial: EventFormState = {
		values: {
			kind: url.searchParams.get('kind') === 'lecture' ? 'lecture' : 'free_clinic',
			siteId: url.searchParams.get('site') ?? '',
			seriesId: url.searchParams.get('series') ?? '',
			startTime: '08:30',
			endTime: '11:30'
		},
		lists: { services: [], departmentIds: [], expertIds: [] },
		roles: []
	};
	return { options: await eventFormOptions(await getDb(), actor), initial };
};

export const actions: Actions = {
	save: async ({ request }) => {
		const actor = requireOrganizer();
		const db = await getDb();
		const state = eventFormState(await request.formData());
		const result = await orFormFailure(state.values, () => createOrganizerEvent(db, actor, eventInputFromForm(state), { today: districtToday() }), { state });
		if (!result.ok) return result.failure;
		redirect(303, `/console/events/${result.value}?done=created`);
	}
};
