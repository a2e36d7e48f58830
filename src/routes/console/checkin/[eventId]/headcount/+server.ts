import { json } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/scope';
import { headcount, recentCheckIns } from '$lib/server/checkin/checkin';
import { getDb } from '$lib/server/db/app-db';
import { orPageError, requireActor } from '$lib/server/http/console';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url, params }) => {
	const actor = requireActor(locals, url);
	const db = await getDb();
	await orPageError(() => authorize(db, actor, 'event:checkin', 'event', params.eventId));
	return json(
		{ count: await headcount(db, params.eventId), recent: await recentCheckIns(db, params.eventId) },
		{ headers: { 'Cache-Control': 'no-store' } }
	);
};
