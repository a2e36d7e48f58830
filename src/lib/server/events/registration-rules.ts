/**
 * What a registration is checked against and given, apart from the database: whether the event still
 * takes sign-ups, and the check-in code a volunteer reads at the door.
 */
import { randomInt } from 'node:crypto';
import { dm } from '../../i18n/domain';

/** No 0/O/1/I/L: a volunteer reads the code aloud at the door. */
export const CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY3479';
export const CODE_LENGTH = 6;

export function newCheckInCode(): string {
	let code = '';
	for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
	return code;
}

/** Why nobody may sign up for this event any more, or null while they may. */
export function registrationClosedReason(event: { status: string; cancelReason: string | null; date: string }, today: string): string | null {
	if (event.status === 'cancelled') return dm.events.errors.cannotRegisterCancelled(event.cancelReason);
	if (event.date < today) return dm.events.errors.cannotRegisterEnded;
	return null;
}
