import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/app-db';
import { isDatabaseReachable } from '$lib/server/db/health';
import type { RequestHandler } from './$types';

/** For load balancers and process managers: 200 when the database answers, 503 when it does not. */
export const GET: RequestHandler = async () => {
	const ok = await getDb()
		.then((db) => isDatabaseReachable(db))
		.catch(() => false);
	return json(
		{ status: ok ? 'ok' : 'unavailable', database: ok },
		{ status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } }
	);
};
