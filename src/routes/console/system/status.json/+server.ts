import { m } from '$lib/i18n';
import { error, json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/app-db';
import { systemStatusFor } from '$lib/server/ops/system-status';
import type { RequestHandler } from './$types';
import { orPageError } from '$lib/server/http/domain-errors';

/**
 * The system page as JSON, for the admin's scripts: 200 when the database answers and its schema is
 * this version's (ready), 503 otherwise; `attention` lists what to look at either way.
 */
export const GET: RequestHandler = async ({ locals }) => {
	if (!locals.actor) error(401, m.console.system.signInFirst);
	const actor = locals.actor;
	const status = await orPageError(async () => systemStatusFor(await getDb(), actor, { now: new Date() }));
	const ready = status.database.reachable && !status.database.migrations?.pending.length && !status.database.migrations?.unknown.length;
	return json({ ready, ...status }, { status: ready ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
};
