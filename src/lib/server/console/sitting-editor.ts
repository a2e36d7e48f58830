/** Server side of one sitting's console page: what an organizer who may change the sitting sees of it. */
import { and, eq, inArray } from 'drizzle-orm';
import { formatSittingWhen, formatTimeRange } from '../../format/dates';
import { visitsPanel } from '../attendance/sitting-visits';
import { auditTrailView } from '../audit/audit';
import type { Actor } from '../auth/policy';
import { authorize } from '../auth/scope';
import { siteToday } from '../clock';
import type { DbOrTx } from '../db/client';
import { auditLog, experts } from '../db/schema';
import { notFound } from '../errors';
import type { SittingNotice } from '../notify/sitting-mail';
import { findSittingView } from '../schedule/sitting-actions';
import { teachingOfSitting } from '../schedule/sitting-teaching';
import { substituteChoices } from '../schedule/substitute-choices';
import { SITTING_TEACHING_KINDS } from '../db/schema';
import { parseSittingId } from '../../sitting-id';
import { dm } from '../../i18n/domain';

/**
 * The sitting, the experts who may substitute (its department first, with who is free), its 诊疗人次,
 * its audit trail, and — right after a change — who was told of it. Checked like the changes the page
 * offers (`sitting:change`), before anything of the sitting is read.
 */
export async function sittingForEditing(db: DbOrTx, actor: Actor, sittingId: string, noticeId: string | null = null, now = new Date()) {
	if (!parseSittingId(sittingId)) throw notFound(dm.console.errors.sittingNotFound);
	await authorize(db, actor, 'sitting:change', 'sitting', sittingId);
	const sitting = await findSittingView(db, sittingId);
	if (!sitting) throw notFound(dm.console.errors.sittingNotFound);
	return {
		sitting: {
			...sitting,
			when: formatSittingWhen(sitting.date, sitting.startTime),
			timeRange: formatTimeRange(sitting.startTime, sitting.endTime),
			originalWhen: sitting.moved ? formatSittingWhen(sitting.moved.date, sitting.moved.startTime) : null
		},
		substitutes: await substituteChoices(db, actor, sittingId),
		notice: noticeId ? await noticeOfChange(db, sittingId, noticeId) : null,
		visits: await visitsPanel(db, sitting, siteToday(sitting.site.timeZone, now)),
		/** 教学及指导: the kinds the form offers and those marked; none can be marked on a sitting nobody sits at. */
		teaching: {
			kinds: SITTING_TEACHING_KINDS,
			marked: await teachingOfSitting(db, sitting.rotationId, sitting.originalDate),
			open: sitting.status !== 'cancelled' && sitting.status !== 'holiday'
		},
		trail: await auditTrailView(db, 'sitting', sittingId)
	};
}

/**
 * The notice the change kept in the audit log (`sitting.notify`), with the phones of those not reached
 * read from their record now. Only a notice of this sitting is read, whatever id the address carries.
 */
async function noticeOfChange(db: DbOrTx, sittingId: string, noticeId: string): Promise<SittingNotice | null> {
	const entry = await db
		.select({ after: auditLog.after })
		.from(auditLog)
		.where(and(eq(auditLog.id, noticeId), eq(auditLog.objectKind, 'sitting'), eq(auditLog.objectId, sittingId), eq(auditLog.action, 'sitting.notify')))
		.get();
	if (!entry?.after) return null;
	const kept = entry.after as unknown as Omit<SittingNotice, 'unreachable'> & { unreachable: Omit<SittingNotice['unreachable'][number], 'phone'>[] };
	const ids = kept.unreachable.map((p) => p.expertId);
	const phones = new Map(
		ids.length === 0
			? []
			: (await db.select({ id: experts.id, phone: experts.contactPhone }).from(experts).where(inArray(experts.id, ids))).map((e) => [e.id, e.phone?.trim() || null])
	);
	return { told: kept.told, past: kept.past, unreachable: kept.unreachable.map((p) => ({ ...p, phone: phones.get(p.expertId) ?? null })) };
}
