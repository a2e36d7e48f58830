import { m } from '$lib/i18n';
import { getDb } from '$lib/server/db/app-db';
import { listDepartments } from '$lib/server/experts/experts';
import { dateParam } from '$lib/server/http/params';
import { FIND_DATE_DAYS, findWindow } from '$lib/server/schedule/find-window';
import { findByDepartment, searchLifetimeMs } from '$lib/server/schedule/public-schedule';
import { scopes } from '$lib/server/schedule/cache-scopes';
import { cachedView, HOUR_MS } from '$lib/server/schedule/view-cache';
import { KEEP_FOR_HEADER } from '$lib/server/http/page-cache';
import { wallClockNow } from '$lib/server/volunteers/event-phase';
import type { PageServerLoad } from './$types';
import { orPageError } from '$lib/server/http/domain-errors';

export const load: PageServerLoad = async ({ url, setHeaders }) => {
	const db = await getDb();
	const now = wallClockNow();
	const query = {
		departmentId: url.searchParams.get('department') || null,
		when: url.searchParams.get('when'),
		date: dateParam(url, 'date', m.errors.badDate('')),
		// Links made before 本周/下周/选日期: a range, one day's full list (from = to), or a week.
		from: dateParam(url, 'from', m.errors.badDate(m.find.from)),
		to: dateParam(url, 'to', m.errors.badDate(m.find.to)),
		week: dateParam(url, 'week', m.errors.badDate(''))
	};
	const key = ['find', query.departmentId, query.when, query.date, query.from, query.to, query.week, now.date].join('|');
	const [departments, result] = await Promise.all([
		listDepartments(db),
		orPageError(() => {
			const { from, to } = findWindow(query, now.date);
			// Today's sittings leave the results as they end: the search is kept until the next one does.
			return cachedView(db, key, scopes.find(query.departmentId, from, to), () => findByDepartment(db, query, now), (search) =>
				searchLifetimeMs(search, now, HOUR_MS)
			);
		})
	]);
	setHeaders({ [KEEP_FOR_HEADER]: String(searchLifetimeMs(result, now, HOUR_MS)) });
	return { departments, result, today: now.date, dateDays: FIND_DATE_DAYS, searched: url.searchParams.has('department') };
};
