/**
 * Roster import: check every row of the sheet, then create all new rotations in one transaction or
 * none. A row equal to an active rotation is 'unchanged' and left alone, so importing the same sheet
 * again changes nothing.
 *
 * Access: every function takes the signed-in actor. Someone who organizes nothing is refused before the
 * file is read; each row is then checked against `rotation:edit` at its site. A sheet with a row at
 * another organization's site is refused as a whole with a 403 (the preview names the rows and whose
 * centers they are) unless the organizer chooses to import only the rows in their charge: then those
 * rows are imported, still in one transaction, and the others are listed as skipped.
 *
 * A checked sheet is kept server-side (uploads.ts) behind a token, so 只检查 can be followed by the
 * import without choosing the file again; the import reads the rows again and checks them afresh
 * inside its transaction, as the schedule may have changed since.
 */
import { eq } from 'drizzle-orm';
import type { CalendarDate } from '../../calendar-date';
import { recordAudit } from '../audit/audit';
import { can, Forbidden, type Actor } from '../auth/policy';
import { loadOrgTree } from '../auth/scope';
import { districtToday } from '../clock';
import type { Db, DbOrTx } from '../db/client';
import { organizations, rotations } from '../db/schema';
import { invalid } from '../errors';
import { describeRecurrence, parseRecurrence } from '../schedule/recurrence';
import { createRotation, RotationInput } from '../schedule/rotations';
import { assertMayImport } from './access';
import { findClashes, findCommitmentWarnings, type PlannedRow } from './clashes';
import { loadDirectory } from './directory';
import { slotLabel } from './formats';
import { interpretRow, type ImportedRotation, type InterpretedRow } from './interpret';
import { readRosterSheet, type RawRow } from './parse';
import { dropUpload, keepUpload, loadUpload } from './uploads';
import { dm } from '../../i18n/domain';

export type ImportRowStatus = 'new' | 'unchanged' | 'invalid';

export interface ImportRow {
	rowNumber: number;
	ok: boolean;
	status: ImportRowStatus;
	/** 陈志明 · 每周一上午 08:30–11:30 · 天星桥社区卫生服务中心 */
	summary: string;
	errors: string[];
	/**
	 * The row's expert is busy with a lecture, free clinic or volunteer shift on some date: worth a look,
	 * not a refusal (the rotation runs for months, the clash is one date the organizer settles then).
	 */
	warnings: string[];
	input: ImportedRotation | null;
	/** At a site the actor may not schedule at (status 'invalid'; the errors say whose site it is). */
	outOfScope: boolean;
}

export interface ImportPreview {
	rows: ImportRow[];
	/** Every row can be imported (new or unchanged), and there is at least one row. */
	valid: boolean;
	counts: Record<ImportRowStatus, number>;
	/** Rows at sites out of the actor's reach. */
	outOfScope: number;
	/** Rows in the actor's reach (new, unchanged or invalid). */
	inScope: number;
	/** Some rows are out of reach, and every other row can be imported: 只导入我负责的行 would work. */
	inScopeImportable: boolean;
}

export interface ImportOptions {
	/** Import the rows in the actor's reach and skip the others, instead of refusing the sheet. */
	onlyInScope?: boolean;
}

export interface ImportResult {
	created: number;
	unchanged: number;
	/** Rows left out because they are out of the actor's reach (only with `onlyInScope`). */
	skipped: ImportRow[];
	preview: ImportPreview;
}

export interface CheckedUpload {
	/** Posted with the import form: the checked sheet, kept for its uploader. */
	token: string;
	filename: string;
	preview: ImportPreview;
}

/** The district's sites all keep China Standard Time. */
const defaultToday = () => districtToday();

/** 每周一上午 08:30–11:30 */
function whenOf({ rrule, startTime, endTime }: ImportedRotation): string {
	return `${describeRecurrence(rrule)}${slotLabel(startTime, endTime)} ${startTime}–${endTime}`;
}

const describeImportedRow = (row: InterpretedRow) => `${row.expertName} · ${whenOf(row.input)} · ${row.siteName}`;

/** What the organizer wrote, for a row that could not be read into a rotation. */
function describeRawRow(raw: RawRow): string {
	const v = raw.values;
	const when = [v.weekdays, v.slot ?? [v.startTime, v.endTime].filter(Boolean).join('–')].filter(Boolean).join(' ');
	return [v.expert, when, v.site].filter(Boolean).join(' · ');
}

function normalizedRule(rule: string): string {
	try {
		return parseRecurrence(rule).text;
	} catch {
		// A rule written before today's validation: compared as stored.
		return rule;
	}
}

