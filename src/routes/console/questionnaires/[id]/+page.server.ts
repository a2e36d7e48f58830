import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/app-db';
import { auditActor, requireOrganizer } from '$lib/server/http/console';
import { formValues } from '$lib/server/http/forms';
import { archiveQuestionnaire, deleteQuestionnaire, restoreQuestionnaire } from '$lib/server/surveys/archive';
import { startDraft } from '$lib/server/surveys/editor';
import { questionnaireDetail } from '$lib/server/surveys/questionnaire-views';
import { QUESTIONNAIRE_KIND_LABELS } from '$lib/server/surveys/kinds';
import { formatDateTime } from '$lib/format/dates';
import type { Actions, PageServerLoad } from './$types';
import { orFormFailure, orPageError } from '$lib/server/http/domain-errors';

export const load: PageServerLoad = async ({ params }) => {
	const actor = requireOrganizer();
	const detail = await orPageError(async () => questionnaireDetail(await getDb(), actor, params.id));
	return {
		...detail,
		kindLabel: QUESTIONNAIRE_KIND_LABELS[detail.kind],
		archivedAt: detail.archivedAt ? formatDateTime(detail.archivedAt) : null,
		versions: detail.versions.map((v) => ({ ...v, publishedAt: v.publishedAt ? formatDateTime(v.publishedAt) : null }))
	};
};

export const actions: Actions = {
	draft: async ({ params }) => {
		const actor = requireOrganizer();
		const db = await getDb();
		const result = await orFormFailure({}, () => startDraft(db, actor, auditActor(), params.id));
		if (!result.ok) return result.failure;
		redirect(303, `/console/questionnaires/${params.id}/versions/${result.value.versionId}`);
	},
	archive: async ({ params }) => {
		const actor = requireOrganizer();
		const db = await getDb();
		const result = await orFormFailure({}, () => archiveQuestionnaire(db, actor, auditActor(), params.id));
		return result.ok ? { done: 'archived' as const } : result.failure;
	},
	restore: async ({ params }) => {
		const actor = requireOrganizer();
		const db = await getDb();
		const result = await orFormFailure({}, () => restoreQuestionnaire(db, actor, auditActor(), params.id));
		return result.ok ? { done: 'restored' as const } : result.failure;
	},
	delete: async ({ params, request }) => {
		const actor = requireOrganizer();
		const values = formValues(await request.formData());
		const db = await getDb();
		const result = await orFormFailure(values, () => deleteQuestionnaire(db, actor, auditActor(), params.id, { confirmTitle: values.confirmTitle ?? '' }));
		if (!result.ok) return result.failure;
		redirect(303, '/console/questionnaires?deleted=1');
	}
};
