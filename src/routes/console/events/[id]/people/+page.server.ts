import { authorize } from '$lib/server/auth/scope';
import { getDb } from '$lib/server/db/app-db';
import { findEvent } from '$lib/server/events/events';
import { listRegistrants } from '$lib/server/events/people';
import { orPageError, requireOrganizer } from '$lib/server/http/console';
import { formatSittingWhen } from '$lib/format/dates';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireOrganizer(locals, url);
	const db = await getDb();
	await orPageError(() => authorize(db, actor, 'event:people', 'event', params.id));
	const event = await orPageError(() => findEvent(db, params.id));
	const q = (url.searchParams.get('q') ?? '').slice(0, 20);
	return {
		event: { id: event.id, title: event.title, when: formatSittingWhen(event.date, event.startTime, event.endTime) },
		q,
		erased: url.searchParams.has('erased'),
		registrants: await listRegistrants(db, params.id, q)
	};
};
