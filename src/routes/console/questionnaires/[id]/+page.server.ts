import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/app-db';
import { auditActor, orPageError, requireOrganizer } from '$lib/server/http/console';
import { formValues, orFormFailure } from '$lib/server/http/forms';
import { archiveQuestionnaire, deleteQuestionnaire, restoreQuestionnaire } from '$lib/server/surveys/archive';
import { questionnaireDetail, startDraft } from '$lib/server/surveys/editor';
import { QUESTIONNAIRE_KIND_LABELS } from '$lib/server/surveys/kinds';
import { formatDateTime } from '$lib/format/dates';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireOrganizer(locals, url);
	const detail = await orPageError(async () => questionnaireDetail(await getDb(), actor, params.id));
	return {
		...detail,
		kindLabel: QUESTIONNAIRE_KIND_LABELS[detail.kind],
		archivedAt: detail.archivedAt ? formatDateTime(detail.archivedAt) : null,
		versions: detail.versions.map((v) => ({ ...v, publishedAt: v.publishedAt ? formatDateTime(v.publishedAt) : null }))
	};
};

export const actions: Actions = {
	draft: async ({ locals, url, params }) => {
		const actor = requireOrganizer(locals, url);
		const db = await getDb();
		const result = await orFormFailure({}, () => startDraft(db, actor, auditActor(locals), params.id));
		if (!result.ok) return result.failure;
		redirect(303, `/console/questionnaires/${params.id}/versions/${result.value.versionId}`);
	},
	archive: async ({ locals, url, params }) => {
		const actor = requireOrganizer(locals, url);
		const db = await getDb();
		const result = await orFormFailure({}, () => archiveQuestionnaire(db, actor, auditActor(locals), params.id));
		return result.ok ? { done: 'archived' as const } : result.failure;
	},
	restore: async ({ locals, url, params }) => {
		const actor = requireOrganizer(locals, url);
		const db = await getDb();
		const result = await orFormFailure({}, () => restoreQuestionnaire(db, actor, auditActor(locals), params.id));
		return result.ok ? { done: 'restored' as const } : result.failure;
	},
	delete: async ({ locals, url, params, request }) => {
		const actor = requireOrganizer(locals, url);
		const values = formValues(await request.formData());
		const db = await getDb();
		const result = await orFormFailure(values, () => deleteQuestionnaire(db, actor, auditActor(locals), params.id, { confirm: values.confirm === 'on' }));
		if (!result.ok) return result.failure;
		redirect(303, '/console/questionnaires?deleted=1');
	}
};
