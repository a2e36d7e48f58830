/**
 * What a typed text may contain. A name, title, reason or address is one line: it goes into calendar
 * properties, mail headers, CSV cells and log lines, where a line break or control character starts a
 * new property, header or record (a site named `…\r\nEND:VCALENDAR` ended subscribers'
 * calendars). Multi-line fields (descriptions, notes, survey prompts) keep their line breaks and refuse
 * the other controls. Refused at the domain boundary, with a message at the field, rather than silently
 * cleaned: the organizer sees what was wrong with what they pasted.
 */
import { z } from 'zod';
import '../zod-chinese';
import { dm } from '../../i18n/domain';

// C0 controls (CR, LF and TAB among them), DEL, C1 controls (NEL, U+0085, is a line break to some
// readers) and the Unicode line and paragraph separators.
const LINE_BREAK_OR_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;
// The same less CR and LF (a textarea sends its line breaks as CRLF) and TAB (text pasted from Word
// or WPS carries tabs, and iCalendar TEXT allows HTAB).
const CONTROL_OTHER_THAN_LINE_BREAK = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;
const EVERY_CONTROL_OTHER_THAN_LINE_BREAK = new RegExp(CONTROL_OTHER_THAN_LINE_BREAK.source, 'gu');

export const SINGLE_LINE_MESSAGE = dm.text.errors.singleLine;
export const MULTI_LINE_MESSAGE = dm.text.errors.multiLine;

export function isSingleLine(text: string): boolean {
	return !LINE_BREAK_OR_CONTROL.test(text);
}

export function hasNoControlsButLineBreaks(text: string): boolean {
	return !CONTROL_OTHER_THAN_LINE_BREAK.test(text);
}

/** A one-line text field, trimmed; `label` starts the message (名称不能包含换行或控制字符). */
export function singleLineText(label: string): z.ZodString {
	return z.string().trim().refine(isSingleLine, { message: `${label}${SINGLE_LINE_MESSAGE}` });
}

/** A text field that may span lines, trimmed; other control characters are refused. */
export function multiLineText(label: string): z.ZodString {
	return z.string().trim().refine(hasNoControlsButLineBreaks, { message: `${label}${MULTI_LINE_MESSAGE}` });
}

/**
 * For writers of formats that cannot carry control characters (iCalendar TEXT allows none but TAB):
 * text stored before the rules above, or brought in another way, loses them. Line breaks stay, for the
 * format's own escaping.
 */
export function withoutControlCharacters(text: string): string {
	return text.replace(EVERY_CONTROL_OTHER_THAN_LINE_BREAK, '');
}
