import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/app-db';
import { auditActor, requireOrganizer } from '$lib/server/http/console';
import { formValues } from '$lib/server/http/forms';
import { createQuestionnaireFrom, questionnaireCreateOptions } from '$lib/server/surveys/create';
import { questionnairesFor } from '$lib/server/surveys/questionnaire-views';
import { QUESTIONNAIRE_KIND_LABELS } from '$lib/server/surveys/kinds';
import type { Actions, PageServerLoad } from './$types';
import { orFormFailure } from '$lib/server/http/domain-errors';

export const load: PageServerLoad = async () => {
	const actor = requireOrganizer();
	const db = await getDb();
	return { questionnaires: await questionnairesFor(db, actor), kindLabels: QUESTIONNAIRE_KIND_LABELS, options: await questionnaireCreateOptions(db, actor) };
};

export const actions: Actions = {
	create: async ({ request }) => {
		const actor = requireOrganizer();
		const values = formValues(await request.formData());
		const db = await getDb();
		const result = await orFormFailure(values, () =>
			createQuestionnaireFrom(db, actor, auditActor(), { title: values.title, kind: values.kind, organizationId: values.organizationId, source: values.source })
		);
		if (!result.ok) return result.failure;
		redirect(303, `/console/questionnaires/${result.value.questionnaireId}/versions/${result.value.versionId}?created=1`);
	}
};
