/**
 * Writing the schedule: rotations (坐诊安排), changes to one occurrence, and expert leave. Every input is
 * validated here, whatever the caller, so an invalid rule can never reach the database.
 */
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { daysBetween, parseCalendarDate, type CalendarDate } from '../../calendar-date';
import { formatDay } from '../../format/dates';
import type { DbOrTx } from '../db/client';
import { departments, expertLeaves, experts, rotations, sites, sittingOverrides } from '../db/schema';
import { invalid, notFound } from '../errors';
import { newId } from '../ids';
import { calendarDateField, parseOrThrow, timeOfDayField } from '../validation';
import { MAX_MOVE_DAYS, occurrencesOf, type RotationRule } from './expand';
import { parseRecurrence } from './recurrence';
import { loadHolidayCalendar, loadSwapDayResolver } from './sittings';
import { singleLineText } from '../text/single-line';
import { dm } from '../../i18n/domain';


export const RotationInput = z
	.object({
		expertId: z.string().min(1, dm.schedule.fields.chooseExpert),
		siteId: z.string().min(1, dm.schedule.fields.chooseSite),
		departmentId: z.string().min(1, dm.schedule.fields.chooseDepartment),
		rrule: z.string().min(1, dm.schedule.rrule.required),
		startTime: timeOfDayField(dm.schedule.fields.startTime),
		endTime: timeOfDayField(dm.schedule.fields.endTime),
		validFrom: calendarDateField(dm.schedule.fields.startDate),
		validUntil: calendarDateField(dm.schedule.fields.endDate).nullable().default(null),
		quota: z.number().int(dm.schedule.fields.quotaInteger).min(0, dm.schedule.fields.quotaNegative).max(500, dm.schedule.fields.quotaMax).nullable().default(null),
		holidayPolicy: z.enum(['skip', 'keep']).default('skip'),
		countSwapDays: z.boolean().default(true),
		note: singleLineText(dm.schedule.fields.note).max(200, dm.schedule.fields.noteMax).nullable().default(null)
	})
	.refine((r) => r.startTime < r.endTime, { message: dm.schedule.fields.endTimeAfterStart, path: ['endTime'] })
	.refine((r) => r.validUntil === null || r.validUntil >= r.validFrom, {
		message: dm.schedule.fields.endDateBeforeStart,
		path: ['validUntil']
	});
export type RotationInput = z.input<typeof RotationInput>;

function parseRotation(input: RotationInput) {
	const values = parseOrThrow(RotationInput, input);
	return { ...values, rrule: parseRecurrence(values.rrule).text };
}

async function assertReferencesExist(db: DbOrTx, r: { expertId: string; siteId: string; departmentId: string }) {
	const [expert, site, department] = await Promise.all([
		db.select({ id: experts.id }).from(experts).where(eq(experts.id, r.expertId)).get(),
		db.select({ id: sites.id }).from(sites).where(eq(sites.id, r.siteId)).get(),
		db.select({ id: departments.id }).from(departments).where(eq(departments.id, r.departmentId)).get()
	]);
	if (!expert) throw invalid(dm.schedule.errors.expertNotFound, 'expertId');
	if (!site) throw invalid(dm.schedule.errors.siteNotFound, 'siteId');
	if (!department) throw invalid(dm.schedule.errors.departmentNotFound, 'departmentId');
}

/** `options.id` lets the demo seed keep the same ids (and so the same links) on every reload. */
export async function createRotation(db: DbOrTx, input: RotationInput, options: { id?: string } = {}): Promise<string> {
	const values = parseRotation(input);
	await assertReferencesExist(db, values);
	const id = options.id ?? newId();
	await db.insert(rotations).values({ id, ...values });
	return id;
}

/**
 * Changes the rule. Overrides are keyed by original date and are never touched here: a changed
 * Tuesday stays changed if the rule still (or again) falls on that Tuesday.
 */
export async function updateRotation(db: DbOrTx, id: string, input: RotationInput): Promise<void> {
	const values = parseRotation(input);
	await assertReferencesExist(db, values);
	const result = await db.update(rotations).set(values).where(eq(rotations.id, id));
	if (result.rowsAffected === 0) throw notFound(dm.schedule.errors.rotationNotFound);
}

export async function findRotation(db: DbOrTx, id: string) {
	return (await db.select().from(rotations).where(eq(rotations.id, id)).get()) ?? null;
}

export const SittingChange = z
	.object({
		cancelled: z.boolean().default(false),
		reason: singleLineText(dm.schedule.fields.reason).max(100, dm.schedule.fields.reasonMax).nullable().default(null),
		substituteExpertId: z.string().min(1).nullable().default(null),
		newDate: calendarDateField(dm.schedule.fields.newDate).nullable().default(null),
		newStartTime: timeOfDayField(dm.schedule.fields.newStartTime).nullable().default(null),
		newEndTime: timeOfDayField(dm.schedule.fields.newEndTime).nullable().default(null),
		quota: z.number().int(dm.schedule.fields.quotaInteger).min(0, dm.schedule.fields.quotaNegative).max(500, dm.schedule.fields.quotaMaxShort).nullable().default(null)
	})
	.refine((c) => !c.cancelled || (c.reason && c.reason.length > 0), {
		message: dm.schedule.fields.cancelReasonRequired,
		path: ['reason']
	})
	.refine((c) => (c.newStartTime === null) === (c.newEndTime === null), {
		message: dm.schedule.fields.moveNeedsBothTimes,
		path: ['newEndTime']
	})
	.refine((c) => c.newStartTime === null || c.newEndTime === null || c.newStartTime < c.newEndTime, {
		message: dm.schedule.fields.endTimeAfterStart,
		path: ['newEndTime']
	});
