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
import { and, count, gte, inArray, lt } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { registrationAttempts } from '../db/schema';
import { tooMany } from '../errors';
import { dm } from '../../i18n/domain';

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

/** Attempts per key since `since`, for the caller's keys, in one statement: it runs before every registration. */
async function attemptsSince(db: DbOrTx, keys: string[], since: Date): Promise<Map<string, number>> {
	const rows = await db
		.select({ key: registrationAttempts.key, n: count() })
		.from(registrationAttempts)
		.where(and(inArray(registrationAttempts.key, keys), gte(registrationAttempts.at, since)))
		.groupBy(registrationAttempts.key);
	return new Map(rows.map((r) => [r.key, r.n]));
}

const attemptKeys = (who: { ip: string; phone: string | null }) => [`ip:${who.ip}`, ...(who.phone ? [`phone:${who.phone}`] : [])];

/** Refuses with a 429 when `ip` or `phone` already made the limit's worth of attempts in the window. */
export async function assertRegistrationAllowed(
	db: DbOrTx,
	who: { ip: string; phone: string | null },
	limits: RegistrationLimits,
	now = new Date()
): Promise<void> {
	const attempts = await attemptsSince(db, attemptKeys(who), new Date(now.getTime() - REGISTRATION_WINDOW_MS));
	if (who.phone && (attempts.get(`phone:${who.phone}`) ?? 0) >= limits.perPhone) {
		throw tooMany(dm.events.errors.phoneTooFrequent, 'phone');
	}
	if ((attempts.get(`ip:${who.ip}`) ?? 0) >= limits.perIp) {
		throw tooMany(dm.events.errors.tooFrequent, 'form');
	}
}

/**
 * Counts attempts, each at its own time, in the registration's own transaction (registration-group.ts
 * records a whole group's, refused ones included, with one insert).
 */
export async function recordRegistrationAttempts(db: DbOrTx, attempts: { who: { ip: string; phone: string | null }; at: Date }[]): Promise<void> {
	if (attempts.length === 0) return;
	const rows = attempts.flatMap(({ who, at }) => attemptKeys(who).map((key) => ({ key, at })));
	// 2 columns a row: far under SQLite's bound-variable limit even for a group of 500.
	await db.insert(registrationAttempts).values(rows);
	// Old rows are useless, and a phone number is personal data: trim these callers' as we go (by key,
	// so the index serves it) rather than keep them for a daily job.
	const latest = Math.max(...attempts.map((a) => a.at.getTime()));
	const keys = [...new Set(rows.map((r) => r.key))];
	await db.delete(registrationAttempts).where(and(inArray(registrationAttempts.key, keys), lt(registrationAttempts.at, new Date(latest - REGISTRATION_WINDOW_MS))));
}
