/**
 * A sitting's id: `<rotation id>_<original date>`, e.g. `r8k2m4_2026-12-08`. A sitting is not a row
 * but one occurrence of a rotation, so its id is made from the rotation and the date it was planned
 * for, and keeps naming the same sitting when it is moved. Pages, feeds (the iCal UID), audit entries
 * and the stored 诊疗人次 and 教学 marks all refer to sittings by it, so it is written and read here only
 * (the SQL spelling is schedule/sitting-id-sql.ts). Rotation ids never contain the separator; the
 * date is always the last ten characters.
 */
import { parseCalendarDate, type CalendarDate } from './calendar-date';

export const SITTING_ID_SEPARATOR = '_';

export function sittingIdOf(rotationId: string, originalDate: CalendarDate): string {
	return `${rotationId}${SITTING_ID_SEPARATOR}${originalDate}`;
}

/** The rotation and original date a sitting id names; null for anything else. */
export function parseSittingId(id: string): { rotationId: string; originalDate: CalendarDate } | null {
	const at = id.lastIndexOf(SITTING_ID_SEPARATOR);
	if (at <= 0) return null;
	const originalDate = parseCalendarDate(id.slice(at + 1));
	return originalDate ? { rotationId: id.slice(0, at), originalDate } : null;
}
