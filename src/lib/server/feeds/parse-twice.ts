/**
 * Test support: reads an iCalendar text with two independent parsers (ical.js, Mozilla's; node-ical)
 * into the same plain shape, so a test can insist they agree and then compare with the engine.
 */
import { TZDate } from '@date-fns/tz';
import ICAL from 'ical.js';
import nodeIcal, { type VEvent } from 'node-ical';

export interface ParsedItem {
	uid: string;
	/** Absolute instants, ms since the epoch. */
	start: number;
	end: number;
	tzid: string | null;
	status: string;
	sequence: number;
	summary: string;
	location: string;
	description: string;
	url: string | null;
}

export function parseWithIcalJs(text: string): { calendar: ICAL.Component; items: ParsedItem[] } {
	const calendar = new ICAL.Component(ICAL.parse(text));
	for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtimezone);
	const items = calendar.getAllSubcomponents('vevent').map((vevent) => {
		const event = new ICAL.Event(vevent);
		return {
			uid: event.uid,
			start: event.startDate.toJSDate().getTime(),
			end: event.endDate.toJSDate().getTime(),
			tzid: String(vevent.getFirstProperty('dtstart')?.getParameter('tzid') ?? '') || null,
			status: String(vevent.getFirstPropertyValue('status') ?? ''),
			sequence: event.sequence,
			summary: event.summary,
			location: event.location,
			description: event.description,
			url: (vevent.getFirstPropertyValue('url') as string | null) ?? null
		};
	});
	return { calendar, items };
}

function text(value: unknown): string {
	if (value && typeof value === 'object' && 'val' in value) return String((value as { val: unknown }).val);
	return value === undefined || value === null ? '' : String(value);
}

export function parseWithNodeIcal(body: string): ParsedItem[] {
	const parsed = nodeIcal.sync.parseICS(body);
	return Object.values(parsed)
		.filter((c): c is VEvent => !!c && c.type === 'VEVENT')
		.map((e) => ({
			uid: e.uid,
			start: e.start.getTime(),
			end: e.end ? e.end.getTime() : Number.NaN,
			tzid: (e.start as Date & { tz?: string }).tz ?? null,
			status: e.status ?? '',
			sequence: Number(e.sequence ?? 0),
			summary: text(e.summary),
			location: text(e.location),
			description: text(e.description),
			url: e.url ? text(e.url) : null
		}));
}

/** The instant a local date and time at a time zone is. */
export function instant(date: string, time: string, timeZone: string): number {
	const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
	const [h, mi] = time.split(':').map(Number) as [number, number];
	return new TZDate(y, mo - 1, d, h, mi, timeZone).getTime();
}
