import { getDb } from '$lib/server/db/app-db';
import { exportPersonData } from '$lib/server/events/people';
import { requireOrganizer } from '$lib/server/http/console';
import { attachment } from '$lib/server/http/download';
import type { RequestHandler } from './$types';
import { orPageError } from '$lib/server/http/domain-errors';

export const GET: RequestHandler = async ({ params }) => {
	const actor = requireOrganizer();
	const db = await getDb();
	const file = await orPageError(() => exportPersonData(db, actor, { eventId: params.id, registrationId: params.registrationId }));
	return attachment(file.body, file.filename, 'application/json; charset=utf-8');
};
