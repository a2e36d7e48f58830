import { m } from '$lib/i18n';
import { redirect } from '@sveltejs/kit';
import { changePassword } from '$lib/server/auth/account-links';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { createSession } from '$lib/server/auth/sessions';
import { generateToken } from '$lib/server/auth/tokens';
import { getDb } from '$lib/server/db/app-db';
import { requireActor } from '$lib/server/http/console';
import { formFailure } from '$lib/server/http/forms';
import { mailTopicsOf, setMailTopics } from '$lib/server/notify/preferences';
import type { Actions, PageServerLoad } from './$types';
import { orFormFailure } from '$lib/server/http/domain-errors';

export const load: PageServerLoad = async ({ url }) => {
	const actor = requireActor();
	return { changed: url.searchParams.has('changed'), mailSaved: url.searchParams.has('mail'), topics: await mailTopicsOf(await getDb(), actor.userId) };
};

export const actions: Actions = {
	mail: async ({ request }) => {
		const actor = requireActor();
		const data = await request.formData();
		await setMailTopics(await getDb(), actor.userId, data.getAll('topic').map(String));
		redirect(303, '/console/account?mail#mail');
	},
	password: async ({ url, request, cookies }) => {
		const actor = requireActor();
		const data = await request.formData();
		const next = String(data.get('password') ?? '');
		// Passwords are never sent back to the page.
		if (next !== String(data.get('confirm') ?? '')) return formFailure(400, {}, { confirm: m.console.account.mismatch });
		const db = await getDb();
		const result = await orFormFailure({}, () => changePassword(db, actor.userId, String(data.get('current') ?? ''), next));
		if (!result.ok) return result.failure;
		const token = generateToken();
		const session = await createSession(db, token, actor.userId);
		setSessionCookie(cookies, url, token, session.expiresAt);
		redirect(303, '/console/account?changed');
	}
};
