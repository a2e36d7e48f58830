import { redirect } from '@sveltejs/kit';
import { districtToday } from '$lib/server/clock';
import { handleEditorPost, rotationEditorPage } from '$lib/server/console/rotation-editor';
import { getDb } from '$lib/server/db/app-db';
import { requireOrganizer } from '$lib/server/http/console';
import { formValues } from '$lib/server/http/forms';
import { endRotation, restoreRotation } from '$lib/server/schedule/rotation-end';
import type { Actions, PageServerLoad } from './$types';
import { orFormFailure, orPageError } from '$lib/server/http/domain-errors';

export const load: PageServerLoad = async ({ url, params }) => {
	const actor = requireOrganizer();
	const page = await orPageError(() => rotationEditorPage(actor, params.id));
	return { ...page, saved: url.searchParams.has('saved'), restored: url.searchParams.has('restored') };
};

export const actions: Actions = {
	preview: (event) => handleEditorPost(event, event.params.id, 'preview'),
	save: (event) => handleEditorPost(event, event.params.id, 'save'),
	end: async ({ params }) => {
		const actor = requireOrganizer();
		const db = await getDb();
		const result = await orFormFailure({}, () => endRotation(db, actor, params.id, { today: districtToday() }), { action: 'end' });
		if (!result.ok) return result.failure;
		redirect(303, `/console/rotations/${params.id}?saved=1`);
	},
	/** 恢复安排: takes the end named by the form back (from the card or the end's line in the trail). */
	restore: async ({ params, request }) => {
		const actor = requireOrganizer();
		const db = await getDb();
		const values = formValues(await request.formData());
		const result = await orFormFailure(values, () => restoreRotation(db, actor, params.id, { endEntryId: values.endEntryId ?? '' }, { today: districtToday() }), { action: 'restore' });
		if (!result.ok) return result.failure;
		redirect(303, `/console/rotations/${params.id}?restored=1`);
	}
};
