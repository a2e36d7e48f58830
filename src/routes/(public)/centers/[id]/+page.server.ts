import { publicOrigin } from '$lib/server/public-url';
import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { districtToday, siteToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { dateParam } from '$lib/server/http/params';
import { centerWeek } from '$lib/server/schedule/public-schedule';
import { scopes } from '$lib/server/schedule/cache-scopes';
import { cachedView } from '$lib/server/schedule/view-cache';
import { centerShareMeta } from '$lib/server/share/share-meta';
import { shareForVisitor } from '$lib/server/share/wechat-client';
import { printSheet } from '$lib/server/share/print-sheet';
import { shortPathOf } from '$lib/server/share/short-links';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, request }) => {
	const week = dateParam(url, 'week', m.errors.badWeek);
	const db = await getDb();
	const today = districtToday();
	const view = await cachedView(db, `center|${params.id}|${week ?? ''}|${today}`, scopes.centerWeek(params.id, week, today), () =>
		centerWeek(db, params.id, week, siteToday)
	);
	if (!view) error(404, m.errors.centerNotFound);
	// A printed week other than this one points at that week; this week's sheet at whatever is current.
	const shortPath = `${shortPathOf('center', view.site.id)}${view.isThisWeek ? '' : `?week=${view.monday}`}`;
	return {
		view,
		share: shareForVisitor(centerShareMeta(view, publicOrigin()), request),
		print: await printSheet(publicOrigin(), shortPath, today)
	};
};
