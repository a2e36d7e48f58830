import { m } from '$lib/i18n';
import { error, redirect } from '@sveltejs/kit';
import { formatDateTime } from '$lib/format/dates';
import { can } from '$lib/server/auth/policy';
import { getDb } from '$lib/server/db/app-db';
import { requireActor } from '$lib/server/http/console';
import { pokeOutbox } from '$lib/server/notify/app-worker';
import { listDeadLetters, listMailbox, outboxStats, retryDeadLetter } from '$lib/server/notify/outbox';
import type { Actions, PageServerLoad } from './$types';

function requireAdmin(locals: App.Locals, url: URL) {
	const actor = requireActor(locals, url);
	if (!can(actor, 'outbox:view')) error(403, m.console.mailbox.adminOnly);
}

const view = (m: Awaited<ReturnType<typeof listMailbox>>[number]) => ({
	id: m.id,
	to: m.toName ? `${m.toName} <${m.toAddress}>` : m.toAddress,
	subject: m.subject,
	text: m.textBody,
	at: formatDateTime(m.createdAt),
	attempts: m.attempts,
	lastError: m.lastError
});

export const load: PageServerLoad = async ({ locals, url }) => {
	requireAdmin(locals, url);
	const db = await getDb();
	const [mailbox, dead, stats] = await Promise.all([listMailbox(db, { limit: 50 }), listDeadLetters(db), outboxStats(db)]);
	return { mailbox: mailbox.map(view), dead: dead.map(view), stats, smtp: Boolean(process.env.SMTP_URL) };
};

export const actions: Actions = {
	retry: async ({ locals, url, request }) => {
		requireAdmin(locals, url);
		const id = String((await request.formData()).get('id') ?? '');
		await retryDeadLetter(await getDb(), id);
		pokeOutbox();
		redirect(303, '/console/mailbox');
	}
};
