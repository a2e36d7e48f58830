import { getDb } from '$lib/server/db/app-db';
import { eventAttendanceForOrganizer } from '$lib/server/attendance/attendance';
import { requireOrganizer } from '$lib/server/http/console';
import { wallClockNow } from '$lib/server/volunteers/event-phase';
import type { PageServerLoad } from './$types';
import { orPageError } from '$lib/server/http/domain-errors';

export const load: PageServerLoad = async ({ params }) => {
	const actor = requireOrganizer();
	const db = await getDb();
	return orPageError(() => eventAttendanceForOrganizer(db, actor, params.id, wallClockNow()));
};
