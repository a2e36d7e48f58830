import { m } from '$lib/i18n';
import { redirect } from '@sveltejs/kit';
import { formatFullDay } from '$lib/format/dates';
import { authorize, loadOrgTree, organizedOrgIds } from '$lib/server/auth/scope';
import { siteToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { erasePerson, personOverview } from '$lib/server/events/people';
import { auditActor, orPageError, requireOrganizer } from '$lib/server/http/console';
import { formFailure, formValues, orFormFailure } from '$lib/server/http/forms';
import { DEFAULT_TIME_ZONE } from '$lib/server/schedule/public-schedule';
import type { Actions, PageServerLoad } from './$types';

async function reachFor(locals: App.Locals, url: URL, eventId: string) {
	const actor = requireOrganizer(locals, url);
	const db = await getDb();
	await orPageError(() => authorize(db, actor, 'event:people', 'event', eventId));
	return { db, reach: organizedOrgIds(actor, await loadOrgTree(db)) };
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db, reach } = await reachFor(locals, url, params.id);
	const person = await orPageError(() => personOverview(db, reach, { eventId: params.id, registrationId: params.registrationId }));
	return {
		eventId: params.id,
		registrationId: params.registrationId,
		person: { ...person, registrations: person.registrations.map((r) => ({ ...r, when: formatFullDay(r.eventDate) })) }
	};
};

export const actions: Actions = {
	erase: async ({ locals, url, params, request }) => {
		const { db, reach } = await reachFor(locals, url, params.id);
		const values = formValues(await request.formData());
		if (values.confirm !== 'on') return formFailure(400, values, { confirm: m.console.person.confirmFirst });
		const result = await orFormFailure(values, () =>
			erasePerson(db, auditActor(locals), reach, { eventId: params.id, registrationId: params.registrationId }, siteToday(DEFAULT_TIME_ZONE))
		);
		if (!result.ok) return result.failure;
		redirect(303, `/console/events/${params.id}/people?erased`);
	}
};
