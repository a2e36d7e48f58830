import { m } from '$lib/i18n';
import { error } from '@sveltejs/kit';
import { auditTrailView } from '$lib/server/audit/audit';
import { authorize } from '$lib/server/auth/scope';
import { siteToday } from '$lib/server/clock';
import { editorOptions, handleEditorPost, previewForPage } from '$lib/server/console/rotation-editor';
import { rotationToForm } from '$lib/server/console/rotation-form';
import { getDb } from '$lib/server/db/app-db';
import { auditActor, orPageError, requireOrganizer } from '$lib/server/http/console';
import { endRotation, previewRotation } from '$lib/server/schedule/rotation-plan';
import { findRotation } from '$lib/server/schedule/rotations';
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireOrganizer(locals, url);
	const db = await getDb();
	await orPageError(() => authorize(db, actor, 'rotation:view', 'rotation', params.id));
	const row = await findRotation(db, params.id);
	if (!row) error(404, m.console.rotations.notFound);
	const preview = await previewRotation(db, row, { today: siteToday('Asia/Shanghai'), rotationId: row.id });
	const trail = await auditTrailView(db, 'rotation', row.id);
	return {
		options: await editorOptions(actor),
		initial: rotationToForm(row),
		preview: previewForPage(preview),
		rotationId: row.id,
		active: row.active,
		saved: url.searchParams.has('saved'),
		trail
	};
};

export const actions: Actions = {
	preview: (event) => handleEditorPost(event, event.params.id, 'preview'),
	save: (event) => handleEditorPost(event, event.params.id, 'save'),
	end: async ({ locals, url, params }) => {
		const actor = requireOrganizer(locals, url);
		const db = await getDb();
		await orPageError(() => authorize(db, actor, 'rotation:edit', 'rotation', params.id));
		await orPageError(() => endRotation(db, auditActor(locals), params.id, { today: siteToday('Asia/Shanghai') }));
		redirect(303, `/console/rotations/${params.id}?saved=1`);
	}
};
