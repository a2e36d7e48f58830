import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { getDb } from '$lib/server/db/app-db';
import { describeUnsubscribe, unsubscribe } from '$lib/server/notify/recipients';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, setHeaders }) => {
	setHeaders({ 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'same-origin' });
	const found = await describeUnsubscribe(await getDb(), params.token);
	if (!found) error(404, m.mail.unsubscribeUnknown);
	return found;
};

export const actions: Actions = {
	/** The button here, and a mail app's one-click POST (List-Unsubscribe-Post), both land here. */
	default: async ({ params }) => {
		const email = await unsubscribe(await getDb(), params.token);
		if (!email) error(404, m.mail.unsubscribeUnknown);
		return { done: true };
	}
};
