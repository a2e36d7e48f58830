/**
 * 教学及指导: whether a sitting included 带教, 查房 and/or 指导, which commissions
 * count beside the sittings themselves. A set per sitting, kept in sitting_teaching keyed like an
 * override by the occurrence's original date, so a moved sitting keeps its marks and “恢复原安排”
 * (which undoes schedule changes) leaves them: they record what the sitting included, not a change to it.
 *
 * Written only through applySittingActionIn's `teaching` action, which checks `sitting:change` first.
 * A sitting nobody sits at (cancelled, a holiday closure) cannot be marked; clearing is always allowed.
 * A sitting still to come may be marked ahead (带教 arranged with the center); the compliance report
 * counts the marks of sittings that took place only.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { CalendarDate } from '../../calendar-date';
import { m } from '../../i18n';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/policy';
import type { DbOrTx } from '../db/client';
import { SITTING_TEACHING_KINDS, sittingTeaching } from '../db/schema';
import { conflict } from '../errors';
import type { SittingView } from './sittings';
import { dm } from '../../i18n/domain';

export type TeachingKind = (typeof SITTING_TEACHING_KINDS)[number];

/** The kinds as a form sends them (checkboxes named `kinds`, joined with commas by the route) or a caller passes them. */
export const TeachingKindsField = z.preprocess(
	(v) => (v === undefined || v === null ? [] : typeof v === 'string' ? v.split(',').filter(Boolean) : v),
	z.array(z.enum(SITTING_TEACHING_KINDS, { message: dm.schedule.fields.chooseTeachingKinds })).max(SITTING_TEACHING_KINDS.length)
);

/** In a fixed order (带教, 查房, 指导), without repeats. Pure. */
export function teachingSet(kinds: readonly TeachingKind[]): TeachingKind[] {
	return SITTING_TEACHING_KINDS.filter((k) => kinds.includes(k));
}

/** 带教、查房; empty for none. Pure. */
export function teachingInWords(kinds: readonly TeachingKind[]): string {
	return teachingSet(kinds)
		.map((k) => m.console.coverage.teaching.kinds[k])
		.join('、');
}

/** The kinds marked on one sitting, in order. */
export async function teachingOfSitting(db: DbOrTx, rotationId: string, originalDate: CalendarDate): Promise<TeachingKind[]> {
	const rows = await db
		.select({ kind: sittingTeaching.kind })
		.from(sittingTeaching)
		.where(and(eq(sittingTeaching.rotationId, rotationId), eq(sittingTeaching.originalDate, originalDate)));
	return teachingSet(rows.map((r) => r.kind));
}

/**
 * Replaces the sitting's set with `kinds` and records the change in the audit log; the caller has
 * checked access. Returns the one-line summary, or one saying nothing changed.
 */
export async function replaceSittingTeaching(
	tx: DbOrTx,
	actor: Actor,
	sitting: Pick<SittingView, 'id' | 'rotationId' | 'originalDate' | 'status'> & { when: string; siteName: string; organizationId: string },
	kinds: readonly TeachingKind[]
): Promise<string> {
	const after = teachingSet(kinds);
	if (after.length > 0 && (sitting.status === 'cancelled' || sitting.status === 'holiday')) {
		throw conflict(sitting.status === 'cancelled' ? dm.schedule.errors.teachingOnCancelled : dm.schedule.errors.teachingOnHoliday, 'kinds');
	}
	const before = await teachingOfSitting(tx, sitting.rotationId, sitting.originalDate);
	const summary = dm.schedule.audit.teaching(sitting.when, sitting.siteName, teachingInWords(after) || dm.schedule.labels.none);
	if (before.join() === after.join()) return summary;
	await tx.delete(sittingTeaching).where(and(eq(sittingTeaching.rotationId, sitting.rotationId), eq(sittingTeaching.originalDate, sitting.originalDate)));
	if (after.length) {
		await tx.insert(sittingTeaching).values(after.map((kind) => ({ rotationId: sitting.rotationId, originalDate: sitting.originalDate, kind, recordedBy: actor.userId })));
	}
	await recordAudit(tx, actor, {
		action: 'sitting.teaching',
		objectKind: 'sitting',
		objectId: sitting.id,
		organizationId: sitting.organizationId,
		before: { kinds: before },
		after: { kinds: after },
		summary
	});
	return summary;
}
