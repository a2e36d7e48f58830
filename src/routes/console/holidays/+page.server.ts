import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/app-db';
import { orPageError, requireActor } from '$lib/server/http/console';
import { formValues, orFormFailure } from '$lib/server/http/forms';
import { enteredHolidayYears, saveHolidayYear } from '$lib/server/schedule/holiday-admin';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireActor(locals, url);
	return { years: await orPageError(async () => enteredHolidayYears(await getDb(), actor)), saved: url.searchParams.get('saved') };
};

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const actor = requireActor(locals, url);
		const values = formValues(await request.formData());
		const db = await getDb();
		const result = await orFormFailure(values, () => saveHolidayYear(db, actor, Number(values.year), values.lines ?? ''));
		if (!result.ok) return result.failure;
		redirect(303, `/console/holidays?saved=${values.year}`);
	}
};
