import { m } from '$lib/i18n';
import { fail } from '@sveltejs/kit';
import { siteToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { isDomainError } from '$lib/server/errors';
import { requireOrganizer } from '$lib/server/http/console';
import { applyRosterImport, previewRosterImport, type ImportPreview } from '$lib/server/roster-import/import';
import { MAX_FILE_BYTES, MAX_ROWS, ROSTER_TOO_LARGE } from '$lib/server/roster-import/parse';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireOrganizer(locals, url);
	return { maxRows: MAX_ROWS, maxMegabytes: MAX_FILE_BYTES / 1024 / 1024 };
};

const report = (p: ImportPreview) => ({
	counts: p.counts,
	rows: p.rows.map((r) => ({ rowNumber: r.rowNumber, status: r.status, summary: r.summary, errors: r.errors }))
});

async function handle(event: Parameters<Actions[string]>[0], intent: 'preview' | 'apply') {
	const actor = requireOrganizer(event.locals, event.url);
	// A body over BODY_SIZE_LIMIT fails while being read; the page says so in its own words, with a 413.
	const form = await event.request.formData().catch((e: unknown) => {
		if (typeof e === 'object' && e !== null && 'status' in e && e.status === 413) return null;
		throw e;
	});
	if (!form) return fail(413, { intent, error: ROSTER_TOO_LARGE });
	const file = form.get('file');
	if (!(file instanceof File) || file.size === 0) return fail(400, { intent, error: m.console.import.chooseFile });
	const db = await getDb();
	const bytes = new Uint8Array(await file.arrayBuffer());
	const today = siteToday('Asia/Shanghai');
	try {
		if (intent === 'preview') return { intent, filename: file.name, report: report(await previewRosterImport(db, actor, bytes, file.name, today)) };
		const result = await applyRosterImport(db, actor, bytes, file.name, today);
		return { intent, filename: file.name, imported: { created: result.created, unchanged: result.unchanged }, report: report(result.preview) };
	} catch (e) {
		if (!isDomainError(e)) throw e;
		// A refused import still shows every row's problem.
		const preview = await previewRosterImport(db, actor, bytes, file.name, today).catch(() => null);
		return fail(e.status, { intent, filename: file.name, error: e.message, report: preview ? report(preview) : null });
	}
}

export const actions: Actions = {
	preview: (event) => handle(event, 'preview'),
	apply: (event) => handle(event, 'apply')
};
