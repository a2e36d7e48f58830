import { redirect } from '@sveltejs/kit';
import { formatDateTime } from '$lib/format/dates';
import { getDb } from '$lib/server/db/app-db';
import { maskPhone } from '$lib/server/events/phone';
import { requireActor } from '$lib/server/http/console';
import { publicOrigin } from '$lib/server/public-url';
import { pokeSms } from '$lib/server/sms/app-worker';
import { isSmsKind, signed, smsText } from '$lib/server/sms/kinds';
import { retrySms, smsBoxFor, type SmsMessage } from '$lib/server/sms/outbox';
import { signNameFromEnv } from '$lib/server/sms/provider';
import { providerNameFromEnv } from '$lib/server/sms/provider-from-env';
import type { Actions, PageServerLoad } from './$types';
import { orPageError } from '$lib/server/http/domain-errors';

export const load: PageServerLoad = async () => {
	const actor = requireActor();
	const { box, dead, stats, monthly } = await orPageError(async () => smsBoxFor(await getDb(), actor, { limit: 50 }));
	const origin = publicOrigin();
	const signName = signNameFromEnv();
	// Masked, as everywhere a resident's number is shown, except on a text that could not be
	// sent: that resident may need a call instead, and a failed text is judged by its number.
	const view = (s: SmsMessage, full = false) => ({
		id: s.id,
		phone: full ? s.phone : maskPhone(s.phone),
		text: isSmsKind(s.kind) ? signed(signName, smsText(s.kind, s.params, origin)) : s.kind,
		at: formatDateTime(s.createdAt),
		attempts: s.attempts,
		lastError: s.lastError
	});
	const provider = providerNameFromEnv();
	return { box: box.map((s) => view(s)), dead: dead.map((s) => view(s, true)), stats, monthly, provider };
};

export const actions: Actions = {
	retry: async ({ request }) => {
		const actor = requireActor();
		const id = String((await request.formData()).get('id') ?? '');
		await orPageError(async () => retrySms(await getDb(), actor, id));
		pokeSms();
		redirect(303, '/console/sms');
	}
};
