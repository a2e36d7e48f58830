import { publicOrigin } from '$lib/server/public-url';
import { getDb } from '$lib/server/db/app-db';
import { qrSvg } from '$lib/server/events/qr';
import { orPageError, requireOrganizer } from '$lib/server/http/console';
import { orFormFailure } from '$lib/server/http/forms';
import { surveyResults } from '$lib/server/surveys/results';
import { setSurveyOpen, surveyUrl } from '$lib/server/surveys/surveys';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireOrganizer(locals, url);
	const db = await getDb();
	const results = await orPageError(() => surveyResults(db, actor, params.id));
	const link = surveyUrl(publicOrigin(), results.survey.code);
	return { ...results, link, qr: await qrSvg(link) };
};

async function setOpen(locals: App.Locals, url: URL, id: string, open: boolean) {
	const actor = requireOrganizer(locals, url);
	const db = await getDb();
	return orFormFailure({}, () => setSurveyOpen(db, actor, id, open));
}

export const actions: Actions = {
	close: async ({ locals, url, params }) => {
		const result = await setOpen(locals, url, params.id, false);
		return result.ok ? { changed: 'closed' as const } : result.failure;
	},
	reopen: async ({ locals, url, params }) => {
		const result = await setOpen(locals, url, params.id, true);
		return result.ok ? { changed: 'reopened' as const } : result.failure;
	}
};
