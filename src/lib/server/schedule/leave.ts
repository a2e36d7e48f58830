/**
 * Expert leave: an expert requests it, an organizer approves (arranging cover for each affected
 * sitting, or cancelling it) or declines. An organizer can also record leave directly. Only approved
 * leave takes an expert away from their sittings (they then show 专家请假 until covered).
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { CalendarDate } from '../../calendar-date';
import { formatDateRange } from '../../format/dates';
import { recordAudit } from '../audit/audit';
import { assertCan, can, Forbidden, type Actor, type ScopedObject } from '../auth/policy';
import { loadOrgTree, organizedOrgIds, scopedObject, type OrgTree } from '../auth/scope';
import type { Db, DbOrTx } from '../db/client';
import { expertLeaves, experts, organizations } from '../db/schema';
import { conflict, invalid, isDomainError, notFound } from '../errors';
import { expertsForConsole } from '../experts/manage';
import { parseOrThrow } from '../validation';
import { queueFollowerSms } from '../sms/follower-texts';
import { applySittingActionIn } from './sitting-actions';
import { warnOfShortfalls, type ChangeReach } from '../coverage/impact';
import { LeaveInput, recordLeave } from './rotations';
import { listSittings, type SittingView } from './sittings';
import { dm } from '../../i18n/domain';

/** The expert as the policy sees them; one who does not exist is a field error, as the form shows it. */
async function scopedExpert(db: DbOrTx, tree: OrgTree, expertId: string): Promise<ScopedObject> {
	try {
		return await scopedObject(db, tree, 'expert', expertId);
	} catch (e) {
		if (isDomainError(e) && e.kind === 'not_found') throw invalid(dm.schedule.errors.expertNotFound, 'expertId');
		throw e;
	}
}

/**
 * Leave as a request: an expert asks, or an organizer enters it for them; either way it waits on
 * the leave page, where an organizer arranges cover for each sitting and approves it in one step.
 * The expert may ask for themself (`leave:request`); an organizer of the expert's organization may
 * enter it for them (`leave:record`); nobody else may.
 */
export async function requestLeave(db: Db, actor: Actor, input: LeaveInput): Promise<string> {
	const leave = parseOrThrow(LeaveInput, input);
	return db.transaction(async (tx) => {
		const scoped = await scopedExpert(tx, await loadOrgTree(tx), leave.expertId);
		if (!can(actor, 'leave:request', scoped) && !can(actor, 'leave:record', scoped)) throw new Forbidden();
		const expert = (await tx.select({ name: experts.name, organizationId: experts.organizationId }).from(experts).where(eq(experts.id, leave.expertId)).get())!;
		const id = await recordLeave(tx, leave, { status: 'requested' });
		await recordAudit(tx, actor, {
			action: 'leave.request',
			objectKind: 'leave',
			objectId: id,
			organizationId: expert.organizationId,
			after: { ...leave, status: 'requested' },
			summary: dm.schedule.audit.leaveRequested(expert.name, formatDateRange(leave.startDate, leave.endDate), leave.reason)
		});
		return id;
	});
}

/** A leave as the console lists it: whose, when and why, read with `.innerJoin(experts, …)`. */
const LEAVE_WITH_EXPERT = {
	id: expertLeaves.id,
	expertId: expertLeaves.expertId,
	expertName: experts.name,
	organizationId: experts.organizationId,
	startDate: expertLeaves.startDate,
	endDate: expertLeaves.endDate,
	reason: expertLeaves.reason
};

export async function findLeave(db: DbOrTx, id: string) {
	const row = await db
		.select({ ...LEAVE_WITH_EXPERT, status: expertLeaves.status })
		.from(expertLeaves)
		.innerJoin(experts, eq(experts.id, expertLeaves.expertId))
		.where(eq(expertLeaves.id, id))
		.get();
	return row ?? null;
}

/** The expert's own sittings that fall in the leave (the ones that need cover or cancelling). */
export async function sittingsDuringLeave(db: DbOrTx, leave: { expertId: string; startDate: CalendarDate; endDate: CalendarDate }): Promise<SittingView[]> {
	const { sittings } = await listSittings(db, { from: leave.startDate, to: leave.endDate, expertId: leave.expertId });
	return sittings.filter((s) => s.rosteredExpertId === leave.expertId && s.status !== 'holiday');
}

