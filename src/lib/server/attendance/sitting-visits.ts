/**
 * 诊疗人次: how many patients an expert saw at one sitting, recorded by that expert or an organizer
 * of the site, keyed like an override by the occurrence's original date (so a moved sitting keeps
 * its number). Only a sitting that took place can have one: not a cancelled one, not one on a
 * holiday or left without cover, not one still to come.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { addDays, type CalendarDate } from '../../calendar-date';
import { formatDateTime, formatSittingWhen, formatTimeRange } from '../../format/dates';
import { recordAudit } from '../audit/audit';
import { assertCan, type Actor } from '../auth/policy';
import { loadOrgTree, scopedObject } from '../auth/scope';
import type { Db, DbOrTx } from '../db/client';
import { sittingVisits, users } from '../db/schema';
import { conflict, notFound } from '../errors';
import { findSittingView } from '../schedule/sitting-actions';
import { listSittings, type SittingView } from '../schedule/sittings';
import { parseOrThrow } from '../validation';
import { parseSittingId, sittingIdOf } from '../../sitting-id';
import { dm } from '../../i18n/domain';

export const MAX_PATIENTS_PER_SITTING = 500;

/** What a form sends (a string) or a caller passes (a number); empty is a missing value, not 0. */
export const PatientsSeenInput = z.object({
	patientsSeen: z.preprocess(
		(v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v),
		z
			.number({ message: dm.attendance.fields.patientsRequired })
			.int(dm.attendance.fields.patientsInteger)
			.min(0, dm.attendance.fields.patientsNegative)
			.max(MAX_PATIENTS_PER_SITTING, dm.attendance.fields.patientsMax(MAX_PATIENTS_PER_SITTING))
	)
});

const NOT_HELD: Partial<Record<SittingView['status'], string>> = {
	cancelled: dm.attendance.notHeld.cancelled,
	holiday: dm.attendance.notHeld.holiday,
	needs_cover: dm.attendance.notHeld.needsCover
};

/** Pure: why 诊疗人次 cannot be recorded for this sitting today, or null when it can. */
export function whyVisitsClosed(sitting: Pick<SittingView, 'status' | 'date'>, today: CalendarDate): string | null {
	return NOT_HELD[sitting.status] ?? (sitting.date > today ? dm.attendance.notHeld.notYet : null);
}

export interface RecordedVisits {
	patientsSeen: number;
	recordedBy: string;
	/** 11月25日 14:05 */
	at: string;
}

/** Records (or corrects) the patients seen at one sitting; returns a one-line Chinese summary. */
export async function recordSittingVisits(
	db: Db,
	actor: Actor,
	sittingId: string,
	patientsSeen: unknown,
	today: CalendarDate,
	now = new Date()
): Promise<string> {
	const id = parseSittingId(sittingId);
	if (!id) throw notFound(dm.attendance.errors.sittingNotFound);
	return db.transaction(async (tx) => {
		const scoped = await scopedObject(tx, await loadOrgTree(tx), 'sitting', sittingId);
		const sitting = await findSittingView(tx, sittingId);
		if (!sitting) throw notFound(dm.attendance.errors.sittingNotFound);
		// The expert who actually sat (a substitute, when there was one) records it, not the one on leave.
		assertCan(actor, 'sitting:record-visits', { ...scoped, expertId: sitting.expertId });
		const { patientsSeen: count } = parseOrThrow(PatientsSeenInput, { patientsSeen });
		const closed = whyVisitsClosed(sitting, today);
		if (closed) throw conflict(closed, 'patientsSeen');

		const before = await tx
			.select({ patientsSeen: sittingVisits.patientsSeen })
			.from(sittingVisits)
			.where(and(eq(sittingVisits.rotationId, id.rotationId), eq(sittingVisits.originalDate, id.originalDate)))
			.get();
		await tx
			.insert(sittingVisits)
			.values({ rotationId: id.rotationId, originalDate: id.originalDate, patientsSeen: count, recordedBy: actor.userId, createdAt: now, updatedAt: now })
			.onConflictDoUpdate({
				target: [sittingVisits.rotationId, sittingVisits.originalDate],
				set: { patientsSeen: count, recordedBy: actor.userId, updatedAt: now }
			});
		const when = formatSittingWhen(sitting.date, sitting.startTime, sitting.endTime);
		const summary = dm.attendance.audit.patientsSeen(when, sitting.site.name, sitting.expert.name, before?.patientsSeen ?? null, count);
		await recordAudit(
			tx,
			actor,
			{
				action: 'sitting.visits',
				objectKind: 'sitting',
				objectId: sittingId,
				organizationId: scoped.orgPath[0] ?? null,
				before: before ?? null,
				after: { patientsSeen: count },
				summary
			},
			now
		);
		return summary;
	});
}

