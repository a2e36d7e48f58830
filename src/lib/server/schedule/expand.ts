/**
 * Turns rotations into dated sittings (坐诊班次): the rule's dates, plus swapped working days that follow
 * the rotation's weekday, minus holidays, with per-occurrence overrides and expert leave applied.
 * Pure: everything it needs is passed in, so every rule here is tested without a database.
 */
import { addDays, mondayOf, type CalendarDate } from '../../calendar-date';
import type { HolidayCalendar } from './holidays';
import { occurrenceDates } from './recurrence';

/** A moved sitting may land at most this many days from its original date (keeps expansion bounded). */
export const MAX_MOVE_DAYS = 14;

export interface RotationRule {
	id: string;
	expertId: string;
	siteId: string;
	departmentId: string;
	rrule: string;
	startTime: string;
	endTime: string;
	validFrom: CalendarDate;
	validUntil: CalendarDate | null;
	quota: number | null;
	holidayPolicy: 'skip' | 'keep';
	countSwapDays: boolean;
}

export interface OccurrenceOverride {
	originalDate: CalendarDate;
	cancelled: boolean;
	reason: string | null;
	substituteExpertId: string | null;
	newDate: CalendarDate | null;
	newStartTime: string | null;
	newEndTime: string | null;
	quota: number | null;
	sequence: number;
}

export interface LeaveRange {
	expertId: string;
	startDate: CalendarDate;
	endDate: CalendarDate;
	reason: string | null;
}

/**
 * scheduled: the expert comes. cancelled: an organizer cancelled it (停诊). holiday: the rule skips
 * this statutory holiday. needs_cover: the expert is on leave and nobody covers yet.
 */
export type { SittingStatus } from '../../schedule-views';
import type { SittingStatus } from '../../schedule-views';
import { sittingIdOf } from '../../sitting-id';
import { dm } from '../../i18n/domain';

export interface Sitting {
	/** Stable across rule edits: the rotation and the occurrence's original date (RECURRENCE-ID). */
	id: string;
	rotationId: string;
	originalDate: CalendarDate;
	date: CalendarDate;
	startTime: string;
	endTime: string;
	siteId: string;
	departmentId: string;
	/** Who actually sits: the substitute when there is one. */
	expertId: string;
	/** Who the rotation names. */
	rosteredExpertId: string;
	quota: number | null;
	status: SittingStatus;
	/** Why it is cancelled, or the leave reason, or the holiday's name. */
	reason: string | null;
	substituted: boolean;
	moved: { date: CalendarDate; startTime: string; endTime: string } | null;
	/** A statutory holiday on which the rotation still runs (holiday policy 'keep', or moved there). */
	onHoliday: string | null;
	/** A swapped working day (调休上班日) the sitting exists on because its weekday's roster applies. */
	onSwapDay: boolean;
	sequence: number;
}

export interface ExpansionContext {
	holidays: HolidayCalendar;
	/** Which weekday's roster (1–7) the site's organization follows on a swapped working day, or null. */
	swapDayWeekday(siteId: string, date: CalendarDate): number | null;
	overrides: ReadonlyMap<CalendarDate, OccurrenceOverride>;
	leaves: readonly LeaveRange[];
}

/**
 * The swapped working days (调休上班日) in [from, to], in order. listSittings expands thousands of
 * rotations over one window with one calendar: walking every date of the window once per rotation
 * was most of a district-wide expansion's time (bench:reports), so the walk is done once per calendar
 * and window. A calendar answers the same for the same date for as long as it lives.
 */
const swappedWorkdayCache = new WeakMap<HolidayCalendar, Map<string, CalendarDate[]>>();
function swappedWorkdays(holidays: HolidayCalendar, from: CalendarDate, to: CalendarDate): CalendarDate[] {
	let byWindow = swappedWorkdayCache.get(holidays);
	if (!byWindow) swappedWorkdayCache.set(holidays, (byWindow = new Map()));
	const key = `${from}|${to}`;
	let dates = byWindow.get(key);
	if (!dates) {
		dates = [];
		for (let date = from; date <= to; date = addDays(date, 1)) if (holidays.day(date).kind === 'workday') dates.push(date);
		byWindow.set(key, dates);
	}
	return dates;
}

