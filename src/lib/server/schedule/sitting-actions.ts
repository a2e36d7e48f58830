/**
 * What an organizer does to one sitting: cancel with a reason, hand it to a substitute, move it,
 * change its quota, or undo every change. Each action changes only its own fields of the occurrence's
 * override (a quota change keeps a substitution) and is recorded in the audit log, in one transaction.
 *
 * Access: `sitting:change` on the sitting, which belongs to whoever runs its center (not to the
 * organization of the expert rostered there). A substitute may be any active expert of the district,
 * including one of another organization: experts are a shared pool in the 医共体 (the editor's lists are
 * district-wide for the same reason), the center's organizer is the one who arranges its sittings, and
 * the substitute is told by mail in the same transaction. A substitute of another department than the
 * sitting's needs `confirmOtherDepartment`: residents come for the department the center advertised.
 *
 * Every action returns its one-line summary and, when the change is one experts are told of, who was
 * told and who must be called (also kept in the audit log as a `sitting.notify` entry, so the page can
 * show it after the redirect and the trail keeps it).
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { addDays, parseCalendarDate, type CalendarDate } from '../../calendar-date';
import { formatSittingWhen } from '../../format/dates';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/policy';
import { authorize } from '../auth/scope';
import type { Db, DbOrTx } from '../db/client';
import { departments, experts, rotations, sites, sittingOverrides } from '../db/schema';
import { conflict, invalid, notFound } from '../errors';
import { calendarDateField, parseOrThrow } from '../validation';
import { clashesOf, isCrossKind, sittingViewCommitment } from './commitments';
import { MAX_MOVE_DAYS } from './expand';
import { changeSitting, restoreSitting, type SittingChange } from './rotations';
import { listSittings, type SittingView } from './sittings';
import { queueSittingChangeMail, type SittingNotice } from '../notify/sitting-mail';
import { sittingNoticeLine } from '../notify/sitting-notice';
import { queueFollowerSms } from '../sms/follower-texts';
import { singleLineText } from '../text/single-line';
import { replaceSittingTeaching, TeachingKindsField } from './sitting-teaching';
import { warnOfShortfalls, type ChangeReach } from '../coverage/impact';
import { parseSittingId } from '../../sitting-id';
import { dm } from '../../i18n/domain';

/** “仍然保存”: the organizer has seen the clash with a lecture or clinic and arranged it (a checkbox sends 'on'). */
const confirmField = z
	.union([z.boolean(), z.literal('on')])
	.optional()
	.transform((v) => v === true || v === 'on');

export const SittingAction = z.discriminatedUnion('action', [
	z.object({
		action: z.literal('cancel'),
		reason: singleLineText(dm.schedule.fields.reason).min(1, dm.schedule.fields.cancelReasonRequired).max(100, dm.schedule.fields.reasonMax),
		confirmCoverage: confirmField
	}),
	z.object({
		action: z.literal('substitute'),
		substituteExpertId: z.string().min(1, dm.schedule.fields.chooseSubstitute),
		reason: singleLineText(dm.schedule.fields.reason).max(100, dm.schedule.fields.reasonMax).optional(),
		/** '1' once the organizer has seen the warning that the substitute is of another department. */
		confirmOtherDepartment: z.literal('1', { message: dm.schedule.fields.reconfirmSubstitute }).optional(),
		confirmClash: confirmField,
		confirmCoverage: confirmField
	}),
	z.object({
		action: z.literal('move'),
		newDate: calendarDateField(dm.schedule.fields.newDate),
		newStartTime: z.string().min(1, dm.schedule.fields.enterStartTime),
		newEndTime: z.string().min(1, dm.schedule.fields.enterEndTime),
		reason: singleLineText(dm.schedule.fields.reason).max(100, dm.schedule.fields.reasonMax).optional(),
		confirmClash: confirmField,
		confirmCoverage: confirmField
	}),
	z.object({ action: z.literal('quota'), quota: z.coerce.number({ message: dm.schedule.fields.quotaNumber }).int(dm.schedule.fields.quotaInteger).min(0, dm.schedule.fields.quotaNegative).max(500, dm.schedule.fields.quotaMax) }),
	z.object({ action: z.literal('restore') }),
	/** 教学及指导: the set of 带教/查房/指导 the sitting included (sitting-teaching.ts); tells nobody. */
	z.object({ action: z.literal('teaching'), kinds: TeachingKindsField })
]);
export type SittingAction = z.input<typeof SittingAction>;

