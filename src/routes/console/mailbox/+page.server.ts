import { redirect } from '@sveltejs/kit';
import { formatDateTime } from '$lib/format/dates';
import { getDb } from '$lib/server/db/app-db';
import { requireActor } from '$lib/server/http/console';
import { pokeOutbox } from '$lib/server/notify/app-worker';
import { mailboxFor, retryMessage, type OutboxMessage } from '$lib/server/notify/outbox';
import type { Actions, PageServerLoad } from './$types';
import { orPageError } from '$lib/server/http/domain-errors';

const view = (m: OutboxMessage) => ({
	id: m.id,
	to: m.toName ? `${m.toName} <${m.toAddress}>` : m.toAddress,
	subject: m.subject,
	text: m.textBody,
	at: formatDateTime(m.createdAt),
	attempts: m.attempts,
	lastError: m.lastError
});

export const load: PageServerLoad = async () => {
	const actor = requireActor();
	const { mailbox, dead, stats } = await orPageError(async () => mailboxFor(await getDb(), actor, { limit: 50 }));
	return { mailbox: mailbox.map(view), dead: dead.map(view), stats, smtp: Boolean(process.env.SMTP_URL) };
};

export const actions: Actions = {
	retry: async ({ request }) => {
		const actor = requireActor();
		const id = String((await request.formData()).get('id') ?? '');
		await orPageError(async () => retryMessage(await getDb(), actor, id));
		pokeOutbox();
		redirect(303, '/console/mailbox');
	}
};
