import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { getDb } from '$lib/server/db/app-db';
import { resolveShortLink } from '$lib/server/share/short-links';
import type { RequestHandler } from './$types';

/** A center's short link (posters, print, SMS): 308 to its week page, which may be renamed at will. */
export const GET: RequestHandler = async ({ params, url }) => {
	const target = await resolveShortLink(await getDb(), 'center', params.id, url.searchParams);
	if (!target) error(404, m.errors.notFound);
	redirect(308, target);
};
