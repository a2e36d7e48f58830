import { m } from '$lib/i18n';
import { districtToday } from '$lib/server/clock';
import { planningMonth, planningWeek } from '$lib/server/console/planning';
import { sitesInScope } from '$lib/server/console/scope-lists';
import { coverageShortfallsAhead } from '$lib/server/coverage/page';
import { getDb } from '$lib/server/db/app-db';
import { requireOrganizer } from '$lib/server/http/console';
import { dateParam } from '$lib/server/http/params';
import { pendingLeaveRequests } from '$lib/server/schedule/leave';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const actor = requireOrganizer();
	const week = dateParam(url, 'week', m.errors.badWeek) ?? districtToday();
	const db = await getDb();
	const sites = await sitesInScope(db, actor);
	return {
		plan: url.searchParams.get('view') === 'month' ? await planningMonth(db, sites, week) : await planningWeek(db, sites, week),
		leave: await pendingLeaveRequests(db, actor),
		// Always the next 4 weeks from today, whichever week the grid shows: what can still be changed.
		coverage: await coverageShortfallsAhead(db, actor, { limit: 8 })
	};
};
