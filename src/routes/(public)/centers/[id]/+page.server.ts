import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { siteToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { dateParam } from '$lib/server/http/params';
import { centerWeek } from '$lib/server/schedule/public-schedule';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url }) => {
	const week = dateParam(url, 'week', m.errors.badWeek);
	const view = await centerWeek(await getDb(), params.id, week, siteToday);
	if (!view) error(404, m.errors.centerNotFound);
	return { view };
};
