import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/i18n';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { createSession } from '$lib/server/auth/sessions';
import { generateToken } from '$lib/server/auth/tokens';
import { signIn } from '$lib/server/auth/users';
import { getDb } from '$lib/server/db/app-db';
import { clientAddress } from '$lib/server/http/client-address';
import { fieldErrors, formFailure, formValues } from '$lib/server/http/forms';
import { sameSitePath } from '$lib/server/http/same-site-path';
import { formatClockTime } from '$lib/format/dates';
import type { Actions, PageServerLoad } from './$types';

/** Only a path on this site: an open redirect would let a phishing link borrow our login page. */
const safeRedirect = (target: string | null | undefined) => sameSitePath(target, '/console');

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
	return {
		redirectTo: url.searchParams.get('redirectTo') ?? '',
		signedOut: url.searchParams.has('signedOut'),
		passwordSet: url.searchParams.has('passwordSet')
	};
};

const SignInForm = z.object({
	email: z.string().trim().min(1, m.auth.emailRequired).email(m.auth.emailInvalid).max(254, m.auth.emailInvalid),
	password: z.string().min(1, m.auth.passwordRequired).max(200, m.auth.invalid),
	redirectTo: z.string().optional()
});

export const actions: Actions = {
	default: async (event) => {
		const { request, cookies, url } = event;
		const values = formValues(await request.formData());
		const parsed = SignInForm.safeParse(values);
		delete values.password; // refilled fields, never the password
		if (!parsed.success) return formFailure(400, values, fieldErrors(parsed.error));
		const db = await getDb();
		const result = await signIn(db, parsed.data.email, parsed.data.password, clientAddress(event));
		if (!result.ok) {
			if (result.reason === 'locked') {
				return formFailure(429, values, { form: m.auth.locked(formatClockTime(result.until)) });
			}
			return formFailure(400, values, { form: m.auth.invalid });
		}
		const token = generateToken();
		const session = await createSession(db, token, result.userId);
		setSessionCookie(cookies, url, token, session.expiresAt);
		redirect(303, safeRedirect(parsed.data.redirectTo));
	}
};
