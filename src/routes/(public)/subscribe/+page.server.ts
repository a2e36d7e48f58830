import { publicOrigin } from '$lib/server/public-url';
import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { getDb } from '$lib/server/db/app-db';
import { subscribeOptions } from '$lib/server/feeds/subscribe';
import type { PageServerLoad } from './$types';

/** /subscribe?feed=/feeds/centers/<id>.ics — not cached: what it offers depends on the phone. */
export const load: PageServerLoad = async ({ url, request, setHeaders }) => {
	const options = await subscribeOptions(await getDb(), url.searchParams.get('feed') ?? '', publicOrigin(), request.headers.get('user-agent'));
	if (!options) error(404, m.subscribe.notFound);
	// The ways and their order follow the phone's User-Agent. A private feed's page carries its key in the
	// address: keep it out of caches and other sites' logs.
	setHeaders(options.private ? { Vary: 'User-Agent', 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'same-origin' } : { Vary: 'User-Agent' });
	return { options };
};
