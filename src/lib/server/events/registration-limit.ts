/**
 * Registration rate limit: attempts per phone number and per IP address within a sliding window.
 * A resident registers for a handful of events; a script filling an event with made-up people, or
 * trying numbers to find who registered, needs many more. Counted in the database, so it holds
 * across restarts and two app instances.
 *
 * Every attempt counts, successful or not: a duplicate or a full event still costs the caller one.
 * The per-IP limit is generous because a whole community may sit behind one carrier NAT address,
 * and configurable (`REGISTRATION_LIMIT_PER_IP`) for a deployment that knows its traffic.
 */
import { and, count, eq, gte, lt } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { registrationAttempts } from '../db/schema';
import { tooMany } from '../errors';

export const REGISTRATION_WINDOW_MS = 10 * 60 * 1000;

export interface RegistrationLimits {
	perPhone: number;
	perIp: number;
}

export const DEFAULT_REGISTRATION_LIMITS: RegistrationLimits = { perPhone: 5, perIp: 60 };

export function registrationLimitsFromEnv(env: Record<string, string | undefined> = process.env): RegistrationLimits {
	const perIp = Number(env.REGISTRATION_LIMIT_PER_IP);
	return { ...DEFAULT_REGISTRATION_LIMITS, perIp: Number.isInteger(perIp) && perIp > 0 ? perIp : DEFAULT_REGISTRATION_LIMITS.perIp };
}

async function attemptsSince(db: DbOrTx, key: string, since: Date): Promise<number> {
	const [row] = await db
		.select({ n: count() })
		.from(registrationAttempts)
		.where(and(eq(registrationAttempts.key, key), gte(registrationAttempts.at, since)));
	return row?.n ?? 0;
}

/** Refuses with a 429 when `ip` or `phone` already made the limit's worth of attempts in the window. */
export async function assertRegistrationAllowed(
	db: DbOrTx,
	who: { ip: string; phone: string | null },
	limits: RegistrationLimits,
	now = new Date()
): Promise<void> {
	const since = new Date(now.getTime() - REGISTRATION_WINDOW_MS);
	if (who.phone && (await attemptsSince(db, `phone:${who.phone}`, since)) >= limits.perPhone) {
		throw tooMany('这个手机号报名太频繁了，请 10 分钟后再试。', 'phone');
	}
	if ((await attemptsSince(db, `ip:${who.ip}`, since)) >= limits.perIp) {
		throw tooMany('报名太频繁了，请 10 分钟后再试。', 'form');
	}
}

/**
 * Counts one attempt. The caller records it inside the registration's own transaction when it
 * succeeds (one commit, not two) and on its own when the registration is refused.
 */
export async function recordRegistrationAttempt(db: DbOrTx, who: { ip: string; phone: string | null }, now = new Date()): Promise<void> {
	const keys = [`ip:${who.ip}`, ...(who.phone ? [`phone:${who.phone}`] : [])];
	await db.insert(registrationAttempts).values(keys.map((key) => ({ key, at: now })));
	// Old rows are useless: trim this caller's as we go (by key, so the index serves it) rather than run a job.
	const expired = new Date(now.getTime() - REGISTRATION_WINDOW_MS);
	for (const key of keys) await db.delete(registrationAttempts).where(and(eq(registrationAttempts.key, key), lt(registrationAttempts.at, expired)));
}
