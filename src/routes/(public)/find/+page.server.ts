import { m } from '$lib/i18n';
import { getDb } from '$lib/server/db/app-db';
import { listDepartments } from '$lib/server/experts/experts';
import { dateParam, orHttpError } from '$lib/server/http/params';
import { FIND_DATE_DAYS } from '$lib/server/schedule/find-window';
import { DEFAULT_TIME_ZONE, findByDepartment } from '$lib/server/schedule/public-schedule';
import { cachedView } from '$lib/server/schedule/view-cache';
import { wallClockNow } from '$lib/server/volunteers/event-phase';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const db = await getDb();
	// The minute matters: today's sittings leave the results as they end.
	const now = wallClockNow(DEFAULT_TIME_ZONE);
	const query = {
		departmentId: url.searchParams.get('department') || null,
		when: url.searchParams.get('when'),
		date: dateParam(url, 'date', m.errors.badDate('')),
		// Links made before 本周/下周/选日期: a range, one day's full list (from = to), or a week.
		from: dateParam(url, 'from', m.errors.badDate(m.find.from)),
		to: dateParam(url, 'to', m.errors.badDate(m.find.to)),
		week: dateParam(url, 'week', m.errors.badDate(''))
	};
	const key = ['find', query.departmentId, query.when, query.date, query.from, query.to, query.week, now.date, now.time].join('|');
	const [departments, result] = await Promise.all([
		listDepartments(db),
		orHttpError(() => cachedView(db, key, () => findByDepartment(db, query, now)))
	]);
	return { departments, result, today: now.date, dateDays: FIND_DATE_DAYS, searched: url.searchParams.has('department') };
};
