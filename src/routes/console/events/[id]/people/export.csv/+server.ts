import { authorize } from '$lib/server/auth/scope';
import { getDb } from '$lib/server/db/app-db';
import { exportEventRegistrants } from '$lib/server/events/people';
import { auditActor, orPageError, requireOrganizer } from '$lib/server/http/console';
import { attachment } from '$lib/server/http/download';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url, params }) => {
	const actor = requireOrganizer(locals, url);
	const db = await getDb();
	await orPageError(() => authorize(db, actor, 'event:people', 'event', params.id));
	const file = await orPageError(() => exportEventRegistrants(db, auditActor(locals), params.id));
	return attachment(file.body, file.filename, 'text/csv; charset=utf-8');
};