/** What was recorded for one sitting, or null. */
export async function visitsOfSitting(db: DbOrTx, sittingId: string): Promise<RecordedVisits | null> {
	const id = parseSittingId(sittingId);
	if (!id) return null;
	const row = await db
		.select({ patientsSeen: sittingVisits.patientsSeen, name: users.name, updatedAt: sittingVisits.updatedAt })
		.from(sittingVisits)
		.innerJoin(users, eq(users.id, sittingVisits.recordedBy))
		.where(and(eq(sittingVisits.rotationId, id.rotationId), eq(sittingVisits.originalDate, id.originalDate)))
		.get();
	return row ? { patientsSeen: row.patientsSeen, recordedBy: row.name, at: formatDateTime(row.updatedAt) } : null;
}

/** The 诊疗人次 section of a sitting's page: what was recorded, and whether it can be recorded now. */
export async function visitsPanel(db: DbOrTx, sitting: SittingView, today: CalendarDate) {
	return { recorded: await visitsOfSitting(db, sitting.id), closedReason: whyVisitsClosed(sitting, today) };
}

export interface RecentSitting {
	id: string;
	/** 11月24日 周二 上午 */
	when: string;
	timeRange: string;
	siteName: string;
	departmentName: string;
	/** The number recorded so far, or null. */
	visits: RecordedVisits | null;
}

/**
 * An expert's own sittings that took place in the last `days` days (today included), newest first,
 * each with what was recorded: the list the expert fills in.
 */
export async function recentSittingsOfExpert(db: DbOrTx, actor: Actor, expertId: string, today: CalendarDate, days = 14): Promise<RecentSitting[]> {
	assertCan(actor, 'schedule:view-own', { kind: 'expert', orgPath: [], expertId });
	const { sittings } = await listSittings(db, { from: addDays(today, -days), to: today, expertId });
	const held = sittings.filter((s) => s.expertId === expertId && s.status === 'scheduled');
	if (held.length === 0) return [];
	const recorded = await db
		.select({ rotationId: sittingVisits.rotationId, originalDate: sittingVisits.originalDate, patientsSeen: sittingVisits.patientsSeen, name: users.name, updatedAt: sittingVisits.updatedAt })
		.from(sittingVisits)
		.innerJoin(users, eq(users.id, sittingVisits.recordedBy))
		.where(inArray(sittingVisits.rotationId, [...new Set(held.map((s) => s.rotationId))]));
	const byId = new Map(recorded.map((r) => [sittingIdOf(r.rotationId, r.originalDate), r]));
	return held
		.sort((a, b) => b.date.localeCompare(a.date) || b.startTime.localeCompare(a.startTime))
		.map((s) => {
			const r = byId.get(s.id);
			return {
				id: s.id,
				when: formatSittingWhen(s.date, s.startTime, s.endTime),
				timeRange: formatTimeRange(s.startTime, s.endTime),
				siteName: s.site.name,
				departmentName: s.department.name,
				visits: r ? { patientsSeen: r.patientsSeen, recordedBy: r.name, at: formatDateTime(r.updatedAt) } : null
			};
		});
}
