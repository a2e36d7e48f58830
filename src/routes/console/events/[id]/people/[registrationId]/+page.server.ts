import { redirect } from '@sveltejs/kit';
import { formatFullDay } from '$lib/format/dates';
import { districtToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { erasePerson, personOverview } from '$lib/server/events/people';
import { requireOrganizer } from '$lib/server/http/console';
import { formValues } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';
import { orFormFailure, orPageError } from '$lib/server/http/domain-errors';

export const load: PageServerLoad = async ({ params }) => {
	const actor = requireOrganizer();
	const db = await getDb();
	const person = await orPageError(() => personOverview(db, actor, { eventId: params.id, registrationId: params.registrationId }));
	return {
		eventId: params.id,
		registrationId: params.registrationId,
		person: { ...person, registrations: person.registrations.map((r) => ({ ...r, when: formatFullDay(r.eventDate) })) }
	};
};

export const actions: Actions = {
	erase: async ({ params, request }) => {
		const actor = requireOrganizer();
		const db = await getDb();
		const values = formValues(await request.formData());
		const result = await orFormFailure(values, () =>
			erasePerson(db, actor, { eventId: params.id, registrationId: params.registrationId }, { confirmed: values.confirm === 'on', today: districtToday() })
		);
		if (!result.ok) return result.failure;
		redirect(303, `/console/events/${params.id}/people?erased`);
	}
};
