/**
 * Planning a rotation before it exists: the next sittings it would produce and the conflicts it would
 * cause, and saving it only when nothing is double-booked, for the console's rotation editor.
 *
 * Access, checked here before anything else: `rotation:edit` on the rotation (it belongs to whoever
 * runs its center) and on the center it is planned at. The expert is the other object a rotation
 * touches: any active expert of the district may be rostered, including one of another organization
 * (experts of the lead hospitals sit at member centers across the 医共体, and the editor has always
 * offered the whole district), but not one who does not exist or was deactivated.
 */
import { and, eq } from 'drizzle-orm';
import { addDays, type CalendarDate } from '../../calendar-date';
import { auditTrailView, changedFields, recordAudit } from '../audit/audit';
import { assertCan, type Actor, type ScopedObject } from '../auth/policy';
import { authorize, loadOrgTree, scopedObject, type OrgTree } from '../auth/scope';
import type { Db, DbOrTx } from '../db/client';
import { departments, expertLeaves, experts, rotations, sites, sittingOverrides } from '../db/schema';
import { conflict, invalid, isDomainError, notFound } from '../errors';
import { clashesOf, sittingCommitment } from './commitments';
import { busyConflict, findConflicts, type Conflict } from './conflicts';
import { expandRotation, type OccurrenceOverride, type RotationRule, type Sitting } from './expand';
import { describeRecurrence } from './recurrence';
import { createRotation, findRotation, RotationInput } from './rotations';
import { unknownHolidayYears } from './holidays';
import { queueScheduleChangeSms } from '../sms/follower-texts';
import { listSittings, loadHolidayCalendar, loadSwapDayResolver } from './sittings';
import { dm } from '../../i18n/domain';
import { parseRotationInput, PREVIEW_HORIZON_DAYS, auditLabel, upcomingSittingsOf, type ParsedRotation } from './rotation-rules';
import { restoreOfferFor } from './rotation-end';

export const PREVIEW_COUNT = 8;
/** Conflicts that make a rotation impossible; the others (holiday, leave, a lecture or clinic) are shown as warnings. */
const BLOCKING: Conflict['kind'][] = ['expert_double_booked', 'site_over_rooms'];

export interface RotationPreview {
	sittings: Sitting[];
	conflicts: Conflict[];
	blocking: Conflict[];
	description: string;
	/** Years the preview reaches that have no holiday data yet: its holidays may be wrong there. */
	unknownHolidayYears: number[];
}

/**
 * What a rotation may be planned with, for this actor: a center they run (a missing one is a field
 * error, as the form shows it), an active expert of the district and an existing department.
 * `currentExpertId` is the expert of the rotation being edited: a rotation whose expert was
 * deactivated since can still be changed (ended, moved) without picking someone else.
 */
async function assertMayPlan(db: DbOrTx, tree: OrgTree, actor: Actor, values: ParsedRotation, currentExpertId: string | null): Promise<void> {
	let site: ScopedObject;
	try {
		site = await scopedObject(db, tree, 'site', values.siteId);
	} catch (e) {
		if (isDomainError(e) && e.kind === 'not_found') throw invalid(dm.schedule.errors.siteNotFound, 'siteId');
		throw e;
	}
	assertCan(actor, 'rotation:edit', site);
	if (values.expertId !== currentExpertId) {
		const expert = await db.select({ active: experts.active }).from(experts).where(eq(experts.id, values.expertId)).get();
		if (!expert || !expert.active) throw invalid(dm.schedule.errors.expertNotFoundOrInactive, 'expertId');
	}
	const department = await db.select({ id: departments.id }).from(departments).where(eq(departments.id, values.departmentId)).get();
	if (!department) throw invalid(dm.schedule.errors.departmentNotFound, 'departmentId');
}

/** `rotation:edit` on an existing rotation; its current expert, for `assertMayPlan`. */
async function assertMayEditRotation(db: DbOrTx, tree: OrgTree, actor: Actor, rotationId: string): Promise<{ expertId: string }> {
	assertCan(actor, 'rotation:edit', await scopedObject(db, tree, 'rotation', rotationId));
	const row = await db.select({ expertId: rotations.expertId }).from(rotations).where(eq(rotations.id, rotationId)).get();
	if (!row) throw notFound(dm.schedule.errors.rotationNotFound);
	return row;
}

/**
 * The next sittings of `input` from `today` (or its first day) and the conflicts with everything
 * already planned for the same expert or site. `rotationId` is the rotation being edited: its own
 * current sittings are left out, its per-date overrides kept. Checked as saving would be, so the
 * preview refuses what saving would refuse.
 */
export async function previewRotation(
	db: DbOrTx,
	actor: Actor,
	input: RotationInput,
	options: { today: CalendarDate; rotationId?: string | null; count?: number }
): Promise<RotationPreview> {
	const values = parseRotationInput(input);
	const tree = await loadOrgTree(db);
	const current = options.rotationId ? await assertMayEditRotation(db, tree, actor, options.rotationId) : null;
	await assertMayPlan(db, tree, actor, values, current?.expertId ?? null);
	return previewParsed(db, values, options);
}

