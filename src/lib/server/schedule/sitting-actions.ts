/**
 * What an organizer does to one sitting: cancel with a reason, hand it to a substitute, move it,
 * change its quota, or undo every change. Each action changes only its own fields of the occurrence's
 * override (a quota change keeps a substitution) and is recorded in the audit log, in one transaction.
 *
 * Access: `sitting:change` on the sitting, which belongs to whoever runs its center (not to the
 * organization of the expert rostered there). A substitute may be any active expert of the district,
 * including one of another organization: experts are a shared pool in the 医共体 (the editor's lists are
 * district-wide for the same reason), the center's organizer is the one who arranges its sittings, and
 * the substitute is told by mail in the same transaction.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { addDays, parseCalendarDate, type CalendarDate } from '../../calendar-date';
import { formatSittingWhen } from '../../format/dates';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/policy';
import { authorize } from '../auth/scope';
import type { Db, DbOrTx } from '../db/client';
import { experts, rotations, sites, sittingOverrides } from '../db/schema';
import { invalid, notFound } from '../errors';
import { calendarDateField, parseOrThrow } from '../validation';
import { MAX_MOVE_DAYS } from './expand';
import { changeSitting, restoreSitting, type SittingChange } from './rotations';
import { listSittings, type SittingView } from './sittings';
import { queueSittingChangeMail } from '../notify/sitting-mail';
import { singleLineText } from '../text/single-line';

export const SittingAction = z.discriminatedUnion('action', [
	z.object({ action: z.literal('cancel'), reason: singleLineText('原因').min(1, '停诊请填写原因，居民会看到它').max(100, '原因不超过 100 字') }),
	z.object({
		action: z.literal('substitute'),
		substituteExpertId: z.string().min(1, '请选择替诊专家'),
		reason: singleLineText('原因').max(100, '原因不超过 100 字').optional()
	}),
	z.object({
		action: z.literal('move'),
		newDate: calendarDateField('新日期'),
		newStartTime: z.string().min(1, '请填写开始时间'),
		newEndTime: z.string().min(1, '请填写结束时间'),
		reason: singleLineText('原因').max(100, '原因不超过 100 字').optional()
	}),
	z.object({ action: z.literal('quota'), quota: z.coerce.number({ message: '号源数应为数字' }).int('号源数应为整数').min(0, '号源数不能为负数').max(500, '号源数不能超过 500') }),
	z.object({ action: z.literal('restore') })
]);
export type SittingAction = z.input<typeof SittingAction>;

/** Splits a sitting id (`${rotationId}_${originalDate}`) into its parts; null if malformed. */
export function parseSittingId(id: string): { rotationId: string; originalDate: CalendarDate } | null {
	const at = id.lastIndexOf('_');
	if (at <= 0) return null;
	const originalDate = parseCalendarDate(id.slice(at + 1));
	return originalDate ? { rotationId: id.slice(0, at), originalDate } : null;
}

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
		.select({ expert: experts.name, site: sites.name, organizationId: sites.organizationId, startTime: rotations.startTime, expertId: rotations.expertId })
		.from(rotations)
		.innerJoin(experts, eq(experts.id, rotations.expertId))
		.innerJoin(sites, eq(sites.id, rotations.siteId))
		.where(eq(rotations.id, rotationId))
		.get();
	if (!row) throw notFound('坐诊安排不存在');
	return { ...row, when: formatSittingWhen(originalDate, row.startTime) };
}

/** Applies one action to one sitting; returns a one-line Chinese summary of what happened. */
export async function applySittingAction(db: Db, actor: Actor, sittingId: string, input: SittingAction): Promise<string> {
	return db.transaction((tx) => applySittingActionIn(tx, actor, sittingId, input));
}

/**
 * The same inside a caller's transaction (leave approval arranges several covers at once). It checks
 * access itself, whoever the caller is, so no path reaches a sitting around the check.
 */
export async function applySittingActionIn(tx: DbOrTx, actor: Actor, sittingId: string, input: SittingAction): Promise<string> {
	const id = parseSittingId(sittingId);
	if (!id) throw notFound('没有找到这个坐诊班次');
	await authorize(tx, actor, 'sitting:change', 'sitting', sittingId);
	const action = parseOrThrow(SittingAction, input);
	const viewBefore = await findSittingView(tx, sittingId);
	const summary = await applyChange(tx, actor, sittingId, id, action);
	const viewAfter = await findSittingView(tx, sittingId);
	// The experts concerned hear of it in the same transaction: no change without its message.
	if (viewBefore && viewAfter) await queueSittingChangeMail(tx, action.action, viewBefore, viewAfter);
	return summary;
}

async function applyChange(
	tx: DbOrTx,
	actor: Actor,
	sittingId: string,
	id: { rotationId: string; originalDate: CalendarDate },
	action: z.output<typeof SittingAction>
): Promise<string> {
	{
		const about = await describe(tx, id.rotationId, id.originalDate);
		const before = await currentChange(tx, id.rotationId, id.originalDate);
		let after: SittingChange = before;
		let summary: string;
		switch (action.action) {
			case 'cancel':
				after = { ...before, cancelled: true, reason: action.reason };
				summary = `停诊 ${about.when} ${about.site}：${action.reason}`;
				break;
			case 'substitute': {
				if (action.substituteExpertId === about.expertId) throw invalid('替诊专家不能是原专家本人', 'substituteExpertId');
				// Any active expert of the district, whatever their organization (see the header).
				const substitute = await tx.select({ name: experts.name, active: experts.active }).from(experts).where(eq(experts.id, action.substituteExpertId)).get();
				if (!substitute || !substitute.active) throw invalid('所选替诊专家不存在或已停用', 'substituteExpertId');
				after = { ...before, cancelled: false, substituteExpertId: action.substituteExpertId, reason: action.reason || before.reason };
				summary = `替诊 ${about.when} ${about.site}：${about.expert} → ${substitute.name}`;
				break;
			}
			case 'move':
				after = { ...before, newDate: action.newDate, newStartTime: action.newStartTime, newEndTime: action.newEndTime, reason: action.reason || before.reason };
				summary = `调整时间 ${about.when} ${about.site} → ${formatSittingWhen(action.newDate, action.newStartTime)} ${action.newStartTime}–${action.newEndTime}`;
				break;
			case 'quota':
				after = { ...before, quota: action.quota };
				summary = `号源 ${about.when} ${about.site}：${action.quota} 个`;
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
					summary: `恢复原安排 ${about.when} ${about.site}`
				});
				return `已恢复原安排：${about.when} ${about.site}`;
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
		return summary;
	}
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
