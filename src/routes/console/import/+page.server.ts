import { m } from '$lib/i18n';
import { fail } from '@sveltejs/kit';
import { siteToday } from '$lib/server/clock';
import { sitesInScope } from '$lib/server/console/scope-lists';
import { getDb } from '$lib/server/db/app-db';
import { isDomainError } from '$lib/server/errors';
import { auditActor, requireOrganizer } from '$lib/server/http/console';
import { applyRosterImport, previewRosterImport, type ImportPreview } from '$lib/server/roster-import/import';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireOrganizer(locals, url);
	return {};
};

const report = (p: ImportPreview) => ({
	counts: p.counts,
	rows: p.rows.map((r) => ({ rowNumber: r.rowNumber, status: r.status, summary: r.summary, errors: r.errors }))
});

async function handle(event: Parameters<Actions[string]>[0], intent: 'preview' | 'apply') {
	const actor = requireOrganizer(event.locals, event.url);
	const file = (await event.request.formData()).get('file');
	if (!(file instanceof File) || file.size === 0) return fail(400, { intent, error: m.console.import.chooseFile });
	const db = await getDb();
	const scope = { siteIds: actor.isAdmin ? null : new Set((await sitesInScope(db, actor)).map((s) => s.id)) };
	const bytes = new Uint8Array(await file.arrayBuffer());
	const today = siteToday('Asia/Shanghai');
	try {
		if (intent === 'preview') return { intent, filename: file.name, report: report(await previewRosterImport(db, bytes, file.name, scope, today)) };
		const result = await applyRosterImport(db, auditActor(event.locals), bytes, file.name, scope, today);
		return { intent, filename: file.name, imported: { created: result.created, unchanged: result.unchanged }, report: report(result.preview) };
	} catch (e) {
		if (!isDomainError(e)) throw e;
		// A refused import still shows every row's problem.
		const preview = await previewRosterImport(db, bytes, file.name, scope, today).catch(() => null);
		return fail(e.status, { intent, filename: file.name, error: e.message, report: preview ? report(preview) : null });
	}
}

export const actions: Actions = {
	preview: (event) => handle(event, 'preview'),
	apply: (event) => handle(event, 'apply')
};
