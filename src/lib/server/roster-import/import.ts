/**
 * Roster import: preview every row, then import all of them in one transaction or none. A row equal
 * to an existing rotation is 'unchanged', so importing the same sheet again changes nothing.
 */
import { and, eq } from 'drizzle-orm';
import type { CalendarDate } from '../../calendar-date';
import { recordAudit, type AuditActor } from '../audit/audit';
import type { Db, DbOrTx } from '../db/client';
import { departments, experts, rotations, sites } from '../db/schema';
import { invalid } from '../errors';
import { parseRecurrence, describeRecurrence } from '../schedule/recurrence';
import { previewRotation } from '../schedule/rotation-plan';
import { createRotation, type RotationInput } from '../schedule/rotations';
import { interpretRow, mapHeader, type Directory } from './interpret';
import { readRosterSheet } from './read-sheet';

export interface ImportRow {
	rowNumber: number;
	status: 'new' | 'unchanged' | 'invalid';
	summary: string;
	errors: string[];
	input: RotationInput | null;
}
export interface ImportPreview {
	rows: ImportRow[];
	valid: boolean;
	counts: { new: number; unchanged: number; invalid: number };
}

async function loadDirectory(db: DbOrTx): Promise<Directory> {
	const [expertRows, siteRows, departmentRows] = await Promise.all([
		db
			.select({ id: experts.id, name: experts.name, title: experts.title, departmentName: departments.name })
			.from(experts)
			.innerJoin(departments, eq(departments.id, experts.departmentId))
			.where(eq(experts.active, true)),
		db.select({ id: sites.id, name: sites.name }).from(sites).where(eq(sites.active, true)),
		db.select({ id: departments.id, name: departments.name }).from(departments)
	]);
	return { experts: expertRows, sites: siteRows, departments: departmentRows };
}

const keyOf = (r: RotationInput) =>
	[r.expertId, r.siteId, r.departmentId, parseRecurrence(r.rrule).text, r.startTime, r.endTime, r.validFrom, r.validUntil ?? '', r.quota ?? ''].join('|');

const weekdaysOf = (rule: string) => new Set(parseRecurrence(rule).byDay.map((d) => d.day));
function overlaps(a: RotationInput, b: RotationInput): boolean {
	if (a.expertId !== b.expertId) return false;
	if (!(a.startTime < b.endTime && b.startTime < a.endTime)) return false;
	if (a.validUntil && a.validUntil < b.validFrom) return false;
	if (b.validUntil && b.validUntil < a.validFrom) return false;
	const da = weekdaysOf(a.rrule);
	return [...weekdaysOf(b.rrule)].some((d) => da.has(d));
}

export async function previewRosterImport(
	db: DbOrTx,
	bytes: Uint8Array,
	filename: string,
	scope: { siteIds: Set<string> | null },
	today: CalendarDate
): Promise<ImportPreview> {
	const sheet = await readRosterSheet(bytes, filename);
	const { index, missing } = mapHeader(sheet.header);
	if (missing.length > 0) throw invalid(`表格缺少这些列：${missing.join('、')}。请下载模板对照表头。`, 'file');
	const dir = await loadDirectory(db);
	const existing = new Set(
		(await db.select().from(rotations).where(and(eq(rotations.active, true)))).map((r) =>
			keyOf({ ...r, validUntil: r.validUntil, quota: r.quota })
		)
	);
	const rows: ImportRow[] = [];
	const seen = new Map<string, number>();
	for (const row of sheet.rows) {
		const result = interpretRow(row.cells, index, dir);
		if (!result.ok) {
			rows.push({ rowNumber: row.rowNumber, status: 'invalid', summary: row.cells.filter(Boolean).join(' · '), errors: result.errors, input: null });
			continue;
		}
		const { input } = result;
		const summary = `${result.expertName} · ${describeRecurrence(input.rrule)} ${input.startTime}–${input.endTime} · ${result.siteName}`;
		const errors: string[] = [];
		if (scope.siteIds && !scope.siteIds.has(input.siteId)) errors.push(`您无权为「${result.siteName}」安排坐诊`);
		const key = keyOf(input);
		const twin = seen.get(key);
		if (twin !== undefined) errors.push(`与第 ${twin} 行重复`);
		const clash = rows.find((other) => other.input && other.status === 'new' && overlaps(other.input, input));
		if (clash) errors.push(`与第 ${clash.rowNumber} 行同一专家时间重叠`);
		const unchanged = existing.has(key);
		if (errors.length === 0 && !unchanged) {
			const preview = await previewRotation(db, input, { today });
			for (const c of preview.blocking) errors.push(`与已有安排冲突：${c.date} ${c.message}`);
		}
		seen.set(key, row.rowNumber);
		rows.push({ rowNumber: row.rowNumber, status: errors.length ? 'invalid' : unchanged ? 'unchanged' : 'new', summary, errors, input });
	}
	const counts = {
		new: rows.filter((r) => r.status === 'new').length,
		unchanged: rows.filter((r) => r.status === 'unchanged').length,
		invalid: rows.filter((r) => r.status === 'invalid').length
	};
	return { rows, valid: counts.invalid === 0 && rows.length > 0, counts };
}

/** Imports every new row in one transaction, or nothing if any row is invalid. */
export async function applyRosterImport(
	db: Db,
	actor: AuditActor,
	bytes: Uint8Array,
	filename: string,
	scope: { siteIds: Set<string> | null },
	today: CalendarDate
): Promise<{ created: number; unchanged: number; preview: ImportPreview }> {
	return db.transaction(async (tx) => {
		// Checked again inside the transaction: nothing may change between the check and the writes.
		const preview = await previewRosterImport(tx, bytes, filename, scope, today);
		if (!preview.valid) {
			throw invalid(preview.rows.length === 0 ? '表格里没有可导入的行。' : `有 ${preview.counts.invalid} 行需要修改，整张表都没有导入。`, 'file');
		}
		for (const row of preview.rows.filter((r) => r.status === 'new')) {
			const id = await createRotation(tx, row.input!);
			const site = await tx.select({ organizationId: sites.organizationId }).from(sites).where(eq(sites.id, row.input!.siteId)).get();
			await recordAudit(tx, actor, {
				action: 'rotation.import',
				objectKind: 'rotation',
				objectId: id,
				organizationId: site?.organizationId ?? null,
				after: { ...row.input, sheetRow: row.rowNumber },
				summary: `导入坐诊安排（第 ${row.rowNumber} 行）：${row.summary}`
			});
		}
		return { created: preview.counts.new, unchanged: preview.counts.unchanged, preview };
	});
}
