import { getDb } from '$lib/server/db/app-db';
import { requireActor } from '$lib/server/http/console';
import { systemStatusFor } from '$lib/server/ops/system-status';
import type { PageServerLoad } from './$types';
import { orPageError } from '$lib/server/http/domain-errors';

export const load: PageServerLoad = async () => {
	const actor = requireActor();
	return { status: await orPageError(async () => systemStatusFor(await getDb(), actor, { now: new Date() })) };
};
