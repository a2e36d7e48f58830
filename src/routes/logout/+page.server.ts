import { redirect } from '@sveltejs/kit';
import { deleteSessionCookie } from '$lib/server/auth/cookies';
import { invalidateSession } from '$lib/server/auth/sessions';
import { getDb } from '$lib/server/db/app-db';
import type { Actions, PageServerLoad } from './$types';

// Signing out changes state, so it is a POST (a link could be triggered by an image tag elsewhere).
export const load: PageServerLoad = async () => redirect(303, '/login');

export const actions: Actions = {
	default: async ({ locals, cookies, url }) => {
		if (locals.session) await invalidateSession(await getDb(), locals.session.id);
		deleteSessionCookie(cookies, url);
		redirect(303, '/login?signedOut');
	}
};
