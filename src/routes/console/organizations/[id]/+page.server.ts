import { redirect } from '@sveltejs/kit';
import { districtToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { requireOrganizer } from '$lib/server/http/console';
import { formValues } from '$lib/server/http/forms';
import { organizationForEditing, setSwapDayChoice, updateOrganization } from '$lib/server/organizations/manage';
import type { Actions, PageServerLoad } from './$types';
import { orFormFailure, orPageError } from '$lib/server/http/domain-errors';

export const load: PageServerLoad = async ({ url, params }) => {
	const actor = requireOrganizer();
	const db = await getDb();
	const { org, swapDays, trail } = await orPageError(() => organizationForEditing(db, actor, params.id, districtToday()));
	return {
		org: { id: org.id, name: org.name, shortName: org.shortName ?? '', swapDayFollowsWeekday: org.swapDayFollowsWeekday === null ? '' : String(org.swapDayFollowsWeekday) },
		swapDays,
		saved: url.searchParams.has('saved'),
		trail
	};
};

async function formOf(event: Parameters<Actions[string]>[0]) {
	const actor = requireOrganizer();
	return { actor, db: await getDb(), values: formValues(await event.request.formData()) };
}

export const actions: Actions = {
	save: async (event) => {
		const { actor, db, values } = await formOf(event);
		const result = await orFormFailure(values, () => updateOrganization(db, actor, event.params.id, values));
		if (!result.ok) return result.failure;
		redirect(303, `/console/organizations/${event.params.id}?saved`);
	},
	swap: async (event) => {
		const { actor, db, values } = await formOf(event);
		const result = await orFormFailure(values, () => setSwapDayChoice(db, actor, event.params.id, values.date ?? '', values.weekday ?? ''));
		if (!result.ok) return result.failure;
		redirect(303, `/console/organizations/${event.params.id}?saved`);
	}
};
