import { requireActor } from '$lib/server/http/console';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
	const actor = requireActor();
	return {
		user: { name: locals.user!.name, email: locals.user!.email },
		roles: {
			admin: actor.isAdmin,
			organizer: actor.isAdmin || actor.organizerOf.length > 0,
			expert: actor.expertIds.length > 0,
			volunteer: actor.volunteerOf.length > 0
		}
	};
};