export const LeaveResolution = z.object({
	decision: z.enum(['approve', 'decline'], { message: dm.schedule.fields.approveOrDecline }),
	/** For each affected sitting id: a substitute expert's id, 'cancel', or '' (leave it needing cover). */
	covers: z.record(z.string(), z.string()).default({}),
	/** “仍然保存”: the organizer has seen which coverage targets the approval leaves short (a checkbox sends 'on'). */
	confirmCoverage: z
		.union([z.boolean(), z.literal('on')])
		.optional()
		.transform((v) => v === true || v === 'on')
});
export type LeaveResolution = z.input<typeof LeaveResolution>;

/** An affected sitting as the leave page shows it: who may arrange its cover. */
export type SittingToCover = SittingView & {
	/** null when this organizer may arrange it; else the organization whose center it is, which must. */
	arrangedBy: string | null;
};

/**
 * The leave request and its affected sittings, for an organizer who may resolve it. A sitting at a
 * center of another organization (an expert of 陈家桥 sitting at a 区人民医院 center) is listed with the
 * organization that arranges its cover: approving the leave leaves it needing cover there, where that
 * organization's planning grid and conflicts show it, and only they may cancel or substitute it.
 */
export async function leaveForResolution(db: DbOrTx, actor: Actor, leaveId: string) {
	const tree = await loadOrgTree(db);
	assertCan(actor, 'leave:resolve', await scopedObject(db, tree, 'leave', leaveId));
	const leave = await findLeave(db, leaveId);
	if (!leave) throw notFound(dm.schedule.errors.leaveNotFound);
	const sittings: SittingToCover[] = [];
	for (const sitting of await sittingsDuringLeave(db, leave)) {
		sittings.push({ ...sitting, arrangedBy: await coverArrangedElsewhere(db, tree, actor, sitting.id) });
	}
	return { leave, sittings };
}

/** null when the actor may change this sitting; else the name of the organization that may. */
async function coverArrangedElsewhere(db: DbOrTx, tree: OrgTree, actor: Actor, sittingId: string): Promise<string | null> {
	const sitting = await scopedObject(db, tree, 'sitting', sittingId);
	if (can(actor, 'sitting:change', sitting)) return null;
	const owner = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, sitting.orgPath[0]!)).get();
	return owner?.name ?? dm.schedule.labels.siteOwner;
}

/**
 * Approves (with cover arranged per sitting) or declines a leave request, all in one transaction: the
 * leave, every substitution or cancellation, and their audit entries commit together. Resolving needs
 * `leave:resolve` on the expert's organization; each cover also needs `sitting:change` on the sitting's
 * center, because the sitting is reached through the leave and belongs to whoever runs that center.
 */
