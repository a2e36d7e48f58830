import { publicOrigin } from '$lib/server/public-url';
import { getDb } from '$lib/server/db/app-db';
import { qrSvg } from '$lib/server/events/qr';
import { requireOrganizer } from '$lib/server/http/console';
import { surveyResults } from '$lib/server/surveys/results';
import { setSurveyOpen, surveyUrl } from '$lib/server/surveys/surveys';
import type { Actions, PageServerLoad } from './$types';
import { orFormFailure, orPageError } from '$lib/server/http/domain-errors';

export const load: PageServerLoad = async ({ params }) => {
	const actor = requireOrganizer();
	const db = await getDb();
	const results = await orPageError(() => surveyResults(db, actor, params.id));
	const link = surveyUrl(publicOrigin(), results.survey.code);
	return { ...results, link, qr: await qrSvg(link) };
};

async function setOpen(id: string, open: boolean) {
	const actor = requireOrganizer();
	const db = await getDb();
	return orFormFailure({}, () => setSurveyOpen(db, actor, id, open));
}

export const actions: Actions = {
	close: async ({ params }) => {
		const result = await setOpen(params.id, false);
		return result.ok ? { changed: 'closed' as const } : result.failure;
	},
	reopen: async ({ params }) => {
		const result = await setOpen(params.id, true);
		return result.ok ? { changed: 'reopened' as const } : result.failure;
	}
};
