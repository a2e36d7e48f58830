/**
 * Roster import: check every row of the sheet, then create all new rotations in one transaction or
 * none. A row equal to an active rotation is 'unchanged' and left alone, so importing the same sheet
 * again changes nothing.
 */
import { eq } from 'drizzle-orm';
import type { CalendarDate } from '../../calendar-date';
import { recordAudit, type AuditActor } from '../audit/audit';
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

/** Sites the importing organizer may schedule at; null for an admin, who may schedule anywhere. */
export interface ImportScope {
	siteIds: ReadonlySet<string> | null;
}

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
}

async function checkRows(db: DbOrTx, rawRows: readonly RawRow[], scope: ImportScope, today: CalendarDate): Promise<CheckedSheet> {
	const [directory, activeRotations] = await Promise.all([loadDirectory(db), db.select().from(rotations).where(eq(rotations.active, true))]);
	const existing = new Set(activeRotations.map(rotationKey));

	const drafts = rawRows.map((raw) => {
		const result = interpretRow(raw, directory);
		if (!result.ok) return { raw, row: null, errors: result.errors, unchanged: false };
		return { raw, row: result.row, errors: [] as string[], unchanged: false };
	});
	const firstRowOfKey = new Map<string, number>();
	for (const draft of drafts) {
		if (!draft.row) continue;
		if (scope.siteIds && !scope.siteIds.has(draft.row.input.siteId)) draft.errors.push(`您无权为「${draft.row.siteName}」安排坐诊`);
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
		planned: new Map(planned.map((p) => [p.rowNumber, p]))
	};
}

/** What every row would become; nothing is written. File-level problems throw a DomainError. */
export async function previewRosterImport(
	db: DbOrTx,
	bytes: Uint8Array,
	filename: string,
	scope: ImportScope,
	today: CalendarDate = defaultToday()
): Promise<ImportPreview> {
	const rows = await readRosterSheet(bytes, filename);
	return (await checkRows(db, rows, scope, today)).preview;
}

function refusal(preview: ImportPreview): string {
	if (preview.rows.length === 0) return '表格里没有可导入的行。';
	const bad = preview.rows.filter((r) => r.status === 'invalid').map((r) => r.rowNumber);
	const listed = bad.length > 10 ? `${bad.slice(0, 10).join('、')} 等行` : `${bad.join('、')} 行`;
	return `有 ${bad.length} 行需要修改，整张表都没有导入：第 ${listed}。`;
}

/**
 * Creates every new rotation, each with its audit entry, in one transaction — or, if any row is
 * invalid, nothing at all (DomainError 'invalid'). The rows are checked again inside the transaction,
 * so nothing can change between the check and the writes.
 */
export async function applyRosterImport(
	db: Db,
	actor: AuditActor,
	bytes: Uint8Array,
	filename: string,
	scope: ImportScope,
	today: CalendarDate = defaultToday()
): Promise<ImportResult> {
	// Reading the file needs no database, so it happens before the transaction holds the write lock.
	const rawRows = await readRosterSheet(bytes, filename);
	return db.transaction(async (tx) => {
		const { preview, planned } = await checkRows(tx, rawRows, scope, today);
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
