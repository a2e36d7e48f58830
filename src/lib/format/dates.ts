/** How dates and times read to a resident: 11月30日 周一 上午 · 08:30–11:30. Pure; server and browser. */
import { isoWeekday, type CalendarDate } from '../calendar-date';
import { dateTimeFormat } from './date-time-format';
import { DISTRICT_TIME_ZONE } from '../time-zone';

const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

export function weekdayName(date: CalendarDate): string {
	return WEEKDAYS[isoWeekday(date) - 1]!;
}

export function weekdayNameOf(isoDay: number): string {
	return WEEKDAYS[isoDay - 1] ?? '';
}

/** 11月30日 */
export function formatMonthDay(date: CalendarDate): string {
	return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** 11月30日 周一 */
export function formatDay(date: CalendarDate): string {
	return `${formatMonthDay(date)} ${weekdayName(date)}`;
}

/** 2026年11月30日 周一: when the year is not obvious. */
export function formatFullDay(date: CalendarDate): string {
	return `${Number(date.slice(0, 4))}年${formatDay(date)}`;
}

/**
 * 上午 before noon, 下午 until six, 晚上 after: what residents call the half-day. A sitting that starts
 * in the morning and runs past the lunch break is 全天 (a duty-roster day).
 */
export function slotOf(startTime: string, endTime?: string): '上午' | '下午' | '晚上' | '全天' {
	if (startTime < '12:00' && endTime !== undefined && endTime > '14:00') return '全天';
	if (startTime < '12:00') return '上午';
	if (startTime < '18:00') return '下午';
	return '晚上';
}

/** 11月30日 周一 上午 (全天 when `endTime` shows it runs all day) */
export function formatSittingWhen(date: CalendarDate, startTime: string, endTime?: string): string {
	return `${formatDay(date)} ${slotOf(startTime, endTime)}`;
}

/** 08:30–11:30 */
export function formatTimeRange(startTime: string, endTime: string): string {
	return `${startTime}–${endTime}`;
}

/** 11月30日–12月6日, or 12月28日–2027年1月3日 across a year. */
export function formatDateRange(from: CalendarDate, to: CalendarDate): string {
	if (from.slice(0, 4) !== to.slice(0, 4)) return `${formatMonthDay(from)}–${Number(to.slice(0, 4))}年${formatMonthDay(to)}`;
	return `${formatMonthDay(from)}–${formatMonthDay(to)}`;
}

const CLOCK: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
const MONTH_DAY_CLOCK: Intl.DateTimeFormatOptions = { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** An instant as Beijing wall-clock time, e.g. `14:05` (today) — for "try again after …" messages. */
export function formatClockTime(instant: Date, timeZone = DISTRICT_TIME_ZONE): string {
	return dateTimeFormat('zh-CN', CLOCK, timeZone).format(instant);
}

/** An instant as `11月25日 14:05` in the given zone: for logs and audit trails people read. */
export function formatDateTime(instant: Date, timeZone = DISTRICT_TIME_ZONE): string {
	const parts = dateTimeFormat('en-CA', MONTH_DAY_CLOCK, timeZone).formatToParts(instant);
	const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	// en-CA pads the day (12月08日); people write 12月8日, as formatMonthDay does.
	return `${Number(get('month'))}月${Number(get('day'))}日 ${get('hour')}:${get('minute')}`;
}
