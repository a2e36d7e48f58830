/**
 * Roster import: check every row of the sheet, then create all new rotations in one transaction or
 * none. A row equal to an active rotation is 'unchanged' and left alone, so importing the same sheet
 * again changes nothing.
 *
 * Access: both functions take the signed-in actor. Someone who organizes nothing is refused before the
 * file is read; each row is then checked against `rotation:edit` at its site, and a sheet with a row
 * at another organization's site is refused as a whole with a 403 (the preview names the rows).
 */
import { eq } from 'drizzle-orm';
import type { CalendarDate } from '../../calendar-date';
import { recordAudit } from '../audit/audit';
import { can, Forbidden, type Actor } from '../auth/policy';
import { loadOrgTree } from '../auth/scope';
import { siteToday } from '../clock';
import type { Db, DbOrTx } from '../db/client';
import { rotations } from '../db/schema';
import { invalid } from '../errors';
import { describeRecurrence, parseRecurrence } from '../schedule/recurrence';
import { createRotation, RotationInput } from '../schedule/rotations';
import { findClashes, type PlannedRow } from './clashes';
import { loadDirectory } from './directory';
import { slotLabel } from './formats';
import { interpretRow, type ImportedRotation, type InterpretedRow } from './interpret';
import { readRosterSheet, type RawRow } from './parse';

export type ImportRowStatus = 'new' | 'unchanged' | 'invalid';

export interface ImportRow {
	rowNumber: number;
	ok: boolean;
	status: ImportRowStatus;
	/** 陈志明 · 每周一上午 08:30–11:30 · 天星桥社区卫生服务中心 */
	summary: string;
	errors: string[];
	input: ImportedRotation | null;
}

export interface ImportPreview {
	rows: ImportRow[];
	/** Every row can be imported (new or unchanged), and there is at least one row. */
	valid: boolean;
	counts: Record<ImportRowStatus, number>;
}

export interface ImportResult {
	created: number;
	unchanged: number;
	preview: ImportPreview;
}

/** The district's sites all keep China Standard Time. */
const defaultToday = () => siteToday('Asia/Shanghai');

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
	/** Rows at a site the actor may not schedule at. */
	outOfReach: number;
}

/** Importing rotations is an organizer's work; anyone else is refused before their file is read. */
function assertMayImport(actor: Actor): void {
	if (!actor.isAdmin && actor.organizerOf.length === 0) throw new Forbidden('只有组织者可以导入排班表');
}

async function checkRows(db: DbOrTx, actor: Actor, rawRows: readonly RawRow[], today: CalendarDate): Promise<CheckedSheet> {
	const [directory, activeRotations, tree] = await Promise.all([
		loadDirectory(db),
		db.select().from(rotations).where(eq(rotations.active, true)),
		loadOrgTree(db)
	]);
	const existing = new Set(activeRotations.map(rotationKey));

	const drafts = rawRows.map((raw) => {
		const result = interpretRow(raw, directory);
		if (!result.ok) return { raw, row: null, errors: result.errors, unchanged: false };
		return { raw, row: result.row, errors: [] as string[], unchanged: false };
	});
	const firstRowOfKey = new Map<string, number>();
	let outOfReach = 0;
	for (const draft of drafts) {
		if (!draft.row) continue;
		if (!can(actor, 'rotation:edit', { kind: 'rotation', orgPath: tree.pathOf(draft.row.siteOrganizationId) })) {
			outOfReach++;
			draft.errors.push(`您无权为「${draft.row.siteName}」安排坐诊`);
		}
		const key = rotationKey(draft.row.input);
		const twin = firstRowOfKey.get(key);
		if (twin !== undefined) draft.errors.push(`与第 ${twin} 行完全相同，请删除其中一行`);
		else firstRowOfKey.set(key, draft.raw.rowNumber);
		draft.unchanged = existing.has(key);
	}

	const planned: PlannedRow[] = drafts
		.filter((d) => d.row && d.errors.length === 0 && !d.unchanged)
		.map((d) => ({ ...d.row!, rowNumber: d.raw.rowNumber }));
	const clashes = await findClashes(db, planned, today);

	const rows: ImportRow[] = drafts.map(({ raw, row, errors, unchanged }) => {
		const all = [...errors, ...(clashes.get(raw.rowNumber) ?? [])];
		const status: ImportRowStatus = all.length > 0 ? 'invalid' : unchanged ? 'unchanged' : 'new';
		return {
			rowNumber: raw.rowNumber,
			ok: status !== 'invalid',
			status,
			summary: row ? describeImportedRow(row) : describeRawRow(raw),
			errors: all,
			input: row?.input ?? null
		};
	});
	const counts = { new: 0, unchanged: 0, invalid: 0 };
	for (const r of rows) counts[r.status]++;
	return {
		preview: { rows, valid: rows.length > 0 && counts.invalid === 0, counts },
		planned: new Map(planned.map((p) => [p.rowNumber, p])),
		outOfReach
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

function refusal(preview: ImportPreview): string {
	if (preview.rows.length === 0) return '表格里没有可导入的行。';
	const bad = preview.rows.filter((r) => r.status === 'invalid').map((r) => r.rowNumber);
	const listed = bad.length > 10 ? `${bad.slice(0, 10).join('、')} 等行` : `${bad.join('、')} 行`;
	return `有 ${bad.length} 行需要修改，整张表都没有导入：第 ${listed}。`;
}

/**
 * Creates every new rotation, each with its audit entry, in one transaction — or, if any row is
 * invalid, nothing at all: a 403 when a row is at a site out of the actor's reach, else a 400. The rows
 * are checked again inside the transaction, so nothing can change between the check and the writes.
 */
export async function applyRosterImport(
	db: Db,
	actor: Actor,
	bytes: Uint8Array,
	filename: string,
	today: CalendarDate = defaultToday()
): Promise<ImportResult> {
	assertMayImport(actor);
	// Reading the file needs no database, so it happens before the transaction holds the write lock.
	const rawRows = await readRosterSheet(bytes, filename);
	return db.transaction(async (tx) => {
		const { preview, planned, outOfReach } = await checkRows(tx, actor, rawRows, today);
		if (outOfReach > 0) throw new Forbidden(`有 ${outOfReach} 行的社区卫生服务中心不归您负责，整张表都没有导入。请删除这些行，或请该中心的组织者导入。`);
		if (!preview.valid) throw invalid(refusal(preview), 'file');
		for (const row of preview.rows) {
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
				summary: `导入坐诊安排：${expertName} ${whenOf(input)} ${siteName}`
			});
		}
		return { created: preview.counts.new, unchanged: preview.counts.unchanged, preview };
	});
}
