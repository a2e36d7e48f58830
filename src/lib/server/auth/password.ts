/** Argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): @node-rs/argon2's defaults. */
import { hash, verify } from '@node-rs/argon2';
import { dm } from '../../i18n/domain';

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
	return hash(password);
}

export async function verifyPasswordHash(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/** A password check everyone understands: long enough, not the email, not one repeated character. */
export function passwordProblem(password: string, email: string): string | null {
	if (password.length < MIN_PASSWORD_LENGTH) return dm.auth.password.tooShort(MIN_PASSWORD_LENGTH);
	if (password.length > 200) return dm.auth.password.tooLong;
	if (password.toLowerCase() === email.toLowerCase()) return dm.auth.password.sameAsEmail;
	if (/^(.)\1+$/.test(password)) return dm.auth.password.repeatedCharacter;
	return null;
}
