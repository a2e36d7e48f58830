import { getDb } from '$lib/server/db/app-db';
import { orPageError, requireActor } from '$lib/server/http/console';
import { systemStatusFor } from '$lib/server/ops/system-status';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireActor(locals, url);
	return { status: await orPageError(async () => systemStatusFor(await getDb(), actor, { now: new Date() })) };
};
