import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/app-db';
import { requireOrganizer } from '$lib/server/http/console';
import { formValues } from '$lib/server/http/forms';
import { wallClockNow } from '$lib/server/volunteers/event-phase';
import { eventVolunteerRoster } from '$lib/server/volunteers/rosters';
import { assign, unassign } from '$lib/server/volunteers/shifts';
import type { Actions, PageServerLoad } from './$types';
import { orFormFailure, orPageError } from '$lib/server/http/domain-errors';

export const load: PageServerLoad = async ({ url, params }) => {
	const actor = requireOrganizer();
	const db = await getDb();
	const roster = await orPageError(() => eventVolunteerRoster(db, actor, params.id, wallClockNow()));
	return { ...roster, done: url.searchParams.get('done') };
};

export const actions: Actions = {
	assign: async ({ params, request }) => {
		const actor = requireOrganizer();
		const values: Record<string, string> = { ...formValues(await request.formData()), action: 'assign' };
		const db = await getDb();
		const result = await orFormFailure(values, () => assign(db, actor, params.id, values.roleId ?? '', values.userId ?? '', wallClockNow()));
		if (!result.ok) return result.failure;
		redirect(303, `/console/events/${params.id}/volunteers?done=${encodeURIComponent(result.value.summary)}`);
	},
	unassign: async ({ params, request }) => {
		const actor = requireOrganizer();
		const values: Record<string, string> = { ...formValues(await request.formData()), action: 'unassign' };
		const db = await getDb();
		const result = await orFormFailure(values, () => unassign(db, actor, params.id, values.shiftId ?? '', wallClockNow()));
		if (!result.ok) return result.failure;
		redirect(303, `/console/events/${params.id}/volunteers?done=${encodeURIComponent(result.value.summary)}`);
	}
};
