/**
 * The door phone's queue, sent in one batch when it has signal (applyCheckInBatch). JSON only, and
 * same-origin only: SvelteKit's CSRF check covers form posts, not JSON, so the Origin header is
 * checked here.
 */
import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/i18n';
import { applyCheckInBatch } from '$lib/server/checkin/checkin';
import { headcount, openDoor } from '$lib/server/checkin/door-views';
import { getDb } from '$lib/server/db/app-db';
import { requireActor } from '$lib/server/http/console';
import type { RequestHandler } from './$types';
import { orPageError } from '$lib/server/http/domain-errors';

const Batch = z.object({ ops: z.array(z.record(z.string(), z.unknown())).min(1).max(200) });

export const POST: RequestHandler = async ({ locals, url, params, request }) => {
	if (request.headers.get('origin') !== url.origin) error(403, m.console.checkin.badOrigin);
	// Who is asking comes before what they sent: a stranger learns nothing from the body's checks.
	if (!locals.user) error(401, m.console.checkin.sessionExpired);
	const actor = requireActor();
	const db = await getDb();
	await orPageError(() => openDoor(db, actor, params.eventId));
	if (!request.headers.get('content-type')?.startsWith('application/json')) error(415, m.console.checkin.jsonOnly);
	const parsed = Batch.safeParse(await request.json().catch(() => null));
	if (!parsed.success) error(400, m.console.checkin.badData);
	const outcomes = await applyCheckInBatch(db, actor, params.eventId, parsed.data.ops);
	return json({ outcomes, count: await orPageError(() => headcount(db, actor, params.eventId)) });
};
