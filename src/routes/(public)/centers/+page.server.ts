import { getDb } from '$lib/server/db/app-db';
import { listResidentSites } from '$lib/server/sites/sites';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({ centers: await listResidentSites(await getDb()) });
