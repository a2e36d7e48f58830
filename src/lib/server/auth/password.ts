/** Argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): @node-rs/argon2's defaults. */
import { hash, verify } from '@node-rs/argon2';

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
	if (password.length < MIN_PASSWORD_LENGTH) return `密码至少 ${MIN_PASSWORD_LENGTH} 位`;
	if (password.length > 200) return '密码不超过 200 位';
	if (password.toLowerCase() === email.toLowerCase()) return '密码不能与邮箱相同';
	if (/^(.)\1+$/.test(password)) return '密码不能是同一个字符重复';
	return null;
}
