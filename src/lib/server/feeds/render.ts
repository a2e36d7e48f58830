/**
 * Writes stamped items as iCalendar text with ical-generator: one VEVENT per sitting or event (local
 * times with TZID and a VTIMEZONE from timezones-ical-library, which ical-generator does not ship).
 * Line folding at 75 octets and CRLF are ical-generator's; the tests check them on long Chinese text.
 */
import { TZDate } from '@date-fns/tz';
import ical, { ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { StampedItem } from './ledger';

export const PROD_ID = { company: 'Yizhen', product: 'Yizhen Calendar', language: 'ZH' } as const;

/** How often a client should poll: an hour; Google ignores it and polls every few hours. */
export const REFRESH_SECONDS = 3600;

const STATUS: Record<StampedItem['status'], ICalEventStatus> = {
	CONFIRMED: ICalEventStatus.CONFIRMED,
	TENTATIVE: ICalEventStatus.TENTATIVE,
	CANCELLED: ICalEventStatus.CANCELLED
};

function vtimezone(tz: string): string | null {
	const block = tzlib_get_ical_block(tz)[0];
	return block ? block : null;
}

function localDateTime(date: string, time: string, timeZone: string): TZDate {
	const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
	const [h, mi] = time.split(':').map(Number) as [number, number];
	return new TZDate(y, mo - 1, d, h, mi, timeZone);
}

export interface CalendarOptions {
	name: string;
	timeZone: string;
	/** Only for iTIP mail (issue 7); a published feed has none. */
	method?: 'REQUEST' | 'CANCEL';
}

export function buildCalendar(items: StampedItem[], options: CalendarOptions): ICalCalendar {
	const calendar = ical({
		prodId: PROD_ID,
		name: options.name,
		// No calendar-level zone name: with one, ical-generator writes DTSTAMP and LAST-MODIFIED as local
		// times without Z, which RFC 5545 forbids. Events carry their own TZID; the generator still
		// writes a VTIMEZONE for each zone they use.
		timezone: { name: null, generator: vtimezone },
		ttl: REFRESH_SECONDS,
		x: { 'X-WR-TIMEZONE': options.timeZone }
	});
	if (options.method) calendar.method(options.method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL);
	for (const item of items) {
		calendar.createEvent({
			id: item.uid,
			sequence: item.sequence,
			stamp: item.modifiedAt,
			created: item.createdAt,
			lastModified: item.modifiedAt,
			start: localDateTime(item.date, item.startTime, item.timeZone),
			end: localDateTime(item.date, item.endTime, item.timeZone),
			timezone: item.timeZone,
			status: STATUS[item.status],
			summary: item.summary,
			location: item.location,
			description: item.description,
			url: item.url
		});
	}
	return calendar;
}

export function renderCalendar(items: StampedItem[], options: CalendarOptions): string {
	// RFC 5545 ends every content line with CRLF, the last one too; ical-generator leaves it off.
	const text = buildCalendar(items, options).toString();
	return text.endsWith('\r\n') ? text : `${text}\r\n`;
}
