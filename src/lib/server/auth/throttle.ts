/**
 * Login rate limit: too many failed sign-ins for one account, or from one IP address, within a
 * window lock further attempts until the oldest failure leaves the window. Counted in the database,
 * so it holds across restarts and across two app instances.
 */
import { and, asc, eq, gte, lt } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { loginFailures } from '../db/schema';

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 30;

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;

/** When the key may try again, or null if it may try now. */
async function lockedUntil(db: DbOrTx, key: string, limit: number, now: Date): Promise<Date | null> {
	const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
	const recent = await db
		.select({ at: loginFailures.at })
		.from(loginFailures)
		.where(and(eq(loginFailures.key, key), gte(loginFailures.at, since)))
		.orderBy(asc(loginFailures.at));
	if (recent.length < limit) return null;
	// Unlocks when enough failures have aged out to fall below the limit.
	const freeing = recent[recent.length - limit]!;
	return new Date(freeing.at.getTime() + THROTTLE_WINDOW_MS);
}

export async function loginLockedUntil(db: DbOrTx, email: string, ip: string, now = new Date()): Promise<Date | null> {
	const [account, address] = await Promise.all([
		lockedUntil(db, accountKey(email), MAX_FAILURES_PER_ACCOUNT, now),
		lockedUntil(db, ipKey(ip), MAX_FAILURES_PER_IP, now)
	]);
	if (account && address) return account > address ? account : address;
	return account ?? address;
}

export async function recordLoginFailure(db: DbOrTx, email: string, ip: string, now = new Date()): Promise<void> {
	await db.insert(loginFailures).values([
		{ key: accountKey(email), at: now },
		{ key: ipKey(ip), at: now }
	]);
	// Old rows are useless: trim them as we go rather than running a job.
	await db.delete(loginFailures).where(lt(loginFailures.at, new Date(now.getTime() - THROTTLE_WINDOW_MS)));
}

export async function clearAccountFailures(db: DbOrTx, email: string): Promise<void> {
	await db.delete(loginFailures).where(eq(loginFailures.key, accountKey(email)));
}
