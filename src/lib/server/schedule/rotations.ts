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


export const RotationInput = z
	.object({
		expertId: z.string().min(1, '请选择专家'),
		siteId: z.string().min(1, '请选择坐诊地点'),
		departmentId: z.string().min(1, '请选择科室'),
		rrule: z.string().min(1, '请填写重复规则'),
		startTime: timeOfDayField('开始时间'),
		endTime: timeOfDayField('结束时间'),
		validFrom: calendarDateField('开始日期'),
		validUntil: calendarDateField('结束日期').nullable().default(null),
		quota: z.number().int('号源数应为整数').min(0, '号源数不能为负数').max(500, '号源数不能超过 500').nullable().default(null),
		holidayPolicy: z.enum(['skip', 'keep']).default('skip'),
		countSwapDays: z.boolean().default(true),
		note: singleLineText('备注').max(200, '备注不超过 200 字').nullable().default(null)
	})
	.refine((r) => r.startTime < r.endTime, { message: '结束时间应晚于开始时间', path: ['endTime'] })
	.refine((r) => r.validUntil === null || r.validUntil >= r.validFrom, {
		message: '结束日期不能早于开始日期',
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
	if (!expert) throw invalid('所选专家不存在', 'expertId');
	if (!site) throw invalid('所选坐诊地点不存在', 'siteId');
	if (!department) throw invalid('所选科室不存在', 'departmentId');
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
	if (result.rowsAffected === 0) throw notFound('坐诊安排不存在');
}

export async function findRotation(db: DbOrTx, id: string) {
	return (await db.select().from(rotations).where(eq(rotations.id, id)).get()) ?? null;
}

export const SittingChange = z
	.object({
		cancelled: z.boolean().default(false),
		reason: singleLineText('原因').max(100, '原因不超过 100 字').nullable().default(null),
		substituteExpertId: z.string().min(1).nullable().default(null),
		newDate: calendarDateField('新日期').nullable().default(null),
		newStartTime: timeOfDayField('新开始时间').nullable().default(null),
		newEndTime: timeOfDayField('新结束时间').nullable().default(null),
		quota: z.number().int('号源数应为整数').min(0, '号源数不能为负数').max(500, '号源数不超过 500').nullable().default(null)
	})
	.refine((c) => !c.cancelled || (c.reason && c.reason.length > 0), {
		message: '停诊请填写原因，居民会看到它',
		path: ['reason']
	})
	.refine((c) => (c.newStartTime === null) === (c.newEndTime === null), {
		message: '调整时间需要同时填写开始和结束时间',
		path: ['newEndTime']
	})
	.refine((c) => c.newStartTime === null || c.newEndTime === null || c.newStartTime < c.newEndTime, {
		message: '结束时间应晚于开始时间',
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
	if (!parseCalendarDate(originalDate)) throw invalid('班次日期无效', 'originalDate');
	const rotation = await findRotation(db, rotationId);
	if (!rotation) throw notFound('坐诊安排不存在');
	if (!(await isOccurrenceOf(db, rotation, originalDate))) {
		throw invalid(`${formatDay(originalDate)} 不是这个坐诊安排的班次`, 'originalDate');
	}
	if (c.newDate && Math.abs(daysBetween(originalDate, c.newDate)) > MAX_MOVE_DAYS) {
		throw invalid(`改期不能超过原日期前后 ${MAX_MOVE_DAYS} 天；更远的调整请新建坐诊安排`, 'newDate');
	}
	if (c.substituteExpertId) {
		if (c.substituteExpertId === rotation.expertId) throw invalid('替诊专家不能是原专家本人', 'substituteExpertId');
		const substitute = await db.select({ id: experts.id }).from(experts).where(eq(experts.id, c.substituteExpertId)).get();
		if (!substitute) throw invalid('所选替诊专家不存在', 'substituteExpertId');
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
		expertId: z.string().min(1, '请选择专家'),
		startDate: calendarDateField('开始日期'),
		endDate: calendarDateField('结束日期'),
		reason: singleLineText('原因').max(100, '原因不超过 100 字').nullable().default(null)
	})
	.refine((l) => l.endDate >= l.startDate, { message: '结束日期不能早于开始日期', path: ['endDate'] })
	.refine((l) => daysBetween(l.startDate, l.endDate) <= 366, { message: '请假不能超过一年', path: ['endDate'] });
export type LeaveInput = z.input<typeof LeaveInput>;

/** Records leave; the expert's sittings in the range then show as needing cover until someone covers. */
export async function recordLeave(
	db: DbOrTx,
	input: LeaveInput,
	options: { id?: string; status?: 'requested' | 'approved' } = {}
): Promise<string> {
	const leave = parseOrThrow(LeaveInput, input);
	const expert = await db.select({ id: experts.id }).from(experts).where(eq(experts.id, leave.expertId)).get();
	if (!expert) throw invalid('所选专家不存在', 'expertId');
	const id = options.id ?? newId();
	await db.insert(expertLeaves).values({ id, ...leave, status: options.status ?? 'approved' });
	return id;
}