/** The rule's own dates plus swapped working days that follow one of the rule's weekdays. */
export function occurrencesOf(
	rotation: RotationRule,
	from: CalendarDate,
	to: CalendarDate,
	ctx: Pick<ExpansionContext, 'holidays' | 'swapDayWeekday'>
): { date: CalendarDate; swapDay: boolean }[] {
	const validity = { validFrom: rotation.validFrom, validUntil: rotation.validUntil };
	const own = occurrenceDates(rotation.rrule, validity, from, to);
	const result = own.map((date) => ({ date, swapDay: false }));
	if (!rotation.countSwapDays) return result;
	const ownSet = new Set(own);
	for (const date of swappedWorkdays(ctx.holidays, from, to)) {
		if (ownSet.has(date)) continue;
		if (date < rotation.validFrom || (rotation.validUntil && date > rotation.validUntil)) continue;
		const weekday = ctx.swapDayWeekday(rotation.siteId, date);
		if (weekday === null) continue;
		// The roster of weekday W is "whoever the rule puts on W in this same week", so every-other-week
		// and monthly rules follow their own weeks too.
		const reference = addDays(mondayOf(date), weekday - 1);
		const refDates = occurrenceDates(rotation.rrule, { validFrom: rotation.validFrom, validUntil: null }, reference, reference);
		if (refDates.length > 0) result.push({ date, swapDay: true });
	}
	return result.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function leaveOn(leaves: readonly LeaveRange[], expertId: string, date: CalendarDate): LeaveRange | null {
	return leaves.find((l) => l.expertId === expertId && l.startDate <= date && date <= l.endDate) ?? null;
}

/**
 * The sittings of one rotation whose effective date lies in [from, to]. Occurrences up to
 * MAX_MOVE_DAYS outside the range are expanded too, so a sitting moved into the range appears and one
 * moved out of it does not.
 */
export function expandRotation(
	rotation: RotationRule,
	from: CalendarDate,
	to: CalendarDate,
	ctx: ExpansionContext
): Sitting[] {
	const hasMoves = [...ctx.overrides.values()].some((o) => o.newDate !== null);
	const scanFrom = hasMoves ? addDays(from, -MAX_MOVE_DAYS) : from;
	const scanTo = hasMoves ? addDays(to, MAX_MOVE_DAYS) : to;
	const sittings: Sitting[] = [];
	for (const { date: originalDate, swapDay } of occurrencesOf(rotation, scanFrom, scanTo, ctx)) {
		const override = ctx.overrides.get(originalDate) ?? null;
		const date = override?.newDate ?? originalDate;
		if (date < from || date > to) continue;
		const startTime = override?.newStartTime ?? rotation.startTime;
		const endTime = override?.newEndTime ?? rotation.endTime;
		const moved =
			override && (date !== originalDate || startTime !== rotation.startTime || endTime !== rotation.endTime)
				? { date: originalDate, startTime: rotation.startTime, endTime: rotation.endTime }
				: null;
		const expertId = override?.substituteExpertId ?? rotation.expertId;
		const holiday = ctx.holidays.day(date);
		const isHoliday = holiday.kind === 'holiday';

		let status: SittingStatus = 'scheduled';
		let reason: string | null = null;
		if (override?.cancelled) {
			status = 'cancelled';
			reason = override.reason;
		} else if (isHoliday && rotation.holidayPolicy === 'skip' && !moved) {
			status = 'holiday';
			reason = holiday.name;
		} else {
			const leave = leaveOn(ctx.leaves, expertId, date);
			if (leave) {
				status = 'needs_cover';
				reason = leave.reason;
			}
		}
		sittings.push({
			id: sittingIdOf(rotation.id, originalDate),
			rotationId: rotation.id,
			originalDate,
			date,
			startTime,
			endTime,
			siteId: rotation.siteId,
			departmentId: rotation.departmentId,
			expertId,
			rosteredExpertId: rotation.expertId,
			quota: override?.quota ?? rotation.quota,
			status,
			reason,
			substituted: expertId !== rotation.expertId,
			moved,
			onHoliday: isHoliday && status !== 'holiday' ? (holiday.name ?? dm.schedule.labels.statutoryHoliday) : null,
			onSwapDay: swapDay,
			sequence: override?.sequence ?? 0
		});
	}
	return sittings;
}
