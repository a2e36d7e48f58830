import { m } from '$lib/i18n';
import { redirect } from '@sveltejs/kit';
import { checkAccountLink, LINK_EXPIRED, setPasswordWithLink } from '$lib/server/auth/account-links';
import { getDb } from '$lib/server/db/app-db';
import { formFailure } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';
import { orFormFailure } from '$lib/server/http/domain-errors';

export const load: PageServerLoad = async ({ url }) => {
	const token = url.searchParams.get('token') ?? '';
	const link = token ? await checkAccountLink(await getDb(), token) : null;
	return { token, link, expired: LINK_EXPIRED };
};

export const actions: Actions = {
	default: async ({ request }) => {
		const data = await request.formData();
		const token = String(data.get('token') ?? '');
		const password = String(data.get('password') ?? '');
		if (password !== String(data.get('confirm') ?? '')) return formFailure(400, {}, { confirm: m.auth.passwordMismatch });
		const db = await getDb();
		const result = await orFormFailure({}, () => setPasswordWithLink(db, token, password));
		if (!result.ok) return result.failure;
		redirect(303, '/login?passwordSet');
	}
};

