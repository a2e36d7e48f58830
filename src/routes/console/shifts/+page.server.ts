import { redirect } from '@sveltejs/kit';
import { addDays } from '$lib/calendar-date';
import { getDb } from '$lib/server/db/app-db';
import { requireActor } from '$lib/server/http/console';
import { formValues } from '$lib/server/http/forms';
import { wallClockNow } from '$lib/server/volunteers/event-phase';
import { openRolesForVolunteer, shiftsOfVolunteer, unfilledRoles } from '$lib/server/volunteers/rosters';
import { signUp, withdraw } from '$lib/server/volunteers/shifts';
import type { Actions, PageServerLoad } from './$types';
import { orFormFailure } from '$lib/server/http/domain-errors';

/** How far ahead an organizer's overview of unfilled roles looks. */
const OVERVIEW_DAYS = 28;

export const load: PageServerLoad = async ({ url }) => {
	const actor = requireActor();
	const db = await getDb();
	const clock = wallClockNow();
	const organizes = actor.isAdmin || actor.organizerOf.length > 0;
	return {
		shifts: await shiftsOfVolunteer(db, actor, clock),
		open: await openRolesForVolunteer(db, actor, clock),
		isVolunteer: actor.volunteerOf.length > 0,
		unfilled: organizes ? await unfilledRoles(db, actor, { from: clock.date, to: addDays(clock.date, OVERVIEW_DAYS) }, clock) : null,
		done: url.searchParams.get('done')
	};
};

export const actions: Actions = {
	signup: async ({ request }) => {
		const actor = requireActor();
		const values: Record<string, string> = { ...formValues(await request.formData()), action: 'signup' };
		const db = await getDb();
		const result = await orFormFailure(values, () => signUp(db, actor, values.roleId ?? '', wallClockNow()));
		if (!result.ok) return result.failure;
		redirect(303, `/console/shifts?done=${encodeURIComponent(result.value.summary)}`);
	},
	withdraw: async ({ request }) => {
		const actor = requireActor();
		const values: Record<string, string> = { ...formValues(await request.formData()), action: 'withdraw' };
		const db = await getDb();
		const result = await orFormFailure(values, () => withdraw(db, actor, values.shiftId ?? '', wallClockNow()));
		if (!result.ok) return result.failure;
		redirect(303, `/console/shifts?done=${encodeURIComponent(result.value.summary)}`);
	}
};
