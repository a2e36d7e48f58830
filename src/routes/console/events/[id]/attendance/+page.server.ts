import { getDb } from '$lib/server/db/app-db';
import { eventAttendanceForOrganizer } from '$lib/server/attendance/attendance';
import { orPageError, requireOrganizer } from '$lib/server/http/console';
import { wallClockNow } from '$lib/server/volunteers/event-phase';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireOrganizer(locals, url);
	const db = await getDb();
	return orPageError(() => eventAttendanceForOrganizer(db, actor, params.id, wallClockNow()));
};