/** Equal keys are the same rotation: expert, place, department, rule, times, validity and quota. */
const rotationKey = (r: ImportedRotation) =>
	[r.expertId, r.siteId, r.departmentId, normalizedRule(r.rrule), r.startTime, r.endTime, r.validFrom, r.validUntil ?? '', r.quota ?? ''].join('|');

interface CheckedSheet {
	preview: ImportPreview;
	planned: Map<number, InterpretedRow>;
}

const HOSPITAL_KINDS = new Set(['lead_hospital', 'hospital']);

async function checkRows(db: DbOrTx, actor: Actor, rawRows: readonly RawRow[], today: CalendarDate): Promise<CheckedSheet> {
	const [directory, activeRotations, tree, orgs] = await Promise.all([
		loadDirectory(db),
		db.select().from(rotations).where(eq(rotations.active, true)),
		loadOrgTree(db),
		db.select({ id: organizations.id, name: organizations.name, shortName: organizations.shortName, kind: organizations.kind }).from(organizations)
	]);
	const existing = new Set(activeRotations.map(rotationKey));
	const orgById = new Map(orgs.map((o) => [o.id, o]));
	/** Whose center it is: the hospital above it, as organizers call it. */
	const ownerOf = (orgId: string) => {
		const path = tree.pathOf(orgId).map((id) => orgById.get(id));
		const owner = path.find((o) => o && HOSPITAL_KINDS.has(o.kind)) ?? path[0];
		return owner ? (owner.shortName ?? owner.name) : null;
	};

	const drafts = rawRows.map((raw) => {
		const result = interpretRow(raw, directory);
		if (!result.ok) return { raw, row: null, errors: result.errors, unchanged: false, outOfScope: false };
		return { raw, row: result.row, errors: [] as string[], unchanged: false, outOfScope: false };
	});
	const firstRowOfKey = new Map<string, number>();
	for (const draft of drafts) {
		if (!draft.row) continue;
		if (!can(actor, 'rotation:edit', { kind: 'rotation', orgPath: tree.pathOf(draft.row.siteOrganizationId) })) {
			draft.outOfScope = true;
			const owner = ownerOf(draft.row.siteOrganizationId);
			draft.errors.push(owner ? dm.rosterImport.errors.siteOfOther(draft.row.siteName, owner) : dm.rosterImport.errors.siteNotYours(draft.row.siteName));
		}
		const key = rotationKey(draft.row.input);
		const twin = firstRowOfKey.get(key);
		if (twin !== undefined) draft.errors.push(dm.rosterImport.errors.sameAsRow(twin));
		else firstRowOfKey.set(key, draft.raw.rowNumber);
		draft.unchanged = existing.has(key);
	}

	const planned: PlannedRow[] = drafts
		.filter((d) => d.row && d.errors.length === 0 && !d.unchanged)
		.map((d) => ({ ...d.row!, rowNumber: d.raw.rowNumber }));
	const [clashes, warnings] = await Promise.all([findClashes(db, planned, today), findCommitmentWarnings(db, planned, today)]);

	const rows: ImportRow[] = drafts.map(({ raw, row, errors, unchanged, outOfScope }) => {
		const all = [...errors, ...(clashes.get(raw.rowNumber) ?? [])];
		const status: ImportRowStatus = all.length > 0 ? 'invalid' : unchanged ? 'unchanged' : 'new';
		return {
			rowNumber: raw.rowNumber,
			ok: status !== 'invalid',
			status,
			summary: row ? describeImportedRow(row) : describeRawRow(raw),
			errors: all,
			warnings: status === 'new' ? (warnings.get(raw.rowNumber) ?? []) : [],
			input: row?.input ?? null,
			outOfScope
		};
	});
	const counts = { new: 0, unchanged: 0, invalid: 0 };
	for (const r of rows) counts[r.status]++;
	const inScope = rows.filter((r) => !r.outOfScope);
	const outOfScope = rows.length - inScope.length;
	return {
		preview: {
			rows,
			valid: rows.length > 0 && counts.invalid === 0,
			counts,
			outOfScope,
			inScope: inScope.length,
			inScopeImportable: outOfScope > 0 && inScope.length > 0 && inScope.every((r) => r.ok)
		},
		planned: new Map(planned.map((p) => [p.rowNumber, p]))
	};
}

/**
 * What every row would become, rows at sites out of the actor's reach marked as such; nothing is
 * written. File-level problems throw a DomainError.
 */
export async function previewRosterImport(
	db: DbOrTx,
	actor: Actor,
	bytes: Uint8Array,
	filename: string,
	today: CalendarDate = defaultToday()
): Promise<ImportPreview> {
	assertMayImport(actor);
	const rows = await readRosterSheet(bytes, filename);
	return (await checkRows(db, actor, rows, today)).preview;
}

