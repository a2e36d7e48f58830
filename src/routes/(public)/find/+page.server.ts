import { m } from '$lib/i18n';
import { siteToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { listDepartments } from '$lib/server/experts/experts';
import { dateParam, orHttpError } from '$lib/server/http/params';
import { DEFAULT_TIME_ZONE, findByDepartment, nextWeekRange } from '$lib/server/schedule/public-schedule';
import { cachedView } from '$lib/server/schedule/view-cache';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const db = await getDb();
	const today = siteToday(DEFAULT_TIME_ZONE);
	const query = {
		departmentId: url.searchParams.get('department') || null,
		from: dateParam(url, 'from', m.errors.badDate(m.find.from)),
		to: dateParam(url, 'to', m.errors.badDate(m.find.to))
	};
	const [departments, result] = await Promise.all([
		listDepartments(db),
		orHttpError(() =>
			cachedView(db, `find|${query.departmentId}|${query.from}|${query.to}|${today}`, () => findByDepartment(db, query, today))
		)
	]);
	const nextWeek = nextWeekRange(today);
	return { departments, result, searched: url.searchParams.has('department'), nextWeek };
};
