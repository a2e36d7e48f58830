/**
 * An admin enters the State Council's holiday schedule for a year chinese-days does not know yet
 * (published around November), or corrects one day. Typed the way the notice reads, one line a day:
 *
 *   2027-01-01 元旦
 *   2027-02-06 春节 至 2027-02-12        (a range of days off)
 *   2027-02-14 上班 春节                  (a swapped working day)
 */
import { and, gte, lte } from 'drizzle-orm';
import { addDays, daysBetween, parseCalendarDate, yearOf, type CalendarDate } from '../../calendar-date';
import { recordAudit } from '../audit/audit';
import { can, Forbidden, type Actor } from '../auth/policy';
import type { Db } from '../db/client';
import { holidayDays, holidayYears } from '../db/schema';
import { invalid } from '../errors';
import { districtToday } from '../clock';
import { queueScheduleChangeSms } from '../sms/follower-texts';
import { FOLLOW_WINDOW_DAYS } from '../sms/follows';
import type { AdminHolidayEntry } from './holidays';
import { listSittings } from './sittings';
import { dm } from '../../i18n/domain';

/** Parses the lines; throws one message listing every line that cannot be read. */
export function parseHolidayLines(text: string, year: number): AdminHolidayEntry[] {
	const entries = new Map<CalendarDate, AdminHolidayEntry>();
	const problems: string[] = [];
	text.split(/\r?\n/).forEach((raw, i) => {
		const line = raw.trim().replace(/\s+/g, ' ');
		if (!line) return;
		const m = /^(\d{4}-\d{2}-\d{2})(?: (上班|调休上班))? ?([^\s\d]*)?(?: ?(?:至|到|-|—) ?(\d{4}-\d{2}-\d{2}))?$/.exec(line);
		const from = m ? parseCalendarDate(m[1]) : null;
		const to = m?.[4] ? parseCalendarDate(m[4]) : from;
		if (!m || !from || !to || to < from || daysBetween(from, to) > 15) {
			problems.push(dm.schedule.holidays.lineUnreadable(i + 1, raw.trim()));
			return;
		}
		if (yearOf(from) !== year || yearOf(to) !== year) {
			problems.push(dm.schedule.holidays.lineWrongYear(i + 1, year));
			return;
		}
		const kind = m[2] ? 'workday' : 'holiday';
		for (let d = from; d <= to; d = addDays(d, 1)) entries.set(d, { date: d, kind, name: m[3] || null });
	});
	if (problems.length) throw invalid(problems.join('；'), 'lines');
	if (entries.size === 0) throw invalid(dm.schedule.holidays.atLeastOneDay, 'lines');
	return [...entries.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** Holidays are the whole district's: only an admin enters them (`holiday:edit`). */
function assertHolidayEditor(actor: Actor): void {
	if (!can(actor, 'holiday:edit')) throw new Forbidden(dm.schedule.holidays.adminOnly);
}

/**
 * Replaces the admin's entries for a year with these, and marks the year known, in one transaction.
 * A holiday that falls in the next 14 days cancels sittings residents expect: their followers are
 * texted (sms/follower-texts.ts), as for any other cancellation.
 */
export async function saveHolidayYear(db: Db, actor: Actor, year: number, text: string, now = new Date()): Promise<number> {
	assertHolidayEditor(actor);
	if (!Number.isInteger(year) || year < 2000 || year > 2100) throw invalid(dm.schedule.holidays.badYear, 'year');
	const entries = parseHolidayLines(text, year);
	await db.transaction(async (tx) => {
		const first = `${year}-01-01`;
		const last = `${year}-12-31`;
		const today = districtToday(now);
		const from = today > first ? today : first;
		const end = addDays(today, FOLLOW_WINDOW_DAYS);
		const to = end < last ? end : last;
		const window = from <= to ? { from, to } : null;
		const expected = window ? (await listSittings(tx, window)).sittings : [];
		await tx.delete(holidayDays).where(and(gte(holidayDays.date, first), lte(holidayDays.date, last)));
		await tx.insert(holidayDays).values(entries);
		if (window) await queueScheduleChangeSms(tx, expected, (await listSittings(tx, window)).sittings, now);
		await tx.insert(holidayYears).values({ year, note: dm.schedule.holidays.enteredBy(actor.name) }).onConflictDoUpdate({ target: holidayYears.year, set: { note: dm.schedule.holidays.enteredBy(actor.name) } });
		await recordAudit(tx, actor, {
			action: 'holiday.year',
			objectKind: 'holiday_year',
			objectId: String(year),
			after: { days: entries.length },
			summary: dm.schedule.audit.holidaysEntered(year, entries.filter((e) => e.kind === 'holiday').length, entries.filter((e) => e.kind === 'workday').length)
		});
	});
	return entries.length;
}

/** The years an admin entered, for the page where they enter more. */
export async function enteredHolidayYears(db: Db, actor: Actor) {
	assertHolidayEditor(actor);
	const years = await db.select().from(holidayYears);
	const result = [];
	for (const y of years) {
		const days = await db
			.select()
			.from(holidayDays)
			.where(and(gte(holidayDays.date, `${y.year}-01-01`), lte(holidayDays.date, `${y.year}-12-31`)));
		result.push({ year: y.year, note: y.note, days: days.length });
	}
	return result.sort((a, b) => b.year - a.year);
}

