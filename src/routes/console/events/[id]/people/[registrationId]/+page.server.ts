import { redirect } from '@sveltejs/kit';
import { formatFullDay } from '$lib/format/dates';
import { siteToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { erasePerson, personOverview } from '$lib/server/events/people';
import { orPageError, requireOrganizer } from '$lib/server/http/console';
import { formValues, orFormFailure } from '$lib/server/http/forms';
import { DEFAULT_TIME_ZONE } from '$lib/server/schedule/public-schedule';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireOrganizer(locals, url);
	const db = await getDb();
	const person = await orPageError(() => personOverview(db, actor, { eventId: params.id, registrationId: params.registrationId }));
	return {
		eventId: params.id,
		registrationId: params.registrationId,
		person: { ...person, registrations: person.registrations.map((r) => ({ ...r, when: formatFullDay(r.eventDate) })) }
	};
};

export const actions: Actions = {
	erase: async ({ locals, url, params, request }) => {
		const actor = requireOrganizer(locals, url);
		const db = await getDb();
		const values = formValues(await request.formData());
		const result = await orFormFailure(values, () =>
			erasePerson(db, actor, { eventId: params.id, registrationId: params.registrationId }, { confirmed: values.confirm === 'on', today: siteToday(DEFAULT_TIME_ZONE) })
		);
		if (!result.ok) return result.failure;
		redirect(303, `/console/events/${params.id}/people?erased`);
	}
};