async function currentChange(db: DbOrTx, rotationId: string, originalDate: CalendarDate): Promise<SittingChange> {
	const row = await db
		.select()
		.from(sittingOverrides)
		.where(and(eq(sittingOverrides.rotationId, rotationId), eq(sittingOverrides.originalDate, originalDate)))
		.get();
	return {
		cancelled: row?.cancelled ?? false,
		reason: row?.reason ?? null,
		substituteExpertId: row?.substituteExpertId ?? null,
		newDate: row?.newDate ?? null,
		newStartTime: row?.newStartTime ?? null,
		newEndTime: row?.newEndTime ?? null,
		quota: row?.quota ?? null
	};
}

async function describe(db: DbOrTx, rotationId: string, originalDate: CalendarDate) {
	const row = await db
		.select({
			expert: experts.name,
			site: sites.name,
			organizationId: sites.organizationId,
			startTime: rotations.startTime,
			expertId: rotations.expertId,
			departmentId: rotations.departmentId,
			department: departments.name
		})
		.from(rotations)
		.innerJoin(experts, eq(experts.id, rotations.expertId))
		.innerJoin(sites, eq(sites.id, rotations.siteId))
		.innerJoin(departments, eq(departments.id, rotations.departmentId))
		.where(eq(rotations.id, rotationId))
		.get();
	if (!row) throw notFound(dm.schedule.errors.rotationNotFound);
	return { ...row, when: formatSittingWhen(originalDate, row.startTime) };
}

export interface SittingActionResult {
	/** One line in Chinese: what happened. */
	summary: string;
	/** Who was told by mail and whom to call; null when the change tells nobody (a quota). */
	notice: SittingNotice | null;
	/** The audit entry that keeps the notice, for the page after the redirect. */
	noticeId: string | null;
}

/** Applies one action to one sitting; returns what happened and who was told. */
export async function applySittingAction(db: Db, actor: Actor, sittingId: string, input: SittingAction): Promise<SittingActionResult> {
	return db.transaction((tx) => applySittingActionIn(tx, actor, sittingId, input));
}

/**
 * The same inside a caller's transaction (leave approval arranges several covers at once). It checks
 * access itself, whoever the caller is, so no path reaches a sitting around the check. `crossKind`
 * 'block' refuses a lecture or clinic clash outright instead of asking for “仍然保存” (leave cover).
 */
