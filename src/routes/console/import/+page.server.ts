import { m } from '$lib/i18n';
import { fail } from '@sveltejs/kit';
import type { CalendarDate } from '$lib/calendar-date';
import type { Actor } from '$lib/server/auth/policy';
import { districtToday } from '$lib/server/clock';
import type { Db } from '$lib/server/db/client';
import { getDb } from '$lib/server/db/app-db';
import { requireOrganizer } from '$lib/server/http/console';
import { orFormFailure } from '$lib/server/http/domain-errors';
import { formFailure } from '$lib/server/http/forms';
import { applyRosterUpload, checkRosterUpload, previewRosterUpload, type CheckedUpload, type ImportPreview } from '$lib/server/roster-import/import';
import { MAX_FILE_BYTES, MAX_ROWS, ROSTER_TOO_LARGE } from '$lib/server/roster-import/parse';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	requireOrganizer();
	return { maxRows: MAX_ROWS, maxMegabytes: MAX_FILE_BYTES / 1024 / 1024 };
};

const report = (p: ImportPreview) => ({
	counts: p.counts,
	outOfScope: p.outOfScope,
	inScope: p.inScope,
	inScopeImportable: p.inScopeImportable,
	valid: p.valid,
	rows: p.rows.map((r) => ({ rowNumber: r.rowNumber, status: r.status, summary: r.summary, errors: r.errors, warnings: r.warnings, outOfScope: r.outOfScope }))
});

/** What the page needs to import a checked sheet without the file: its token, name and rows. */
const checked = (c: CheckedUpload) => ({ upload: c.token, filename: c.filename, report: report(c.preview) });

async function readForm(event: Parameters<Actions[string]>[0]) {
	// A body over BODY_SIZE_LIMIT fails while being read; the page says so in its own words, with a 413.
	return event.request.formData().catch((e: unknown) => {
		if (typeof e === 'object' && e !== null && 'status' in e && e.status === 413) return null;
		throw e;
	});
}

/**
 * 只检查 and 检查并导入 with a file: the sheet is checked and kept, so the page can import it (or the
 * organizer's rows of it) next without the file being chosen again. 检查并导入 then imports at once.
 */
async function handleFile(event: Parameters<Actions[string]>[0], intent: 'preview' | 'apply') {
	const actor = requireOrganizer();
	const form = await readForm(event);
	if (!form) return formFailure(413, {}, { file: ROSTER_TOO_LARGE }, { intent });
	const file = form.get('file');
	if (!(file instanceof File) || file.size === 0) return formFailure(400, {}, { file: m.console.import.chooseFile }, { intent });
	const db = await getDb();
	const today = districtToday();
	const bytes = new Uint8Array(await file.arrayBuffer());
	const check = await orFormFailure({}, () => checkRosterUpload(db, actor, bytes, file.name, today), { intent, filename: file.name });
	if (!check.ok) return check.failure;
	const kept = check.value;
	if (intent === 'preview') return { intent, ...checked(kept) };
	return importKept(db, actor, kept.token, false, today, intent);
}

async function importKept(db: Db, actor: Actor, token: string, onlyInScope: boolean, today: CalendarDate, intent: 'apply' | 'applyChecked') {
	const applied = await orFormFailure({}, () => applyRosterUpload(db, actor, token, { onlyInScope }, today), { intent });
	if (applied.ok) {
		const result = applied.value;
		return {
			intent,
			filename: result.filename,
			imported: { created: result.created, unchanged: result.unchanged, skipped: result.skipped.map((r) => r.rowNumber) },
			report: report(result.preview)
		};
	}
	// A refused import still shows every row's problem, and keeps the sheet for another try.
	const again = await previewRosterUpload(db, actor, token, today).catch(() => null);
	return fail(applied.failure.status, { ...applied.failure.data, ...(again ? checked(again) : {}) });
}

/** The import of a sheet checked before, by the token the check gave the page. */
async function handleChecked(event: Parameters<Actions[string]>[0]) {
	const actor = requireOrganizer();
	const form = await readForm(event);
	if (!form) return formFailure(413, {}, { file: ROSTER_TOO_LARGE }, { intent: 'applyChecked' });
	const token = form.get('upload');
	if (typeof token !== 'string' || token === '') return formFailure(400, {}, { file: m.console.import.chooseFile }, { intent: 'applyChecked' });
	return importKept(await getDb(), actor, token, form.get('scope') === 'mine', districtToday(), 'applyChecked');
}

export const actions: Actions = {
	preview: (event) => handleFile(event, 'preview'),
	apply: (event) => handleFile(event, 'apply'),
	applyChecked: (event) => handleChecked(event)
};
