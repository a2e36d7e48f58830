/** What every console route needs: a signed-in actor (or a redirect to sign in) and its audit name. */
import { error, redirect } from '@sveltejs/kit';
import type { AuditActor } from '../audit/audit';
import type { Actor } from '../auth/policy';
import { isDomainError } from '../errors';

export function requireActor(locals: App.Locals, url: URL): Actor {
	if (!locals.actor || !locals.user) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
	return locals.actor;
}

/** Organizer pages: an admin or an organizer of some organization. */
export function requireOrganizer(locals: App.Locals, url: URL): Actor {
	const actor = requireActor(locals, url);
	if (!actor.isAdmin && actor.organizerOf.length === 0) error(403, '这个页面只对组织者开放。');
	return actor;
}

export function auditActor(locals: App.Locals): AuditActor {
	return { userId: locals.user?.id ?? null, name: locals.user?.name ?? '系统' };
}

/** A domain failure in a load function becomes its 4xx page with the Chinese message (and its field, if any). */
export async function orPageError<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (e) {
		if (isDomainError(e)) error(e.status, e.field ? { message: e.message, field: e.field } : { message: e.message });
		throw e;
	}
}
