import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/app-db';
import { clientAddress } from '$lib/server/http/client-address';
import { phoneSessionCookies } from '$lib/server/http/phone-session-cookies';
import { formValues } from '$lib/server/http/forms';
import { followPage, requestFollowCode, startFollow, targetKindOfPath } from '$lib/server/sms/follows';
import { CODE_LIFETIME_MS, endPhoneSession, phoneCodeLimitsFromEnv, verifyPhoneCode } from '$lib/server/sms/verification';
import type { Actions, PageServerLoad } from './$types';
import { orFormFailure } from '$lib/server/http/domain-errors';

const LIMITS = phoneCodeLimitsFromEnv();
/** The challenge of the code this browser asked for; the code is checked only with it. */
const CODE_COOKIE = 'yz_follow_code';
/** The phone session the code opened (30 minutes): following a second expert or center needs no new code. */
const SESSION_COOKIE = 'yz_follow_session';
const COOKIE_PATH = '/follow';

const { set: setCookie, delete: deleteCookie } = phoneSessionCookies(COOKIE_PATH);

const ticked = (values: Record<string, string>) => values.consent === 'on';

export const load: PageServerLoad = async ({ params, cookies, setHeaders }) => {
	// Per visitor: never cached, and never a Referer to another site.
	setHeaders({ 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'same-origin' });
	const page = await followPage(await getDb(), { pathKind: params.kind, id: params.id, session: cookies.get(SESSION_COOKIE), challenge: cookies.get(CODE_COOKIE) });
	return { page };
};

export const actions: Actions = {
	send: async (event) => {
		const { request, cookies, url } = event;
		const values = formValues(await request.formData());
		const db = await getDb();
		const result = await orFormFailure(values, () => requestFollowCode(db, { phone: values.phone ?? '', consent: ticked(values), address: clientAddress(event) }, LIMITS));
		if (!result.ok) return result.failure;
		setCookie(cookies, url, CODE_COOKIE, result.value.challenge, new Date(Date.now() + CODE_LIFETIME_MS));
		redirect(303, url.pathname);
	},
	verify: async ({ request, cookies, url, params }) => {
		const values = formValues(await request.formData());
		const db = await getDb();
		const verified = await orFormFailure({}, () => verifyPhoneCode(db, { challenge: cookies.get(CODE_COOKIE), code: values.code ?? '', purpose: 'follow' }));
		if (!verified.ok) return verified.failure;
		deleteCookie(cookies, url, CODE_COOKIE);
		setCookie(cookies, url, SESSION_COOKIE, verified.value.token, verified.value.expiresAt);
		// The consent was ticked to get the code (requestFollowCode refuses without it).
		const started = await orFormFailure({}, () =>
			startFollow(db, { session: verified.value.token, targetKind: targetKindOfPath(params.kind), targetId: params.id, consent: true })
		);
		if (!started.ok) return started.failure;
		redirect(303, `/f/${started.value.token}?started=1`);
	},
	start: async ({ request, cookies, params }) => {
		const values = formValues(await request.formData());
		const db = await getDb();
		const started = await orFormFailure(values, () =>
			startFollow(db, { session: cookies.get(SESSION_COOKIE), targetKind: targetKindOfPath(params.kind), targetId: params.id, consent: ticked(values) })
		);
		if (!started.ok) return started.failure;
		redirect(303, `/f/${started.value.token}?started=1`);
	},
	/** 重新获取 / 换一个手机号: back to the phone box; the old code simply expires. */
	restart: async ({ cookies, url }) => {
		deleteCookie(cookies, url, CODE_COOKIE);
		await endPhoneSession(await getDb(), cookies.get(SESSION_COOKIE));
		deleteCookie(cookies, url, SESSION_COOKIE);
		redirect(303, url.pathname);
	}
};
