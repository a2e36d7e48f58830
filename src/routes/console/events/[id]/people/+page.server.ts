import { getDb } from '$lib/server/db/app-db';
import { findEvent } from '$lib/server/events/events';
import { listRegistrants } from '$lib/server/events/people';
import { requireOrganizer } from '$lib/server/http/console';
import { formatSittingWhen } from '$lib/format/dates';
import type { PageServerLoad } from './$types';
import { orPageError } from '$lib/server/http/domain-errors';

export const load: PageServerLoad = async ({ url, params }) => {
	const actor = requireOrganizer();
	const db = await getDb();
	const q = (url.searchParams.get('q') ?? '').slice(0, 20);
	// The list checks access; the event's title and time are what its public page shows.
	const registrants = await orPageError(() => listRegistrants(db, actor, params.id, q));
	const event = await orPageError(() => findEvent(db, params.id));
	return {
		event: { id: event.id, title: event.title, when: formatSittingWhen(event.date, event.startTime, event.endTime) },
		q,
		erased: url.searchParams.has('erased'),
		registrants
	};
};