export async function resolveLeave(db: Db, actor: Actor, leaveId: string, input: LeaveResolution): Promise<void> {
	const resolution = parseOrThrow(LeaveResolution, input);
	await db.transaction(async (tx) => {
		const tree = await loadOrgTree(tx);
		assertCan(actor, 'leave:resolve', await scopedObject(tx, tree, 'leave', leaveId));
		const leave = await findLeave(tx, leaveId);
		if (!leave) throw notFound(dm.schedule.errors.leaveNotFound);
		if (leave.status !== 'requested') throw conflict(dm.schedule.errors.leaveAlreadyDecided, 'form');
		const during = await sittingsDuringLeave(tx, leave);
		const affected = new Set(during.map((s) => s.id));
		const covers = Object.entries(resolution.covers).filter(([, cover]) => cover);
		for (const [sittingId] of covers) {
			if (!affected.has(sittingId)) throw invalid(dm.schedule.errors.sittingNotInLeave, 'form');
			const elsewhere = await coverArrangedElsewhere(tx, tree, actor, sittingId);
			if (elsewhere) throw new Forbidden(dm.schedule.errors.otherOrganizersSitting(elsewhere));
		}
		const status = resolution.decision === 'approve' ? 'approved' : 'declined';
		// Approving takes the expert's sittings away (or hands them to others): the targets that leaves
		// short are named before anything is saved, once for the whole leave, not once per cover.
		const reach: ChangeReach =
			status === 'approved'
				? {
						siteIds: [...new Set(during.map((s) => s.siteId))],
						expertIds: [leave.expertId, ...covers.map(([, cover]) => cover).filter((c) => c !== 'cancel')],
						dates: during.map((s) => s.date)
					}
				: { siteIds: [], expertIds: [], dates: [] };
		await warnOfShortfalls(tx, reach, resolution.confirmCoverage, async () => {
			await tx.update(expertLeaves).set({ status }).where(eq(expertLeaves.id, leaveId));
			await recordAudit(tx, actor, {
				action: `leave.${resolution.decision}`,
				objectKind: 'leave',
				objectId: leaveId,
				organizationId: leave.organizationId,
				before: { status: 'requested' },
				after: { status },
				summary: dm.schedule.audit.leaveDecided(status === 'approved' ? dm.schedule.audit.approve : dm.schedule.audit.decline, leave.expertName, formatDateRange(leave.startDate, leave.endDate))
			});
			if (status !== 'approved') return;
			for (const [sittingId, cover] of covers) {
				await applySittingActionIn(
					tx,
					actor,
					sittingId,
					cover === 'cancel'
						? { action: 'cancel', reason: dm.schedule.labels.leaveCancelReason(leave.expertName, leave.reason) }
						: // The leave page lists other departments apart (其他专家): choosing there is the confirmation.
							{ action: 'substitute', substituteExpertId: cover, reason: dm.schedule.labels.leaveSubstituteReason(leave.expertName), confirmOtherDepartment: '1' },
					// The desk picks each cover from a list of experts: one who gives a lecture or staffs a
					// clinic at that hour is refused (the message names it) so another is chosen. A cover the
					// organizer has arranged around it can still be set on the sitting's own page, with “仍然保存”.
					{ crossKind: 'block', coverage: 'skip' }
				);
			}
		});
		if (status !== 'approved') return;
		// A sitting left uncovered shows 专家请假 and nobody sits: its followers are told as of a cancellation.
		for (const sitting of await sittingsDuringLeave(tx, leave)) {
			if (sitting.status === 'needs_cover') await queueFollowerSms(tx, 'cancel', sitting, sitting);
		}
	});
}

/**
 * The organizer's leave desk: requests waiting for them and the active experts they may enter leave
 * for, both limited to the organizations they run (everything for an admin).
 */
export async function leaveDeskOfOrganizer(db: DbOrTx, actor: Actor) {
	return {
		leave: await pendingLeaveRequests(db, actor),
		experts: (await expertsForConsole(db, actor)).filter((e) => e.active)
	};
}

/**
 * Leave requests waiting for this actor: those of experts of the hospitals they organize (all for an
 * admin, none for anyone else). The scope is worked out here, not passed in, so no caller can widen it.
 */
export async function pendingLeaveRequests(db: DbOrTx, actor: Actor) {
	const organizationIds = organizedOrgIds(actor, await loadOrgTree(db));
	if (organizationIds?.size === 0) return [];
	const rows = await db
		.select(LEAVE_WITH_EXPERT)
		.from(expertLeaves)
		.innerJoin(experts, eq(experts.id, expertLeaves.expertId))
		.where(
			and(
				eq(expertLeaves.status, 'requested'),
				organizationIds ? inArray(experts.organizationId, [...organizationIds]) : undefined
			)
		)
		.orderBy(expertLeaves.startDate);
	return rows.map((r) => ({ ...r, range: formatDateRange(r.startDate, r.endDate) }));
}

/** An expert's own leave, newest first, for their self-service page; only they (or an admin) see it. */
export async function leavesOfExpert(db: DbOrTx, actor: Actor, expertId: string) {
	assertCan(actor, 'schedule:view-own', { kind: 'expert', orgPath: [], expertId });
	const rows = await db.select().from(expertLeaves).where(eq(expertLeaves.expertId, expertId)).orderBy(desc(expertLeaves.startDate)).limit(20);
	return rows.map((r) => ({ ...r, range: formatDateRange(r.startDate, r.endDate) }));
}
