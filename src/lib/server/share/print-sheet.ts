/**
 * What a printed page carries besides its content: a QR code and the short link to the live page
 * (a notice board sheet goes stale; the phone shows today's plan), and the day it was printed.
 */
import type { CalendarDate } from '../../calendar-date';
import { formatFullDay } from '../../format/dates';
import { m } from '../../i18n';
import { qrSvg } from '../events/qr';

export interface PrintSheet {
	/** Inline SVG from `qrcode`, made from our own URL only. */
	qrSvg: string;
	/** The short link, whole, for the QR code. */
	shortUrl: string;
	/** The same without the scheme: what someone types from the paper. */
	shortLabel: string;
	printedOn: string;
}

/** `shortPath` is a short link (see short-links.ts): the QR code stays small and survives renames. */
export async function printSheet(origin: string, shortPath: string, today: CalendarDate): Promise<PrintSheet> {
	const shortUrl = `${origin}${shortPath}`;
	return {
		qrSvg: await qrSvg(shortUrl),
		shortUrl,
		shortLabel: shortUrl.replace(/^https?:\/\//, ''),
		printedOn: m.readable.printedOn(formatFullDay(today))
	};
}
