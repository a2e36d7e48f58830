/**
 * Planning a rotation before it exists: the next sittings it would produce and the conflicts it would
 * cause, and saving it only when nothing is double-booked. Used by the console's rotation editor and
 * by the roster import, so both refuse the same things.
 */
import { and, eq } from 'drizzle-orm';
import { addDays, type CalendarDate } from '../../calendar-date';
import { recordAudit, changedFields, type AuditActor } from '../audit/audit';
import type { Db, DbOrTx } from '../db/client';
import { expertLeaves, experts, rotations, sites, sittingOverrides } from '../db/schema';
import { conflict, notFound } from '../errors';
import { parseOrThrow } from '../validation';
import { findConflicts, type Conflict } from './conflicts';
import { expandRotation, type OccurrenceOverride, type RotationRule, type Sitting } from './expand';
import { describeRecurrence, parseRecurrence } from './recurrence';
import { createRotation, RotationInput } from './rotations';
import { unknownHolidayYears } from './holidays';
import { listSittings, loadHolidayCalendar, loadSwapDayResolver } from './sittings';

/** How far ahead the editor looks for the next sittings and their conflicts. */
const PREVIEW_HORIZON_DAYS = 182;
export const PREVIEW_COUNT = 8;
/** Conflicts that make a rotation impossible; the others (holiday, leave) are shown as warnings. */
const BLOCKING: Conflict['kind'][] = ['expert_double_booked', 'site_over_rooms'];

export interface RotationPreview {
	sittings: Sitting[];
	conflicts: Conflict[];
	blocking: Conflict[];
	description: string;
	/** Years the preview reaches that have no holiday data yet: its holidays may be wrong there. */
	unknownHolidayYears: number[];
}

type ParsedRotation = ReturnType<typeof parseRotationInput>;

function parseRotationInput(input: RotationInput) {
	const values = parseOrThrow(RotationInput, input);
	return { ...values, rrule: parseRecurrence(values.rrule).text };
}

/**
 * The next sittings of `input` from `today` (or its first day) and the conflicts with everything
 * already planned for the same expert or site. `rotationId` is the rotation being edited: its own
 * current sittings are left out, its per-date overrides kept.
 */
export async function previewRotation(
	db: DbOrTx,
	input: RotationInput,
	options: { today: CalendarDate; rotationId?: string | null; count?: number }
): Promise<RotationPreview> {
	const values = parseRotationInput(input);
	return previewParsed(db, values, options);
}

async function previewParsed(
	db: DbOrTx,
	values: ParsedRotation,
	options: { today: CalendarDate; rotationId?: string | null; count?: number }
): Promise<RotationPreview> {
	const count = options.count ?? PREVIEW_COUNT;
	const id = options.rotationId ?? 'new';
	const from = values.validFrom > options.today ? values.validFrom : options.today;
	const horizon = addDays(from, PREVIEW_HORIZON_DAYS);
	const to = values.validUntil && values.validUntil < horizon ? values.validUntil : horizon;
	const rule: RotationRule = { id, ...values };

	const [holidays, swapDayWeekday, overrideRows, leaves] = await Promise.all([
		loadHolidayCalendar(db),
		loadSwapDayResolver(db),
		options.rotationId
			? db.select().from(sittingOverrides).where(eq(sittingOverrides.rotationId, options.rotationId))
			: Promise.resolve([]),
		db
			.select({ expertId: expertLeaves.expertId, startDate: expertLeaves.startDate, endDate: expertLeaves.endDate, reason: expertLeaves.reason })
			.from(expertLeaves)
			.where(and(eq(expertLeaves.expertId, values.expertId), eq(expertLeaves.status, 'approved')))
	]);
	const overrides = new Map<CalendarDate, OccurrenceOverride>(overrideRows.map((o) => [o.originalDate, o]));
	const all = from <= to ? expandRotation(rule, from, to, { holidays, swapDayWeekday, overrides, leaves }) : [];
	const sittings = all.slice(0, count);
	const description = describeRecurrence(values.rrule);
	if (sittings.length === 0) return { sittings, conflicts: [], blocking: [], description, unknownHolidayYears: [] };
	const unknownYears = unknownHolidayYears(holidays, from, sittings[sittings.length - 1]!.date);

	const last = sittings[sittings.length - 1]!.date;
	const [byExpert, bySite, siteRows] = await Promise.all([
		listSittings(db, { from, to: last, expertId: values.expertId }),
		listSittings(db, { from, to: last, siteIds: [values.siteId] }),
		db.select({ id: sites.id, name: sites.name, rooms: sites.rooms }).from(sites).where(eq(sites.id, values.siteId))
	]);
	const others = new Map<string, Sitting>();
	for (const s of [...byExpert.sittings, ...bySite.sittings]) if (s.rotationId !== id) others.set(s.id, s);
	const names = new Map<string, string>();
	for (const s of [...byExpert.sittings, ...bySite.sittings]) {
		names.set(s.expertId, s.expert.name);
		names.set(s.siteId, s.site.name);
	}
	const expertRow = await db.select({ name: experts.name }).from(experts).where(eq(experts.id, values.expertId)).get();
	if (expertRow) names.set(values.expertId, expertRow.name);
	for (const s of siteRows) names.set(s.id, s.name);
	// Sites the expert sits at elsewhere are named too.
	const otherSiteIds = [...new Set([...others.values()].map((s) => s.siteId))].filter((sid) => !names.has(sid));
	for (const sid of otherSiteIds) {
		const row = await db.select({ name: sites.name }).from(sites).where(eq(sites.id, sid)).get();
		if (row) names.set(sid, row.name);
	}

	const ownIds = new Set(sittings.map((s) => s.id));
	const conflicts = findConflicts([...sittings, ...others.values()], {
		expert: (eid) => names.get(eid) ?? '该专家',
		site: (sid) => names.get(sid) ?? '该站点',
		rooms: (sid) => siteRows.find((s) => s.id === sid)?.rooms ?? null
	}).filter((c) => c.sittingIds.some((sid) => ownIds.has(sid)));
	return {
		sittings,
		conflicts,
		blocking: conflicts.filter((c) => BLOCKING.includes(c.kind)),
		description,
		unknownHolidayYears: unknownYears
	};
}

