import { json } from '@sveltejs/kit';
import { doorActivity } from '$lib/server/checkin/checkin';
import { getDb } from '$lib/server/db/app-db';
import { orPageError, requireActor } from '$lib/server/http/console';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url, params }) => {
	const actor = requireActor(locals, url);
	const db = await getDb();
	return json(await orPageError(() => doorActivity(db, actor, params.eventId)), { headers: { 'Cache-Control': 'no-store' } });
};
