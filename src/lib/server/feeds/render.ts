/**
 * Writes stamped items as iCalendar text. Each VEVENT is produced by ical-generator (escaping, date
 * forms, 75-octet folding) and kept, keyed by the item's content hash and stamps: when one sitting of
 * a 600-item feed changes, only that one is written again. The calendar around them is assembled here
 * so that its properties come before its components, as RFC 5545's grammar wants (ical-generator puts
 * VTIMEZONE among the properties), with a VTIMEZONE from timezones-ical-library for each zone used.
 * Names and titles may hold line breaks from before they were refused: ical-text.ts escapes
 * what ical-generator writes verbatim and drops control characters it would pass through.
 */
import { TZDate } from '@date-fns/tz';
import ical, { foldLines, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { icalEscapedText, icalPlainText } from './ical-text';
import type { StampedItem } from './ledger';

export const PROD_ID = { company: 'Yizhen', product: 'Yizhen Calendar', language: 'ZH' } as const;

/** How often a client should poll: an hour; Google ignores it and polls every few hours. */
export const REFRESH_SECONDS = 3600;

const STATUS: Record<StampedItem['status'], ICalEventStatus> = {
	CONFIRMED: ICalEventStatus.CONFIRMED,
	TENTATIVE: ICalEventStatus.TENTATIVE,
	CANCELLED: ICalEventStatus.CANCELLED
};

function localDateTime(date: string, time: string, timeZone: string): TZDate {
	const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
	const [h, mi] = time.split(':').map(Number) as [number, number];
	return new TZDate(y, mo - 1, d, h, mi, timeZone);
}

// No calendar-level zone name on the scratch calendar: with one, ical-generator writes DTSTAMP and
// LAST-MODIFIED as local times without Z, which RFC 5545 forbids. Events carry their own TZID.
const scratch = ical({ prodId: PROD_ID });
const MAX_CACHED = 50_000;
const veventCache = new Map<string, string>();

export interface Itip {
	method: 'REQUEST' | 'CANCEL';
	organizer: { name: string; email: string };
	attendee: { name: string; email: string };
}

function vevent(item: StampedItem, itip?: Itip): string {
	const key = `${item.contentHash}|${item.sequence}|${item.createdAt.getTime()}|${item.modifiedAt.getTime()}`;
	const hit = itip ? undefined : veventCache.get(key);
	if (hit !== undefined) return hit;
	scratch.clear();
	const text = foldLines(
		scratch
			.createEvent({
				...(itip && {
					// iTIP (RFC 5546) wants both, so a mail app files the message as an update to the entry.
					organizer: { ...itip.organizer, name: icalPlainText(itip.organizer.name) },
					attendees: [{ name: icalPlainText(itip.attendee.name), email: itip.attendee.email, rsvp: false }]
				}),
				id: item.uid,
				sequence: item.sequence,
				stamp: item.modifiedAt,
				created: item.createdAt,
				lastModified: item.modifiedAt,
				start: localDateTime(item.date, item.startTime, item.timeZone),
				end: localDateTime(item.date, item.endTime, item.timeZone),
				timezone: item.timeZone,
				status: STATUS[item.status],
				summary: icalPlainText(item.summary),
				location: icalPlainText(item.location),
				description: icalPlainText(item.description),
				url: item.url
			})
			.toString()
	);
	if (itip) return text;
	if (veventCache.size >= MAX_CACHED) veventCache.delete(veventCache.keys().next().value!);
	veventCache.set(key, text);
	return text;
}

function vtimezone(tz: string): string {
	const block = tzlib_get_ical_block(tz)[0];
	return block ? `${foldLines(block)}\r\n` : '';
}

export interface CalendarOptions {
	name: string;
	timeZone: string;
	/** Only for a message to one person; a published feed has no METHOD. */
	itip?: Itip;
}

export function renderCalendar(items: StampedItem[], options: CalendarOptions): string {
	// ical-generator writes NAME and X-WR-CALNAME verbatim, so the name is escaped here; were a later
	// version to escape it too, the round-trip test in feeds.test.ts would show the double escaping.
	const head = ical({ prodId: PROD_ID, name: icalEscapedText(options.name), ttl: REFRESH_SECONDS, x: { 'X-WR-TIMEZONE': options.timeZone } });
	if (options.itip) head.method(options.itip.method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL);
	const properties = head.toString().replace(/END:VCALENDAR(\r\n)?$/, '');
	const zones = [...new Set(items.map((i) => i.timeZone))].sort().map(vtimezone).join('');
	// RFC 5545 ends every content line with CRLF, the last one too.
	return `${properties}${zones}${items.map((item) => vevent(item, options.itip)).join('')}END:VCALENDAR\r\n`;
}
