import { m } from '$lib/i18n';
import { error, redirect } from '@sveltejs/kit';
import { can } from '$lib/server/auth/policy';
import { getDb } from '$lib/server/db/app-db';
import { auditActor, requireActor } from '$lib/server/http/console';
import { formValues, orFormFailure } from '$lib/server/http/forms';
import { enteredHolidayYears, saveHolidayYear } from '$lib/server/schedule/holiday-admin';
import type { Actions, PageServerLoad } from './$types';

function requireHolidayEditor(locals: App.Locals, url: URL) {
	const actor = requireActor(locals, url);
	if (!can(actor, 'holiday:edit')) error(403, m.console.holidays.adminOnly);
}

export const load: PageServerLoad = async ({ locals, url }) => {
	requireHolidayEditor(locals, url);
	return { years: await enteredHolidayYears(await getDb()), saved: url.searchParams.get('saved') };
};

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		requireHolidayEditor(locals, url);
		const values = formValues(await request.formData());
		const db = await getDb();
		const result = await orFormFailure(values, () => saveHolidayYear(db, auditActor(locals), Number(values.year), values.lines ?? ''));
		if (!result.ok) return result.failure;
		redirect(303, `/console/holidays?saved=${values.year}`);
	}
};
