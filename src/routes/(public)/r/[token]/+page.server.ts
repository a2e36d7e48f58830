import { m } from '$lib/i18n';
import { publicOrigin } from '$lib/server/public-url';
import { error, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/app-db';
import { registrationByLink } from '$lib/server/events/manage-link';
import { checkInUrl, qrSvg } from '$lib/server/events/qr';
import { cancelRegistration } from '$lib/server/events/registration';
import { setSmsByLink } from '$lib/server/events/registration-sms';
import { reregisterByLink } from '$lib/server/events/reregistration';
import { districtToday } from '$lib/server/clock';
import type { Actions, PageServerLoad } from './$types';
import { orFormFailure } from '$lib/server/http/domain-errors';

export const load: PageServerLoad = async ({ params, setHeaders, url }) => {
	// A private page: never cached by a proxy, and its address (the token) never sent to another site.
	// Not 'no-referrer': that makes the browser send `Origin: null` on our own form, failing the CSRF check.
	setHeaders({ 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'same-origin' });
	const registration = await registrationByLink(await getDb(), params.token, districtToday());
	if (!registration) error(404, m.errors.registrationLinkInvalid);
	const qr = registration.checkInCode ? await qrSvg(checkInUrl(publicOrigin(), registration.event.id, registration.checkInCode)) : null;
	// 取消报名 is asked once, as a page of its own (?confirm=cancel), so it needs no JavaScript.
	const confirmCancel = url.searchParams.get('confirm') === 'cancel' && registration.status !== 'cancelled' && !registration.event.past;
	return { registration, qr, confirmCancel, managePath: `/r/${params.token}` };
};

export const actions: Actions = {
	cancel: async ({ params }) => {
		const db = await getDb();
		const result = await orFormFailure({}, () => cancelRegistration(db, params.token, districtToday()));
		if (!result.ok) return result.failure;
		redirect(303, `/r/${params.token}`);
	},
	sms: async ({ params, request }) => {
		const db = await getDb();
		const receive = (await request.formData()).get('receive') === 'on';
		const result = await orFormFailure({}, () => setSmsByLink(db, params.token, receive));
		if (!result.ok) return result.failure;
		redirect(303, `/r/${params.token}`);
	},
	reregister: async ({ params }) => {
		const db = await getDb();
		const result = await orFormFailure({}, () => reregisterByLink(db, params.token, districtToday()));
		if (!result.ok) return result.failure;
		redirect(303, `/r/${params.token}`);
	}
};
