/**
 * What every console route needs: a signed-in actor (or a redirect to sign in) and its audit name.
 * The request is read from getRequestEvent(), as the SvelteKit template's requireLogin() does, so a
 * route says `requireOrganizer()` and nothing more.
 */
import { error, redirect } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import type { AuditActor } from '../audit/audit';
import type { Actor } from '../auth/policy';
import { dm } from '../../i18n/domain';

export function requireActor(): Actor {
	const { locals, url } = getRequestEvent();
	if (!locals.actor || !locals.user) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
	return locals.actor;
}

/** Organizer pages: an admin or an organizer of some organization. */
export function requireOrganizer(): Actor {
	const actor = requireActor();
	if (!actor.isAdmin && actor.organizerOf.length === 0) error(403, dm.http.errors.organizersOnly);
	return actor;
}

export function auditActor(): AuditActor {
	const { locals } = getRequestEvent();
	return { userId: locals.user?.id ?? null, name: locals.user?.name ?? dm.audit.labels.system };
}
