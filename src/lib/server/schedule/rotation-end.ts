/**
 * Ending a rotation and taking the end back. Ending deletes nothing (per-date changes, leave and visit
 * counts stay), so until the first sitting the end took away starts, the rotation can be put back
 * exactly; the expert and the residents who follow it are told both times.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import { addDays, type CalendarDate } from '../../calendar-date';
import { formatClockTime, formatDay, formatSittingWhen } from '../../format/dates';
import { changedFields, recordAudit } from '../audit/audit';
import type { Actor } from '../auth/policy';
import { authorize } from '../auth/scope';
import { DISTRICT_TIME_ZONE } from '../../time-zone';
import { siteToday } from '../clock';
import type { Db, DbOrTx } from '../db/client';
import { auditLog, expertLeaves, rotations, sites, sittingOverrides } from '../db/schema';
import { conflict, notFound } from '../errors';
import { expandRotation, type OccurrenceOverride, type RotationRule, type Sitting } from './expand';
import { queueRotationMail } from '../notify/rotation-mail';
import { queueFollowerSms, queueScheduleChangeSms } from '../sms/follower-texts';
import { loadHolidayCalendar, loadSwapDayResolver } from './sittings';
import { dm } from '../../i18n/domain';
import { parseRotationInput, PREVIEW_HORIZON_DAYS, auditLabel, upcomingSittingsOf } from './rotation-rules';

/**
 * Ends a rotation from today on. Past sittings stay visible (they happened); a rotation that never
 * started is switched off instead. Nothing is deleted: the per-date changes, leave and visit counts
 * stay where they are, which is what lets restoreRotation put the rotation back exactly. The audit
 * entry keeps what the rule was and the version the end left, for that. One that has already ended
 * is refused (a second click, another tab): an end that changes nothing would be nothing to undo.
 */
export async function endRotation(db: Db, actor: Actor, id: string, options: { today: CalendarDate; now?: Date }): Promise<void> {
	const now = options.now ?? new Date();
	await db.transaction(async (tx) => {
		await authorize(tx, actor, 'rotation:edit', 'rotation', id);
		const current = await tx.select().from(rotations).where(eq(rotations.id, id)).get();
		if (!current) throw notFound(dm.schedule.errors.rotationNotFound);
		if (!current.active || (current.validUntil !== null && current.validUntil < options.today)) throw conflict(dm.schedule.errors.rotationAlreadyEnded, 'form');
		const yesterday = addDays(options.today, -1);
		const change = current.validFrom > yesterday ? { active: false } : { validUntil: yesterday };
		const expected = await upcomingSittingsOf(tx, id, [current.siteId], options.today);
		await tx
			.update(rotations)
			.set({ ...change, version: current.version + 1 })
			.where(eq(rotations.id, id));
		// Every sitting from today on is gone: its followers are told, as for a cancellation, and the expert by mail.
		await queueScheduleChangeSms(tx, expected, [], now);
		const firstDay = current.validFrom > options.today ? current.validFrom : options.today;
		await queueRotationMail(tx, 'end', current, formatDay(firstDay), now);
		const { label, organizationId } = await auditLabel(tx, current);
		const diff = changedFields(current as unknown as Record<string, unknown>, change);
		await recordAudit(
			tx,
			actor,
			{
				action: 'rotation.end',
				objectKind: 'rotation',
				objectId: id,
				organizationId,
				before: { ...diff.before, version: current.version },
				after: { ...diff.after, version: current.version + 1 },
				summary: dm.schedule.audit.rotationEnded(label)
			},
			now
		);
	});
}

/** What an end's audit entry holds: the rule's validity before and after, and the versions. */
interface EndRecord {
	before: { validUntil?: CalendarDate | null; active?: boolean; version?: number };
	after: { validUntil?: CalendarDate | null; active?: boolean; version?: number };
}

