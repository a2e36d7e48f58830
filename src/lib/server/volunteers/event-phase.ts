/**
 * Where an event stands on the site's wall clock: before it starts volunteers may sign up and
 * withdraw; once it has started the roster is the organizer's; once it is over the roster and the
 * attendance numbers are history (no-shows can be counted). Pure: the caller supplies the clock.
 */
import type { CalendarDate } from '../../calendar-date';
import { formatClockTime } from '../../format/dates';
import { siteToday } from '../clock';
import { DISTRICT_TIME_ZONE } from '../../time-zone';

/** The site's date and 24-hour time, e.g. { date: '2026-11-28', time: '09:15' }. */
export interface WallClock {
	date: CalendarDate;
	time: string;
}

/** Now at a site: the date as the rest of the console reads it (YIZHEN_TODAY may pin it) and the clock time. */
export function wallClockNow(timeZone = DISTRICT_TIME_ZONE, now = new Date()): WallClock {
	return { date: siteToday(timeZone), time: formatClockTime(now, timeZone) };
}

export type EventPhase = 'before' | 'running' | 'over';

export function eventPhase(event: { date: CalendarDate; startTime: string; endTime: string }, clock: WallClock): EventPhase {
	if (event.date > clock.date) return 'before';
	if (event.date < clock.date) return 'over';
	if (clock.time < event.startTime) return 'before';
	return clock.time < event.endTime ? 'running' : 'over';
}