export type SittingChange = z.input<typeof SittingChange>;

/** Whether a date is an occurrence of the rotation (its own dates and swapped working days it follows). */
export async function isOccurrenceOf(db: DbOrTx, rotation: RotationRule, date: CalendarDate): Promise<boolean> {
	const [holidays, swapDayWeekday] = await Promise.all([loadHolidayCalendar(db), loadSwapDayResolver(db)]);
	return occurrencesOf(rotation, date, date, { holidays, swapDayWeekday }).length > 0;
}

/**
 * Cancels, moves, re-times, re-quotas or hands one occurrence to a substitute. Keyed by the
 * occurrence's original date; each change bumps the occurrence's sequence (iCalendar SEQUENCE).
 */
export async function changeSitting(
	db: DbOrTx,
	rotationId: string,
	originalDate: CalendarDate,
	change: SittingChange
): Promise<void> {
	const c = parseOrThrow(SittingChange, change);
	if (!parseCalendarDate(originalDate)) throw invalid(dm.schedule.errors.badSittingDate, 'originalDate');
	const rotation = await findRotation(db, rotationId);
	if (!rotation) throw notFound(dm.schedule.errors.rotationNotFound);
	if (!(await isOccurrenceOf(db, rotation, originalDate))) {
		throw invalid(dm.schedule.errors.notASitting(formatDay(originalDate)), 'originalDate');
	}
	if (c.newDate && Math.abs(daysBetween(originalDate, c.newDate)) > MAX_MOVE_DAYS) {
		throw invalid(dm.schedule.errors.moveTooFar(MAX_MOVE_DAYS), 'newDate');
	}
	if (c.substituteExpertId) {
		if (c.substituteExpertId === rotation.expertId) throw invalid(dm.schedule.errors.substituteIsSameExpert, 'substituteExpertId');
		const substitute = await db.select({ id: experts.id }).from(experts).where(eq(experts.id, c.substituteExpertId)).get();
		if (!substitute) throw invalid(dm.schedule.errors.substituteNotFound, 'substituteExpertId');
	}
	const values = {
		cancelled: c.cancelled,
		reason: c.reason || null,
		substituteExpertId: c.substituteExpertId,
		newDate: c.newDate && c.newDate !== originalDate ? c.newDate : null,
		newStartTime: c.newStartTime,
		newEndTime: c.newEndTime,
		quota: c.quota
	};
	await db
		.insert(sittingOverrides)
		.values({ id: newId(), rotationId, originalDate, ...values })
		.onConflictDoUpdate({
			target: [sittingOverrides.rotationId, sittingOverrides.originalDate],
			set: { ...values, sequence: sql`${sittingOverrides.sequence} + 1`, updatedAt: new Date() }
		});
}

/**
 * Undoes every change to one occurrence: it goes back to what the rule says. The row stays, emptied,
 * so the sequence goes on rising: a calendar that saw the cancellation at SEQUENCE 1 ignores a restored
 * sitting sent at SEQUENCE 0 as stale (RFC 5545), and the next change is a new one, not a repeat.
 */
export async function restoreSitting(db: DbOrTx, rotationId: string, originalDate: CalendarDate): Promise<void> {
	await db
		.update(sittingOverrides)
		.set({
			cancelled: false,
			reason: null,
			substituteExpertId: null,
			newDate: null,
			newStartTime: null,
			newEndTime: null,
			quota: null,
			sequence: sql`${sittingOverrides.sequence} + 1`,
			updatedAt: new Date()
		})
		.where(and(eq(sittingOverrides.rotationId, rotationId), eq(sittingOverrides.originalDate, originalDate)));
}

export const LeaveInput = z
	.object({
		expertId: z.string().min(1, dm.schedule.fields.chooseExpert),
		startDate: calendarDateField(dm.schedule.fields.startDate),
		endDate: calendarDateField(dm.schedule.fields.endDate),
		reason: singleLineText(dm.schedule.fields.reason).max(100, dm.schedule.fields.reasonMax).nullable().default(null)
	})
	.refine((l) => l.endDate >= l.startDate, { message: dm.schedule.fields.endDateBeforeStart, path: ['endDate'] })
	.refine((l) => daysBetween(l.startDate, l.endDate) <= 366, { message: dm.schedule.fields.leaveTooLong, path: ['endDate'] });
export type LeaveInput = z.input<typeof LeaveInput>;

/** Records leave; the expert's sittings in the range then show as needing cover until someone covers. */
export async function recordLeave(
	db: DbOrTx,
	input: LeaveInput,
	options: { id?: string; status?: 'requested' | 'approved' } = {}
): Promise<string> {
	const leave = parseOrThrow(LeaveInput, input);
	const expert = await db.select({ id: experts.id }).from(experts).where(eq(experts.id, leave.expertId)).get();
	if (!expert) throw invalid(dm.schedule.errors.expertNotFound, 'expertId');
	const id = options.id ?? newId();
	await db.insert(expertLeaves).values({ id, ...leave, status: options.status ?? 'approved' });
	return id;
}