/** The rotation as it was before the end, and the first day the end took away. */
function undoneEnd(current: typeof rotations.$inferSelect, end: EndRecord) {
	const restored = 'active' in end.before ? { active: end.before.active ?? true } : { validUntil: end.before.validUntil ?? null };
	const endedFrom = 'active' in end.before || !end.after.validUntil ? current.validFrom : addDays(end.after.validUntil, 1);
	return { restored, endedFrom };
}

/**
 * The first sitting an end took away that would really have happened (a holiday the rule skips, or a
 * date already cancelled, is nothing anyone would have come to), within the preview horizon. Null
 * when there is none.
 */
async function firstSittingTakenAway(db: DbOrTx, rule: RotationRule, endedFrom: CalendarDate): Promise<Sitting | null> {
	const from = rule.validFrom > endedFrom ? rule.validFrom : endedFrom;
	const horizon = addDays(from, PREVIEW_HORIZON_DAYS);
	const to = rule.validUntil && rule.validUntil < horizon ? rule.validUntil : horizon;
	if (from > to) return null;
	const [holidays, swapDayWeekday, overrideRows, leaves] = await Promise.all([
		loadHolidayCalendar(db),
		loadSwapDayResolver(db),
		db.select().from(sittingOverrides).where(eq(sittingOverrides.rotationId, rule.id)),
		db
			.select({ expertId: expertLeaves.expertId, startDate: expertLeaves.startDate, endDate: expertLeaves.endDate, reason: expertLeaves.reason })
			.from(expertLeaves)
			.where(and(eq(expertLeaves.expertId, rule.expertId), eq(expertLeaves.status, 'approved')))
	]);
	const overrides = new Map<CalendarDate, OccurrenceOverride>(overrideRows.map((o) => [o.originalDate, o]));
	const real = expandRotation(rule, from, to, { holidays, swapDayWeekday, overrides, leaves })
		.filter((s) => s.status === 'scheduled' || s.status === 'needs_cover')
		.sort((a, b) => (a.date + a.startTime < b.date + b.startTime ? -1 : 1));
	return real[0] ?? null;
}

/** Whether a sitting has started, on its site's clock. */
function hasStarted(s: { date: CalendarDate; startTime: string }, timeZone: string, now: Date): boolean {
	const today = siteToday(timeZone, now);
	return s.date < today || (s.date === today && formatClockTime(now, timeZone) >= s.startTime);
}

/** An ended rotation's way back, for its page. */
export interface RotationRestoreOffer {
	/** The end's audit entry: the restore form names it, and its line in the trail carries the button. */
	endEntryId: string;
	/** False once the first sitting the end took away has started: the page says why instead. */
	open: boolean;
	/** That sitting, 12月1日 周二 上午 08:30; null when the end took none away within half a year. */
	until: string | null;
}

async function siteTimeZone(db: DbOrTx, siteId: string): Promise<string> {
	return (await db.select({ timeZone: sites.timeZone }).from(sites).where(eq(sites.id, siteId)).get())?.timeZone ?? DISTRICT_TIME_ZONE;
}

/**
 * The latest end of this rotation, when nothing has changed the rotation since (its version is the one
 * the end left), with whether it may still be taken back. Null otherwise. Reads only; the caller has
 * checked access.
 */
export async function restoreOfferFor(db: DbOrTx, current: typeof rotations.$inferSelect, now: Date): Promise<RotationRestoreOffer | null> {
	const latest = await db
		.select()
		.from(auditLog)
		.where(and(eq(auditLog.objectKind, 'rotation'), eq(auditLog.objectId, current.id), inArray(auditLog.action, ['rotation.end', 'rotation.restore', 'rotation.update'])))
		.orderBy(desc(auditLog.at))
		.limit(1)
		.get();
	if (!latest || latest.action !== 'rotation.end') return null;
	const end = { before: latest.before ?? {}, after: latest.after ?? {} } as EndRecord;
	if (end.after.version !== current.version) return null;
	const { restored, endedFrom } = undoneEnd(current, end);
	const first = await firstSittingTakenAway(db, { ...parseRotationInput({ ...current, ...restored }), id: current.id }, endedFrom);
	return {
		endEntryId: latest.id,
		open: !first || !hasStarted(first, await siteTimeZone(db, current.siteId), now),
		until: first ? `${formatSittingWhen(first.date, first.startTime, first.endTime)} ${first.startTime}` : null
	};
}