export async function applySittingActionIn(
	tx: DbOrTx,
	actor: Actor,
	sittingId: string,
	input: SittingAction,
	options: { crossKind?: 'warn' | 'block'; coverage?: 'warn' | 'skip' } = {}
): Promise<SittingActionResult> {
	const id = parseSittingId(sittingId);
	if (!id) throw notFound(dm.schedule.errors.sittingNotFound);
	await authorize(tx, actor, 'sitting:change', 'sitting', sittingId);
	const action = parseOrThrow(SittingAction, input);
	const viewBefore = await findSittingView(tx, sittingId);
	if (action.action === 'teaching') return { summary: await markTeaching(tx, actor, sittingId, viewBefore, action.kinds), notice: null, noticeId: null };
	// A cancellation, a substitute of a lower title or a move to another week can leave a center short of
	// its targets: asked before saving (leave approval asks once for all its covers instead).
	const reach = options.coverage === 'skip' || !viewBefore ? NO_REACH : reachOf(viewBefore, action);
	const confirmed = 'confirmCoverage' in action && action.confirmCoverage === true;
	// A clash is asked about first: it is about this expert, the targets about the whole week.
	const { summary, organizationId, viewAfter } = await warnOfShortfalls(tx, reach, confirmed, async () => {
		const changed = await applyChange(tx, actor, sittingId, id, action);
		const after = await findSittingView(tx, sittingId);
		if ((action.action === 'substitute' || action.action === 'move') && after) {
			await refuseClashes(tx, after, options.crossKind === 'block' ? 'block' : action.confirmClash ? 'confirmed' : 'warn');
		}
		return { ...changed, viewAfter: after };
	});
	// The experts concerned hear of it in the same transaction: no change without its message.
	const notice = viewBefore && viewAfter ? await queueSittingChangeMail(tx, action.action, viewBefore, viewAfter) : null;
	// And the residents who follow the expert or the center by phone (停诊提醒).
	if (viewBefore && viewAfter) await queueFollowerSms(tx, action.action, viewBefore, viewAfter);
	if (!notice) return { summary, notice: null, noticeId: null };
	const noticeId = await recordAudit(tx, actor, {
		action: 'sitting.notify',
		objectKind: 'sitting',
		objectId: sittingId,
		organizationId,
		// Ids, names and reasons only: phones are read from the expert's record when shown.
		after: { change: action.action, ...notice, unreachable: notice.unreachable.map(({ phone: _phone, ...rest }) => rest) },
		summary: sittingNoticeLine(notice)
	});
	return { summary, notice, noticeId };
}

const NO_REACH: ChangeReach = { siteIds: [], expertIds: [], dates: [] };

/** The centers, experts and dates whose targets an action may change; a quota or a restore changes none. */
function reachOf(sitting: SittingView, action: z.output<typeof SittingAction>): ChangeReach {
	const experts = [sitting.expertId, sitting.rosteredExpert.id];
	switch (action.action) {
		case 'cancel':
			return { siteIds: [sitting.siteId], expertIds: experts, dates: [sitting.date] };
		case 'substitute':
			return { siteIds: [sitting.siteId], expertIds: [...experts, action.substituteExpertId], dates: [sitting.date] };
		case 'move':
			return { siteIds: [sitting.siteId], expertIds: experts, dates: [sitting.date, action.newDate] };
		default:
			return NO_REACH;
	}
}

async function applyChange(
	tx: DbOrTx,
	actor: Actor,
	sittingId: string,
	id: { rotationId: string; originalDate: CalendarDate },
	action: Exclude<z.output<typeof SittingAction>, { action: 'teaching' }>
): Promise<{ summary: string; organizationId: string }> {
	{
		const about = await describe(tx, id.rotationId, id.originalDate);
		const before = await currentChange(tx, id.rotationId, id.originalDate);
		let after: SittingChange = before;
		let summary: string;
		switch (action.action) {
			case 'cancel':
				after = { ...before, cancelled: true, reason: action.reason };
				summary = dm.schedule.audit.sittingCancelled(about.when, about.site, action.reason);
				break;
			case 'substitute': {
				if (action.substituteExpertId === about.expertId) throw invalid(dm.schedule.errors.substituteIsSameExpert, 'substituteExpertId');
				// Any active expert of the district, whatever their organization (see the header).
				const substitute = await tx
					.select({ name: experts.name, title: experts.title, active: experts.active, departmentId: experts.departmentId, department: departments.name })
					.from(experts)
					.innerJoin(departments, eq(departments.id, experts.departmentId))
					.where(eq(experts.id, action.substituteExpertId))
					.get();
				if (!substitute || !substitute.active) throw invalid(dm.schedule.errors.substituteNotFoundOrInactive, 'substituteExpertId');
				if (substitute.departmentId !== about.departmentId && action.confirmOtherDepartment !== '1') {
					// The field names the confirm step: the page answers with the warning and a 确认替诊 button.
					throw conflict(
						dm.schedule.errors.confirmOtherDepartment(substitute.name, substitute.department, about.department, substitute.title),
						'confirmOtherDepartment'
					);
				}
				after = { ...before, cancelled: false, substituteExpertId: action.substituteExpertId, reason: action.reason || before.reason };
				summary = dm.schedule.audit.sittingSubstituted(about.when, about.site, about.expert, substitute.name);
				break;
			}
			case 'move':
				after = { ...before, newDate: action.newDate, newStartTime: action.newStartTime, newEndTime: action.newEndTime, reason: action.reason || before.reason };
				summary = dm.schedule.audit.sittingMoved(about.when, about.site, formatSittingWhen(action.newDate, action.newStartTime), action.newStartTime, action.newEndTime);
				break;
			case 'quota':
				after = { ...before, quota: action.quota };
				summary = dm.schedule.audit.sittingQuota(about.when, about.site, action.quota);
				break;
			case 'restore':
				await restoreSitting(tx, id.rotationId, id.originalDate);
				await recordAudit(tx, actor, {
					action: 'sitting.restore',
					objectKind: 'sitting',
					objectId: sittingId,
					organizationId: about.organizationId,
					before: { ...before },
					after: null,
					summary: dm.schedule.audit.sittingRestored(about.when, about.site)
				});
				return { summary: dm.schedule.labels.sittingRestored(about.when, about.site), organizationId: about.organizationId };
		}
		await changeSitting(tx, id.rotationId, id.originalDate, after);
		await recordAudit(tx, actor, {
			action: `sitting.${action.action}`,
			objectKind: 'sitting',
			objectId: sittingId,
			organizationId: about.organizationId,
			before: { ...before },
			after: { ...after },
			summary
		});
		return { summary, organizationId: about.organizationId };
	}
}

