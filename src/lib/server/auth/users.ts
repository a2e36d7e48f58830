/** Accounts: creating users, signing in with the rate limit, loading the actor a session acts as. */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { memberships, users } from '../db/schema';
import { newId } from '../ids';
import { hashPassword, verifyPasswordHash } from './password';
import type { Actor } from './policy';
import { clearPairFailures, loginLockedUntil, recordLoginFailure } from './throttle';

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export async function createUser(
	db: DbOrTx,
	input: { email: string; name: string; password?: string | null; isAdmin?: boolean }
): Promise<string> {
	const id = newId();
	await db.insert(users).values({
		id,
		email: normalizeEmail(input.email),
		name: input.name,
		passwordHash: input.password ? await hashPassword(input.password) : null,
		isAdmin: input.isAdmin ?? false
	});
	return id;
}

export type SignInResult =
	| { ok: true; userId: string }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'locked'; until: Date };

// Verifying against a real hash when the account does not exist keeps the timing the same, so the
// response time does not reveal which emails have accounts.
let dummyHash: Promise<string> | null = null;

export async function signIn(db: DbOrTx, emailInput: string, password: string, ip: string, now = new Date()): Promise<SignInResult> {
	const email = normalizeEmail(emailInput);
	const locked = await loginLockedUntil(db, email, ip, now);
	if (locked) return { ok: false, reason: 'locked', until: locked };
	const user = await db
		.select({ id: users.id, passwordHash: users.passwordHash, active: users.active })
		.from(users)
		.where(eq(users.email, email))
		.get();
	dummyHash ??= hashPassword('not-a-real-password');
	const valid = await verifyPasswordHash(user?.passwordHash ?? (await dummyHash), password);
	if (!user || !user.passwordHash || !user.active || !valid) {
		await recordLoginFailure(db, email, ip, now);
		return { ok: false, reason: 'invalid' };
	}
	// Only this address's count: wrong passwords from elsewhere may be someone else's guesses.
	await clearPairFailures(db, email, ip);
	return { ok: true, userId: user.id };
}

/** The actor a signed-in user acts as: their memberships, flattened for the policy. */
export async function loadActor(db: DbOrTx, user: { id: string; name: string; isAdmin: boolean }): Promise<Actor> {
	const rows = await db
		.select({ role: memberships.role, organizationId: memberships.organizationId, expertId: memberships.expertId })
		.from(memberships)
		.where(eq(memberships.userId, user.id));
	return {
		userId: user.id,
		name: user.name,
		isAdmin: user.isAdmin,
		organizerOf: rows.filter((r) => r.role === 'organizer' && r.organizationId).map((r) => r.organizationId!),
		volunteerOf: rows.filter((r) => r.role === 'volunteer' && r.organizationId).map((r) => r.organizationId!),
		expertIds: rows.filter((r) => r.role === 'expert' && r.expertId).map((r) => r.expertId!)
	};
}