/**
 * A rotation as its editor opens it: the stored rule, its next sittings and conflicts, its audit trail,
 * and, after an end nothing has changed since, the way to take the end back.
 */
export async function rotationForEditing(db: DbOrTx, actor: Actor, id: string, options: { today: CalendarDate; now?: Date }) {
	await authorize(db, actor, 'rotation:view', 'rotation', id);
	const rotation = await findRotation(db, id);
	if (!rotation) throw notFound(dm.schedule.errors.rotationNotFound);
	const preview = await previewParsed(db, parseRotationInput(rotation), { today: options.today, rotationId: id });
	const restore = await restoreOfferFor(db, rotation, options.now ?? new Date());
	return { rotation, preview, trail: await auditTrailView(db, 'rotation', id), restore };
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
		expert: (eid) => names.get(eid) ?? dm.schedule.labels.thisExpert,
		site: (sid) => names.get(sid) ?? dm.schedule.labels.thisSite,
		rooms: (sid) => siteRows.find((s) => s.id === sid)?.rooms ?? null
	}).filter((c) => c.sittingIds.some((sid) => ownIds.has(sid)));
	// A lecture, free clinic or volunteer shift at the same hour is a warning, not a refusal: a rotation
	// repeats for months and the clash is one date, which the organizer settles on that date (a
	// substitute or a cancelled sitting, or someone else giving the lecture) — refusing the whole
	// rotation for one afternoon would stop the plan, not the clash.
	const planned = sittings.flatMap((s) => sittingCommitment(s, { expert: names.get(s.expertId) ?? dm.schedule.labels.thisExpert, site: names.get(s.siteId) ?? dm.schedule.labels.thisSite }) ?? []);
	conflicts.push(...(await clashesOf(db, planned, { crossKindOnly: true })).map(busyConflict));
	conflicts.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
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
		const more = preview.blocking.length > 1 ? dm.schedule.errors.moreConflicts(preview.blocking.length - 1) : '';
		throw conflict(dm.schedule.errors.cannotSave(first.message, more), 'form');
	}
}

/** Creates a rotation unless it double-books someone; one transaction with its audit entry. */
export async function createPlannedRotation(
	db: Db,
	actor: Actor,
	input: RotationInput,
	options: { today: CalendarDate }
): Promise<string> {
	const values = parseRotationInput(input);
	return db.transaction(async (tx) => {
		await assertMayPlan(tx, await loadOrgTree(tx), actor, values, null);
		refuseBlocking(await previewParsed(tx, values, { today: options.today }));
		const id = await createRotation(tx, values);
		const { label, organizationId } = await auditLabel(tx, values);
		await recordAudit(tx, actor, {
			action: 'rotation.create',
			objectKind: 'rotation',
			objectId: id,
			organizationId,
			after: values,
			summary: dm.schedule.audit.rotationCreated(label)
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
	actor: Actor,
	id: string,
	input: RotationInput,
	options: { today: CalendarDate; expectedVersion: number }
): Promise<void> {
	const values = parseRotationInput(input);
	await db.transaction(async (tx) => {
		const tree = await loadOrgTree(tx);
		// Both ends of a move: the center it leaves and the one it goes to must be the actor's.
		const { expertId } = await assertMayEditRotation(tx, tree, actor, id);
		await assertMayPlan(tx, tree, actor, values, expertId);
		const current = await tx.select().from(rotations).where(eq(rotations.id, id)).get();
		if (!current) throw notFound(dm.schedule.errors.rotationNotFound);
		if (current.version !== options.expectedVersion) {
			throw conflict(dm.schedule.errors.rotationChangedSinceOpened, 'form');
		}
		refuseBlocking(await previewParsed(tx, values, { today: options.today, rotationId: id }));
		const sites = [current.siteId, values.siteId];
		const expected = await upcomingSittingsOf(tx, id, sites, options.today);
		const result = await tx
			.update(rotations)
			.set({ ...values, version: current.version + 1 })
			.where(and(eq(rotations.id, id), eq(rotations.version, options.expectedVersion)));
		if (result.rowsAffected === 0) throw conflict(dm.schedule.errors.rotationJustChanged, 'form');
		// Residents who follow the expert or the center hear of the sittings this edit takes away or moves.
		await queueScheduleChangeSms(tx, expected, await upcomingSittingsOf(tx, id, sites, options.today));
		const { label, organizationId } = await auditLabel(tx, values);
		const diff = changedFields(current as unknown as Record<string, unknown>, values);
		await recordAudit(tx, actor, {
			action: 'rotation.update',
			objectKind: 'rotation',
			objectId: id,
			organizationId,
			before: diff.before,
			after: diff.after,
			summary: dm.schedule.audit.rotationUpdated(label)
		});
	});
}
