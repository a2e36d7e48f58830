import { publicOrigin } from '$lib/server/public-url';
import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { districtToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { eventDetail } from '$lib/server/events/public-events';
import { registerForEvent } from '$lib/server/events/registration';
import { clientAddress } from '$lib/server/http/client-address';
import { formValues } from '$lib/server/http/forms';
import { registrationLimitsFromEnv } from '$lib/server/events/registration-limit';
import { eventShareMeta } from '$lib/server/share/share-meta';
import { shareForVisitor } from '$lib/server/share/wechat-client';
import { printSheet } from '$lib/server/share/print-sheet';
import { shortPathOf } from '$lib/server/share/short-links';
import { surveysOfEvent } from '$lib/server/surveys/surveys';
import type { Actions, PageServerLoad } from './$types';
import { orFormFailure } from '$lib/server/http/domain-errors';

const REGISTRATION_LIMITS = registrationLimitsFromEnv();

export const load: PageServerLoad = async ({ params, request }) => {
	const today = districtToday();
	const db = await getDb();
	const event = await eventDetail(db, params.id, today);
	if (!event) error(404, m.errors.eventNotFound);
	return {
		event,
		// Only open surveys get a link: a closed one takes no more answers.
		surveys: event.cancelled ? [] : (await surveysOfEvent(db, event.id, { openOnly: true })).map((s) => ({ code: s.code, kind: s.kind, title: s.title })),
		share: shareForVisitor(eventShareMeta(event, publicOrigin()), request),
		print: await printSheet(publicOrigin(), shortPathOf('event', event.id), today),
		ageBands: Object.entries(m.events.ageBands).map(([value, label]) => ({ value, label }))
	};
};

export const actions: Actions = {
	register: async (event) => {
		const { params, request } = event;
		const values = formValues(await request.formData());
		const db = await getDb();
		const result = await orFormFailure(values, () =>
			registerForEvent(db, params.id, { ...values, consent: values.consent === 'on' }, districtToday(), {
				ip: clientAddress(event),
				limits: REGISTRATION_LIMITS
			})
		);
		if (!result.ok) return result.failure;
		redirect(303, `/r/${result.value.manageToken}`);
	}
};