/**
 * Takes an end back: the rotation's validity (or its being switched on) becomes what the end's audit
 * entry says it was, so every sitting the end took away comes back exactly as it was, with its per-date
 * changes (cancelled, substituted, moved, quota), since the end deleted none of them. Possible until
 * the first sitting it took away starts: after that the record would show a sitting that did not
 * happen, and the way on is a new rotation. Refused when the rotation changed after the end (its
 * version moved on), and for an end already taken back. Followers told of the cancelled sittings are
 * told they are back (follower-texts.ts), and the expert by mail.
 */
export async function restoreRotation(db: Db, actor: Actor, id: string, input: { endEntryId: string }, options: { today: CalendarDate; now?: Date }): Promise<void> {
	const now = options.now ?? new Date();
	await db.transaction(async (tx) => {
		await authorize(tx, actor, 'rotation:edit', 'rotation', id);
		const current = await tx.select().from(rotations).where(eq(rotations.id, id)).get();
		if (!current) throw notFound(dm.schedule.errors.rotationNotFound);
		const entry = await tx
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.id, input.endEntryId), eq(auditLog.objectKind, 'rotation'), eq(auditLog.objectId, id), eq(auditLog.action, 'rotation.end')))
			.get();
		if (!entry) throw notFound(dm.schedule.errors.endRecordNotFound);
		const end = { before: entry.before ?? {}, after: entry.after ?? {} } as EndRecord;
		const undone = await tx
			.select({ after: auditLog.after })
			.from(auditLog)
			.where(and(eq(auditLog.objectKind, 'rotation'), eq(auditLog.objectId, id), eq(auditLog.action, 'rotation.restore')));
		if (undone.some((u) => u.after?.undoes === entry.id)) throw conflict(dm.schedule.errors.endAlreadyUndone, 'form');
		if (end.after.version !== current.version) {
			throw conflict(dm.schedule.errors.changedSinceEnded, 'form');
		}
		const { restored, endedFrom } = undoneEnd(current, end);
		const rule = { ...parseRotationInput({ ...current, ...restored }), id };
		const first = await firstSittingTakenAway(tx, rule, endedFrom);
		if (first && hasStarted(first, await siteTimeZone(tx, current.siteId), now)) {
			throw conflict(
				dm.schedule.errors.firstSittingStarted(formatSittingWhen(first.date, first.startTime, first.endTime), first.startTime),
				'form'
			);
		}
		const result = await tx
			.update(rotations)
			.set({ ...restored, version: current.version + 1 })
			.where(and(eq(rotations.id, id), eq(rotations.version, current.version)));
		if (result.rowsAffected === 0) throw conflict(dm.schedule.errors.rotationJustChangedRefresh, 'form');
		// Phones told 停诊 for a sitting that is back hear 恢复 (only those: follower-texts.ts), and the expert by mail.
		for (const s of await upcomingSittingsOf(tx, id, [current.siteId], options.today)) await queueFollowerSms(tx, 'restore', s, s, now);
		await queueRotationMail(tx, 'restore', current, first ? `${formatSittingWhen(first.date, first.startTime, first.endTime)} ${first.startTime}` : null, now);
		const { label, organizationId } = await auditLabel(tx, rule);
		await recordAudit(
			tx,
			actor,
			{
				action: 'rotation.restore',
				objectKind: 'rotation',
				objectId: id,
				organizationId,
				before: end.after,
				after: { ...restored, version: current.version + 1, undoes: entry.id },
				summary: dm.schedule.audit.rotationEndUndone(label)
			},
			now
		);
	});
}
