/**
 * What each of the door's forms puts on the queue when the page has JavaScript: the label the volunteer
 * sees while it waits, and the body the ops endpoint reads. Without JavaScript the same forms post to
 * the page's actions instead, so the field names here are the forms' own.
 */
import { readCode } from './code';
import type { QueuedOp } from './queue';

export interface DoorEntry {
	kind: QueuedOp['kind'];
	label: string;
	body: Record<string, unknown>;
}

/** A code typed at the door, labelled as the server will read it; null when only spaces were typed. */
export function typedCodeEntry(typed: string): DoorEntry | null {
	const label = readCode(typed);
	return label ? { kind: 'code', label, body: { code: typed } } : null;
}

/** A scanned QR code: the registration page's link (…?code=AB12CD) or the bare code, sent whole. */
export function scannedCodeEntry(scanned: string): DoorEntry {
	return { kind: 'code', label: readCode(scanned), body: { code: scanned } };
}

/** A registered resident let in from the phone-digits list, or a waitlisted one admitted anyway. */
export function registrationEntry(form: FormData, label: string): DoorEntry {
	return { kind: 'registration', label, body: { registrationId: form.get('registrationId'), admit: form.get('admit') === 'true' } };
}

/** A walk-in registered at the door, named on the queue by the name given. */
export function walkInEntry(form: FormData): DoorEntry {
	return {
		kind: 'walk_in',
		label: String(form.get('name')),
		body: {
			name: form.get('name'),
			phone: form.get('phone'),
			ageBand: form.get('ageBand'),
			community: form.get('community'),
			consent: form.get('consent') === 'on'
		}
	};
}
