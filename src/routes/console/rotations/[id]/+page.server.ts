import { redirect } from '@sveltejs/kit';
import { siteToday } from '$lib/server/clock';
import { handleEditorPost, rotationEditorPage } from '$lib/server/console/rotation-editor';
import { getDb } from '$lib/server/db/app-db';
import { orPageError, requireOrganizer } from '$lib/server/http/console';
import { endRotation } from '$lib/server/schedule/rotation-plan';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireOrganizer(locals, url);
	const page = await orPageError(() => rotationEditorPage(actor, params.id));
	return { ...page, saved: url.searchParams.has('saved') };
};

export const actions: Actions = {
	preview: (event) => handleEditorPost(event, event.params.id, 'preview'),
	save: (event) => handleEditorPost(event, event.params.id, 'save'),
	end: async ({ locals, url, params }) => {
		const actor = requireOrganizer(locals, url);
		const db = await getDb();
		await orPageError(() => endRotation(db, actor, params.id, { today: siteToday('Asia/Shanghai') }));
		redirect(303, `/console/rotations/${params.id}?saved=1`);
	}
};
