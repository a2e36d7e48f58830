import { json } from '@sveltejs/kit';
import { doorActivity } from '$lib/server/checkin/door-views';
import { getDb } from '$lib/server/db/app-db';
import { requireActor } from '$lib/server/http/console';
import type { RequestHandler } from './$types';
import { orPageError } from '$lib/server/http/domain-errors';

export const GET: RequestHandler = async ({ params }) => {
	const actor = requireActor();
	const db = await getDb();
	return json(await orPageError(() => doorActivity(db, actor, params.eventId)), { headers: { 'Cache-Control': 'no-store' } });
};
