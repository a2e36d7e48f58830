/**
 * Text for iCalendar. ical-generator 11 escapes SUMMARY, LOCATION, DESCRIPTION, X- properties and
 * parameter values (CN), but writes the calendar's NAME, X-WR-CALNAME and X-WR-CALDESC exactly as
 * given: a name holding CRLF there ends the calendar or adds properties. Neither removes
 * control characters, which RFC 5545 TEXT does not allow (HTAB aside) and some clients choke on.
 */
import { withoutControlCharacters } from '../text/single-line';

/** A value ical-generator escapes itself: only the control characters go; line breaks stay for it. */
export function icalPlainText(value: string): string {
	return withoutControlCharacters(value);
}

/** A TEXT value (RFC 5545 §3.3.11) for a property ical-generator writes verbatim. */
export function icalEscapedText(value: string): string {
	return icalPlainText(value)
		.replace(/[\\;,]/g, (c) => `\\${c}`)
		.replace(/\r\n|\r|\n/g, '\\n');
}