/**
 * Checks the sheet and keeps it for the import that may follow (see uploads.ts). A file that cannot be
 * read at all throws before anything is kept.
 */
export async function checkRosterUpload(
	db: Db,
	actor: Actor,
	bytes: Uint8Array,
	filename: string,
	today: CalendarDate = defaultToday()
): Promise<CheckedUpload> {
	assertMayImport(actor);
	const rows = await readRosterSheet(bytes, filename);
	const token = await keepUpload(db, actor, { bytes, filename });
	return { token, filename, preview: (await checkRows(db, actor, rows, today)).preview };
}

/** The rows of a kept sheet as they would import now, for its uploader. */
export async function previewRosterUpload(db: Db, actor: Actor, token: string, today: CalendarDate = defaultToday()): Promise<CheckedUpload> {
	const { bytes, filename } = await loadUpload(db, actor, token);
	return { token, filename, preview: await previewRosterImport(db, actor, bytes, filename, today) };
}

function refusal(rows: readonly ImportRow[]): string {
	if (rows.length === 0) return dm.rosterImport.errors.noRows;
	const bad = rows.filter((r) => r.status === 'invalid').map((r) => r.rowNumber);
	const listed = bad.length > 10 ? dm.rosterImport.errors.badRowsMany(bad.slice(0, 10).join('、')) : dm.rosterImport.errors.badRowsFew(bad.join('、'));
	return dm.rosterImport.errors.needsFixing(bad.length, listed);
}

/**
 * Creates every new rotation, each with its audit entry, in one transaction — or, if any row is
 * invalid, nothing at all: a 403 when a row is at a site out of the actor's reach, else a 400. With
 * `onlyInScope`, rows out of reach are skipped instead, and the rest are held to the same rule. The
 * rows are checked again inside the transaction, so nothing can change between the check and the
 * writes.
 */
export async function applyRosterImport(
	db: Db,
	actor: Actor,
	bytes: Uint8Array,
	filename: string,
	today: CalendarDate = defaultToday(),
	options: ImportOptions = {}
): Promise<ImportResult> {
	assertMayImport(actor);
	// Reading the file needs no database, so it happens before the transaction holds the write lock.
	const rawRows = await readRosterSheet(bytes, filename);
	return db.transaction((tx) => importRows(tx, actor, rawRows, today, options));
}

/**
 * Imports a kept sheet (see checkRosterUpload) for its uploader, as applyRosterImport does a file; once
 * imported it is no longer kept. An unknown, expired or someone else's token is a 404 asking for the
 * file again.
 */
export async function applyRosterUpload(
	db: Db,
	actor: Actor,
	token: string,
	options: ImportOptions = {},
	today: CalendarDate = defaultToday()
): Promise<ImportResult & { filename: string }> {
	const { bytes, filename } = await loadUpload(db, actor, token);
	const rawRows = await readRosterSheet(bytes, filename);
	const result = await db.transaction(async (tx) => {
		const imported = await importRows(tx, actor, rawRows, today, options);
		await dropUpload(tx, actor, token);
		return imported;
	});
	return { ...result, filename };
}

async function importRows(tx: DbOrTx, actor: Actor, rawRows: readonly RawRow[], today: CalendarDate, options: ImportOptions): Promise<ImportResult> {
	const { preview, planned } = await checkRows(tx, actor, rawRows, today);
	const skipping = options.onlyInScope === true && preview.outOfScope > 0;
	if (preview.outOfScope > 0 && !skipping) {
		throw new Forbidden(dm.rosterImport.errors.outOfScope(preview.outOfScope));
	}
	const considered = skipping ? preview.rows.filter((r) => !r.outOfScope) : preview.rows;
	if (skipping && considered.length === 0) throw new Forbidden(dm.rosterImport.errors.noneInScope);
	if (considered.length === 0 || considered.some((r) => !r.ok)) throw invalid(refusal(considered), 'file');
	for (const row of considered) {
		const plannedRow = planned.get(row.rowNumber);
		if (row.status !== 'new' || !plannedRow) continue;
		const id = await createRotation(tx, plannedRow.input);
		const { input, expertName, siteName, siteOrganizationId } = plannedRow;
		await recordAudit(tx, actor, {
			action: 'rotation.import',
			objectKind: 'rotation',
			objectId: id,
			organizationId: siteOrganizationId,
			after: { ...RotationInput.parse(input) },
			summary: dm.rosterImport.audit.imported(expertName, whenOf(input), siteName)
		});
	}
	return {
		created: preview.counts.new,
		unchanged: preview.counts.unchanged,
		skipped: skipping ? preview.rows.filter((r) => r.outOfScope) : [],
		preview
	};
}
