import { getDb } from '$lib/server/db/app-db';
import { exportEventRegistrants } from '$lib/server/events/people';
import { orPageError, requireOrganizer } from '$lib/server/http/console';
import { attachment } from '$lib/server/http/download';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url, params }) => {
	const actor = requireOrganizer(locals, url);
	const db = await getDb();
	const file = await orPageError(() => exportEventRegistrants(db, actor, params.id));
	return attachment(file.body, file.filename, 'text/csv; charset=utf-8');
};
