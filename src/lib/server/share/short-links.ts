/**
 * Short links for posters, print and SMS: `/c/<id>` (a center's week), `/x/<id>` (an expert), `/e/<id>`
 * (an event) and `/e` (the events list). They carry the object's id, which never changes, so a link on a
 * poster pinned to a notice board keeps working after the center, expert or event is renamed.
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { events } from '../db/schema';
import { findExpertProfile } from '../experts/experts';
import { findSite } from '../sites/sites';

export type ShortLinkKind = 'center' | 'expert' | 'event';

const PREFIX: Record<ShortLinkKind, string> = { center: '/c', expert: '/x', event: '/e' };
const CANONICAL: Record<ShortLinkKind, string> = { center: '/centers', expert: '/experts', event: '/events' };

/** Ids are 12 characters of a URL-safe alphabet; anything else cannot be an object and is not looked up. */
const ID_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;

/** Only the center week's `week` survives the redirect: a printed next-week sheet opens next week. */
const KEPT_PARAMS: Record<ShortLinkKind, string[]> = { center: ['week'], expert: [], event: [] };

export function shortPathOf(kind: ShortLinkKind, id: string): string {
	return `${PREFIX[kind]}/${encodeURIComponent(id)}`;
}

/** The events list's short link keeps its filters (type, site): a poster for lectures at one center. */
export const EVENTS_LIST_SHORT_PATH = PREFIX.event;

export function eventsListTarget(search: URLSearchParams): string {
	const kept = new URLSearchParams();
	for (const name of ['kind', 'site']) {
		const value = search.get(name);
		if (value) kept.set(name, value);
	}
	return `${CANONICAL.event}${kept.size ? `?${kept}` : ''}`;
}

/** The events list as the page filters it, minus the start date: a shared list starts today. */
export interface EventsListFilter {
	kind: 'free_clinic' | 'lecture' | null;
	siteId: string | null;
}

function eventsListQuery(filter: EventsListFilter): string {
	const params = new URLSearchParams();
	if (filter.kind) params.set('kind', filter.kind);
	if (filter.siteId) params.set('site', filter.siteId);
	return params.size ? `?${params}` : '';
}

/** `/events?kind=…&site=…`: the list's own address, for og:url and canonical. */
export function eventsListPath(filter: EventsListFilter): string {
	return `${CANONICAL.event}${eventsListQuery(filter)}`;
}

/** `/e?kind=…&site=…`: the same list's short link, for QR codes. */
export function eventsListShortPath(filter: EventsListFilter): string {
	return `${PREFIX.event}${eventsListQuery(filter)}`;
}

async function exists(db: DbOrTx, kind: ShortLinkKind, id: string): Promise<boolean> {
	if (kind === 'center') return (await findSite(db, id)) !== null;
	if (kind === 'expert') return (await findExpertProfile(db, id)) !== null;
	return (await db.select({ id: events.id }).from(events).where(eq(events.id, id)).get()) !== undefined;
}

/** Where a short link leads (a path on this site), or null when there is no such public page. */
export async function resolveShortLink(db: DbOrTx, kind: ShortLinkKind, id: string, search: URLSearchParams): Promise<string | null> {
	if (!ID_SHAPE.test(id) || !(await exists(db, kind, id))) return null;
	const kept = new URLSearchParams();
	for (const name of KEPT_PARAMS[kind]) {
		const value = search.get(name);
		if (value && /^\d{4}-\d{2}-\d{2}$/.test(value)) kept.set(name, value);
	}
	return `${CANONICAL[kind]}/${encodeURIComponent(id)}${kept.size ? `?${kept}` : ''}`;
}
