import { fail, redirect } from '@sveltejs/kit';
import { siteToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { eventFormOptions, eventFormState, eventInputFromForm, orEventFormErrors, type EventFormState } from '$lib/server/events/event-form';
import { createOrganizerEvent } from '$lib/server/events/manage';
import { requireOrganizer } from '$lib/server/http/console';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireOrganizer(locals, url);
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
	save: async ({ locals, url, request }) => {
		const actor = requireOrganizer(locals, url);
		const db = await getDb();
		const state = eventFormState(await request.formData());
		const result = await orEventFormErrors(() => createOrganizerEvent(db, actor, eventInputFromForm(state), { today: siteToday('Asia/Shanghai') }));
		if (!result.ok) return fail(result.status, { state, errors: result.errors });
		redirect(303, `/console/events/${result.value}?done=created`);
	}
};
