import { authorize, loadOrgTree, organizedOrgIds } from '$lib/server/auth/scope';
import { getDb } from '$lib/server/db/app-db';
import { exportPersonData } from '$lib/server/events/people';
import { auditActor, orPageError, requireOrganizer } from '$lib/server/http/console';
import { attachment } from '$lib/server/http/download';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url, params }) => {
	const actor = requireOrganizer(locals, url);
	const db = await getDb();
	await orPageError(() => authorize(db, actor, 'event:people', 'event', params.id));
	const reach = organizedOrgIds(actor, await loadOrgTree(db));
	const file = await orPageError(() => exportPersonData(db, auditActor(locals), reach, { eventId: params.id, registrationId: params.registrationId }));
	return attachment(file.body, file.filename, 'application/json; charset=utf-8');
};
