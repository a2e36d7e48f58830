import { redirect } from '@sveltejs/kit';
import { districtToday } from '$lib/server/clock';
import { planningWeek } from '$lib/server/console/planning';
import { sitesInScope } from '$lib/server/console/scope-lists';
import { coverageShortfallsAhead } from '$lib/server/coverage/page';
import { getDb } from '$lib/server/db/app-db';
import { requireActor } from '$lib/server/http/console';
import { pendingLeaveRequests } from '$lib/server/schedule/leave';
import type { PageServerLoad } from './$types';

/** The home shows the first few shortfalls; the targets page has them all. */
const COVERAGE_LINES = 5;

export const load: PageServerLoad = async () => {
	const actor = requireActor();
	const isOrganizer = actor.isAdmin || actor.organizerOf.length > 0;
	if (!isOrganizer && actor.expertIds.length > 0) redirect(303, '/console/me');
	if (!isOrganizer) return { organizer: null };
	const db = await getDb();
	const sites = await sitesInScope(db, actor);
	const week = await planningWeek(db, sites, districtToday());
	const leave = await pendingLeaveRequests(db, actor);
	const coverage = await coverageShortfallsAhead(db, actor, { limit: COVERAGE_LINES });
	return {
		organizer: {
			siteCount: sites.length,
			rangeLabel: week.rangeLabel,
			counts: week.counts,
			conflicts: week.conflicts.slice(0, 10),
			conflictCount: week.conflicts.length,
			leave,
			coverage
		}
	};
};
