import { redirect } from '@sveltejs/kit';
import { eventsListTarget } from '$lib/server/share/short-links';
import type { RequestHandler } from './$types';

/** The events list's short link, with its type and site filters: 308 to /events. */
export const GET: RequestHandler = ({ url }) => redirect(308, eventsListTarget(url.searchParams));
