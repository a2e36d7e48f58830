import { redirect } from '@sveltejs/kit';
import { districtToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { findMinePage, openRegistrationByPhone } from '$lib/server/events/registrations-by-phone';
import { clientAddress } from '$lib/server/http/client-address';
import { phoneSessionCookies } from '$lib/server/http/phone-session-cookies';
import { formValues } from '$lib/server/http/forms';
import { CODE_LIFETIME_MS, endPhoneSession, phoneCodeLimitsFromEnv, requestPhoneCode, verifyPhoneCode } from '$lib/server/sms/verification';
import type { Actions, PageServerLoad } from './$types';
import { orFormFailure } from '$lib/server/http/domain-errors';

const LIMITS = phoneCodeLimitsFromEnv();
/** The challenge of the code this browser asked for; the code is checked only with it. */
const CODE_COOKIE = 'yz_find_code';
/** The phone session the code opened (30 minutes). */
const SESSION_COOKIE = 'yz_find_session';
const PATH = '/r/find';

const { set: setCookie, delete: deleteCookie } = phoneSessionCookies(PATH);

export const load: PageServerLoad = async ({ cookies, setHeaders }) => {
	// A private page: never cached, and never a Referer to another site.
	setHeaders({ 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'same-origin' });
	const page = await findMinePage(await getDb(), { session: cookies.get(SESSION_COOKIE), challenge: cookies.get(CODE_COOKIE) }, districtToday());
	return { page };
};

export const actions: Actions = {
	send: async (event) => {
		const { request, cookies, url } = event;
		const values = formValues(await request.formData());
		const db = await getDb();
		const result = await orFormFailure(values, () =>
			requestPhoneCode(db, { phone: values.phone ?? '', purpose: 'find_registrations', address: clientAddress(event) }, LIMITS)
		);
		if (!result.ok) return result.failure;
		setCookie(cookies, url, CODE_COOKIE, result.value.challenge, new Date(Date.now() + CODE_LIFETIME_MS));
		redirect(303, PATH);
	},
	verify: async ({ request, cookies, url }) => {
		const values = formValues(await request.formData());
		const db = await getDb();
		const result = await orFormFailure({}, () =>
			verifyPhoneCode(db, { challenge: cookies.get(CODE_COOKIE), code: values.code ?? '', purpose: 'find_registrations' })
		);
		if (!result.ok) return result.failure;
		deleteCookie(cookies, url, CODE_COOKIE);
		setCookie(cookies, url, SESSION_COOKIE, result.value.token, result.value.expiresAt);
		redirect(303, PATH);
	},
	/** 重新获取 / 换一个手机号: back to the phone box; the old code simply expires. */
	restart: async ({ cookies, url }) => {
		deleteCookie(cookies, url, CODE_COOKIE);
		redirect(303, PATH);
	},
	open: async ({ request, cookies }) => {
		const values = formValues(await request.formData());
		const db = await getDb();
		const result = await orFormFailure({}, () => openRegistrationByPhone(db, cookies.get(SESSION_COOKIE), values.registration ?? ''));
		if (!result.ok) return result.failure;
		redirect(303, `/r/${result.value.manageToken}`);
	},
	signOut: async ({ cookies, url }) => {
		await endPhoneSession(await getDb(), cookies.get(SESSION_COOKIE));
		deleteCookie(cookies, url, SESSION_COOKIE);
		redirect(303, PATH);
	}
};
