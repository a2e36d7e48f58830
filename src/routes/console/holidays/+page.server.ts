import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/app-db';
import { requireActor } from '$lib/server/http/console';
import { formValues } from '$lib/server/http/forms';
import { enteredHolidayYears, saveHolidayYear } from '$lib/server/schedule/holiday-admin';
import type { Actions, PageServerLoad } from './$types';
import { orFormFailure, orPageError } from '$lib/server/http/domain-errors';

export const load: PageServerLoad = async ({ url }) => {
	const actor = requireActor();
	return { years: await orPageError(async () => enteredHolidayYears(await getDb(), actor)), saved: url.searchParams.get('saved') };
};

export const actions: Actions = {
	default: async ({ request }) => {
		const actor = requireActor();
		const values = formValues(await request.formData());
		const db = await getDb();
		const result = await orFormFailure(values, () => saveHolidayYear(db, actor, Number(values.year), values.lines ?? ''));
		if (!result.ok) return result.failure;
		redirect(303, `/console/holidays?saved=${values.year}`);
	}
};
