import { loadOrgTree, organizedOrgIds } from '$lib/server/auth/scope';
import { getDb } from '$lib/server/db/app-db';
import { requireOrganizer } from '$lib/server/http/console';
import { pendingLeaveRequests } from '$lib/server/schedule/leave';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireOrganizer(locals, url);
	const db = await getDb();
	return { leave: await pendingLeaveRequests(db, organizedOrgIds(actor, await loadOrgTree(db))) };
};
