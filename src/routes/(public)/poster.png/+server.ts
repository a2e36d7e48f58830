import { publicOrigin } from '$lib/server/public-url';
import { siteToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { posterResponse } from '$lib/server/share/poster-response';
import { homePoster } from '$lib/server/share/posters';
import type { RequestHandler } from './$types';

/** The site's card: the home page's share image (see homePoster). */
export const GET: RequestHandler = async ({ request }) => posterResponse(await homePoster(await getDb(), { origin: publicOrigin(), today: siteToday }), request);
