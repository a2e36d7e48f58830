/** Query-string parsing shared by routes: a malformed value is the user's mistake, so it is a 400. */
import { error } from '@sveltejs/kit';
import { parseCalendarDate, type CalendarDate } from '$lib/calendar-date';

/** A 'YYYY-MM-DD' query parameter: null when absent or empty; 400 with `message` when malformed. */
export function dateParam(url: URL, name: string, message: string): CalendarDate | null {
	const raw = url.searchParams.get(name);
	if (raw === null || raw.trim() === '') return null;
	const date = parseCalendarDate(raw);
	if (!date) error(400, message);
	return date;
}
