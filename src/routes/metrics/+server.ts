import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/app-db';
import { metricsAccess } from '$lib/server/ops/metrics-access';
import { METRICS_CONTENT_TYPE, metricsText } from '$lib/server/ops/metrics';
import type { RequestHandler } from './$types';

/** Prometheus scrapes, with `Authorization: Bearer $METRICS_TOKEN`; 404 while METRICS_TOKEN is unset. */
export const GET: RequestHandler = async ({ request }) => {
	const access = metricsAccess(request.headers.get('authorization'), process.env.METRICS_TOKEN);
	if (access === 'off') error(404, 'Not found');
	if (access === 'denied') return new Response('401 Unauthorized\n', { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="metrics"', 'Cache-Control': 'no-store' } });
	const text = await metricsText(await getDb(), new Date());
	return new Response(text, { headers: { 'Content-Type': METRICS_CONTENT_TYPE, 'Cache-Control': 'no-store' } });
};