function refuseBlocking(preview: RotationPreview): void {
	const first = preview.blocking[0];
	if (first) {
		const more = preview.blocking.length > 1 ? `（另有 ${preview.blocking.length - 1} 处冲突）` : '';
		throw conflict(`无法保存：${first.date} ${first.message}${more}`, 'form');
	}
}

async function auditLabel(db: DbOrTx, values: ParsedRotation): Promise<{ label: string; organizationId: string | null }> {
	const [expert, site] = await Promise.all([
		db.select({ name: experts.name }).from(experts).where(eq(experts.id, values.expertId)).get(),
		db.select({ name: sites.name, organizationId: sites.organizationId }).from(sites).where(eq(sites.id, values.siteId)).get()
	]);
	return {
		label: `${expert?.name ?? ''} ${describeRecurrence(values.rrule)} ${values.startTime}–${values.endTime} ${site?.name ?? ''}`,
		organizationId: site?.organizationId ?? null
	};
}

/** Creates a rotation unless it double-books someone; one transaction with its audit entry. */
export async function createPlannedRotation(
	db: Db,
	actor: AuditActor,
	input: RotationInput,
	options: { today: CalendarDate }
): Promise<string> {
	const values = parseRotationInput(input);
	return db.transaction(async (tx) => {
		refuseBlocking(await previewParsed(tx, values, { today: options.today }));
		const id = await createRotation(tx, values);
		const { label, organizationId } = await auditLabel(tx, values);
		await recordAudit(tx, actor, {
			action: 'rotation.create',
			objectKind: 'rotation',
			objectId: id,
			organizationId,
			after: values,
			summary: `新建坐诊安排：${label}`
		});
		return id;
	});
}

/**
 * Changes a rotation's rule. `expectedVersion` is the version the form was opened at: if someone else
 * saved in between, the edit is refused rather than silently overwriting theirs.
 */
export async function updatePlannedRotation(
	db: Db,
	actor: AuditActor,
	id: string,
	input: RotationInput,
	options: { today: CalendarDate; expectedVersion: number }
): Promise<void> {
	const values = parseRotationInput(input);
	await db.transaction(async (tx) => {
		const current = await tx.select().from(rotations).where(eq(rotations.id, id)).get();
		if (!current) throw notFound('坐诊安排不存在');
		if (current.version !== options.expectedVersion) {
			throw conflict('这条坐诊安排在您打开之后已被其他人修改。请查看最新内容后再改。', 'form');
		}
		refuseBlocking(await previewParsed(tx, values, { today: options.today, rotationId: id }));
		const result = await tx
			.update(rotations)
			.set({ ...values, version: current.version + 1 })
			.where(and(eq(rotations.id, id), eq(rotations.version, options.expectedVersion)));
		if (result.rowsAffected === 0) throw conflict('这条坐诊安排刚刚被其他人修改。请查看最新内容后再改。', 'form');
		const { label, organizationId } = await auditLabel(tx, values);
		const diff = changedFields(current as unknown as Record<string, unknown>, values);
		await recordAudit(tx, actor, {
			action: 'rotation.update',
			objectKind: 'rotation',
			objectId: id,
			organizationId,
			before: diff.before,
			after: diff.after,
			summary: `修改坐诊安排：${label}`
		});
	});
}

/**
 * Ends a rotation from today on. Past sittings stay visible (they happened); a rotation that never
 * started is switched off instead. Nothing is deleted.
 */
export async function endRotation(db: Db, actor: AuditActor, id: string, options: { today: CalendarDate }): Promise<void> {
	await db.transaction(async (tx) => {
		const current = await tx.select().from(rotations).where(eq(rotations.id, id)).get();
		if (!current) throw notFound('坐诊安排不存在');
		const yesterday = addDays(options.today, -1);
		const change =
			current.validFrom > yesterday
				? { active: false }
				: { validUntil: current.validUntil && current.validUntil < yesterday ? current.validUntil : yesterday };
		await tx
			.update(rotations)
			.set({ ...change, version: current.version + 1 })
			.where(eq(rotations.id, id));
		const { label, organizationId } = await auditLabel(tx, current);
		const diff = changedFields(current as unknown as Record<string, unknown>, change);
		await recordAudit(tx, actor, {
			action: 'rotation.end',
			objectKind: 'rotation',
			objectId: id,
			organizationId,
			before: diff.before,
			after: diff.after,
			summary: `结束坐诊安排：${label}`
		});
	});
}
