import { publicOrigin } from '$lib/server/public-url';
import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { districtToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { expertSchedule } from '$lib/server/schedule/public-schedule';
import { scopes } from '$lib/server/schedule/cache-scopes';
import { cachedView } from '$lib/server/schedule/view-cache';
import { expertShareMeta } from '$lib/server/share/share-meta';
import { shareForVisitor } from '$lib/server/share/wechat-client';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, request }) => {
	const db = await getDb();
	const today = districtToday();
	const view = await cachedView(db, `expert|${params.id}|${today}`, scopes.expert(params.id), () => expertSchedule(db, params.id, today));
	if (!view) error(404, m.errors.expertNotFound);
	return { view, share: shareForVisitor(expertShareMeta(view, publicOrigin()), request) };
};
