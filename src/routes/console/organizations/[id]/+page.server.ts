import { redirect } from '@sveltejs/kit';
import { siteToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { orPageError, requireOrganizer } from '$lib/server/http/console';
import { formValues, orFormFailure } from '$lib/server/http/forms';
import { organizationForEditing, setSwapDayChoice, updateOrganization } from '$lib/server/organizations/manage';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireOrganizer(locals, url);
	const db = await getDb();
	const { org, swapDays, trail } = await orPageError(() => organizationForEditing(db, actor, params.id, siteToday('Asia/Shanghai')));
	return {
		org: { id: org.id, name: org.name, shortName: org.shortName ?? '', swapDayFollowsWeekday: org.swapDayFollowsWeekday === null ? '' : String(org.swapDayFollowsWeekday) },
		swapDays,
		saved: url.searchParams.has('saved'),
		trail
	};
};

async function formOf(event: Parameters<Actions[string]>[0]) {
	const actor = requireOrganizer(event.locals, event.url);
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
