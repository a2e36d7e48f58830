import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { siteToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { DEFAULT_TIME_ZONE, expertSchedule } from '$lib/server/schedule/public-schedule';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const view = await expertSchedule(await getDb(), params.id, siteToday(DEFAULT_TIME_ZONE));
	if (!view) error(404, m.errors.expertNotFound);
	return { view };
};