/** Records what the sitting included; it changes nothing residents or experts are told of. */
async function markTeaching(tx: DbOrTx, actor: Actor, sittingId: string, sitting: SittingView | null, kinds: z.output<typeof TeachingKindsField>): Promise<string> {
	if (!sitting) throw notFound(dm.schedule.errors.sittingNotFound);
	const about = await describe(tx, sitting.rotationId, sitting.originalDate);
	return replaceSittingTeaching(tx, actor, { ...sitting, id: sittingId, when: formatSittingWhen(sitting.date, sitting.startTime, sitting.endTime), siteName: sitting.site.name, organizationId: about.organizationId }, kinds);
}

/** One sitting as pages show it, wherever it was moved to; null when the id names no occurrence. */
export async function findSittingView(db: DbOrTx, sittingId: string): Promise<SittingView | null> {
	const id = parseSittingId(sittingId);
	if (!id) return null;
	const rotation = await db.select({ siteId: rotations.siteId }).from(rotations).where(eq(rotations.id, id.rotationId)).get();
	if (!rotation) return null;
	const { sittings } = await listSittings(db, {
		from: addDays(id.originalDate, -MAX_MOVE_DAYS),
		to: addDays(id.originalDate, MAX_MOVE_DAYS),
		siteIds: [rotation.siteId]
	});
	return sittings.find((s) => s.id === sittingId) ?? null;
}

/**
 * A substituted or moved sitting must not put whoever sits in two places. Another sitting at the same
 * hour is refused, as the rotation editor refuses a double booking: nobody can sit twice. A lecture,
 * free clinic or volunteer shift at the same hour is shown and refused until the organizer ticks
 * “仍然保存” (`confirmed`): they may have arranged for someone else to give the lecture. With 'block'
 * (leave cover, which offers no such box) it is refused with a request to choose someone else.
 */
async function refuseClashes(tx: DbOrTx, after: SittingView, mode: 'warn' | 'confirmed' | 'block'): Promise<void> {
	const planned = sittingViewCommitment(after);
	if (!planned) return;
	const clashes = await clashesOf(tx, [planned]);
	const double = clashes.find((c) => !isCrossKind(c));
	if (double) throw conflict(dm.schedule.errors.cannotSaveClash(double.message), 'form');
	const busy = clashes.filter(isCrossKind);
	if (busy.length === 0 || mode === 'confirmed') return;
	const what = busy.map((c) => c.message).join('；');
	if (mode === 'block') throw conflict(dm.schedule.errors.clashBlocked(what), 'form');
	throw conflict(dm.schedule.errors.clashConfirm(what), 'confirmClash');
}
