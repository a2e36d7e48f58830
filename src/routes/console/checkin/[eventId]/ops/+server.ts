/**
 * The door phone's queue, sent in one batch when it has signal: each operation applied in order,
 * idempotently, and its outcome returned. JSON only, and same-origin only: SvelteKit's CSRF check
 * covers form posts, not JSON, so the Origin header is checked here.
 */
import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/i18n';
import { applyCheckInOp, headcount, openDoor, type CheckInOutcome } from '$lib/server/checkin/checkin';
import { getDb } from '$lib/server/db/app-db';
import { isDomainError } from '$lib/server/errors';
import { orPageError, requireActor } from '$lib/server/http/console';
import type { RequestHandler } from './$types';

const Batch = z.object({ ops: z.array(z.record(z.string(), z.unknown())).min(1).max(200) });

export const POST: RequestHandler = async ({ locals, url, params, request }) => {
	if (request.headers.get('origin') !== url.origin) error(403, m.console.checkin.badOrigin);
	// Who is asking comes before what they sent: a stranger learns nothing from the body's checks.
	if (!locals.user) error(401, m.console.checkin.sessionExpired);
	const actor = requireActor(locals, url);
	const db = await getDb();
	await orPageError(() => openDoor(db, actor, params.eventId));
	if (!request.headers.get('content-type')?.startsWith('application/json')) error(415, m.console.checkin.jsonOnly);
	const parsed = Batch.safeParse(await request.json().catch(() => null));
	if (!parsed.success) error(400, m.console.checkin.badData);
	const outcomes: (CheckInOutcome | { opId: unknown; outcome: 'rejected'; message: string })[] = [];
	for (const op of parsed.data.ops) {
		try {
			outcomes.push(await applyCheckInOp(db, actor, params.eventId, op));
		} catch (e) {
			if (!isDomainError(e)) throw e;
			// A malformed operation is answered, not retried forever: it would fail the same way again.
			outcomes.push({ opId: op.id, outcome: 'rejected', message: e.message });
		}
	}
	return json({ outcomes, count: await orPageError(() => headcount(db, actor, params.eventId)) });
};
