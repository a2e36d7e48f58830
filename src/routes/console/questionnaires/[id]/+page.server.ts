import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/app-db';
import { auditActor, orPageError, requireOrganizer } from '$lib/server/http/console';
import { orFormFailure } from '$lib/server/http/forms';
import { questionnaireDetail, startDraft } from '$lib/server/surveys/editor';
import { formatDateTime } from '$lib/format/dates';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireOrganizer(locals, url);
	const detail = await orPageError(async () => questionnaireDetail(await getDb(), actor, params.id));
	return { ...detail, versions: detail.versions.map((v) => ({ ...v, publishedAt: v.publishedAt ? formatDateTime(v.publishedAt) : null })) };
};

export const actions: Actions = {
	draft: async ({ locals, url, params }) => {
		const actor = requireOrganizer(locals, url);
		const db = await getDb();
		const result = await orFormFailure({}, () => startDraft(db, actor, auditActor(locals), params.id));
		if (!result.ok) return result.failure;
		redirect(303, `/console/questionnaires/${params.id}/versions/${result.value.versionId}`);
	}
};
