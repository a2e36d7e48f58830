/**
 * Login rate limit, counted in the database so it holds across restarts and across two app
 * instances. Wrong passwords are limited three ways, so a guesser cannot lock the owner out from
 * somewhere else by guessing a few times (five wrong passwords from anywhere used to lock
 * any account, the admin's included):
 *
 * - One account from one address: after every 5 wrong passwords that pair waits 1, then 5, 15 and
 *   60 minutes. A right password from that address clears it. The owner at another address is not
 *   slowed at all.
 * - One address across accounts: 30 wrong passwords in 15 minutes lock the address.
 * - One account across addresses: 50 wrong passwords in 15 minutes lock the account for 15 minutes,
 *   from everywhere, so a guesser spread over many addresses is still stopped. This one does lock the
 *   owner out, so the owner is told by mail (once per lock), a password reset by mail lifts it, and an
 *   admin can unlock it (lockouts.ts).
 *
 * Rows of `login_failures` are keyed `account:<email>`, `ip:<address>`, `pair:<email>|<address>`
 * (one of each per wrong password) and `lock:<email>` (when the account-wide lock began).
 */
import { and, asc, count, desc, eq, gt, gte, lt, or } from 'drizzle-orm';
import { formatDateTime } from '../../format/dates';
import { m } from '../../i18n';
import type { DbOrTx } from '../db/client';
import { loginFailures, users } from '../db/schema';
import { enqueueMail } from '../notify/outbox';

const MINUTE = 60 * 1000;

export const THROTTLE_WINDOW_MS = 15 * MINUTE;
export const MAX_FAILURES_PER_IP = 30;
/** Far above what a person mistyping reaches, so only a guesser working from many addresses hits it. */
export const MAX_FAILURES_PER_ACCOUNT = 50;
export const ACCOUNT_LOCK_MS = 15 * MINUTE;
export const FAILURES_PER_PAIR_STEP = 5;
/** The waits after the 1st, 2nd, 3rd and every later step of 5 wrong passwords from one address. */
export const PAIR_DELAYS_MS = [1 * MINUTE, 5 * MINUTE, 15 * MINUTE, 60 * MINUTE] as const;
/** How long a pair's wrong passwords are remembered: long enough that the waits keep growing. */
/** The limits above in minutes, as the people page explains them to an admin (never a copy of the numbers). */
export function lockLimits() {
	return {
		step: FAILURES_PER_PAIR_STEP,
		waitsMinutes: PAIR_DELAYS_MS.map((ms) => ms / MINUTE),
		ceiling: MAX_FAILURES_PER_ACCOUNT,
		windowMinutes: THROTTLE_WINDOW_MS / MINUTE,
		lockMinutes: ACCOUNT_LOCK_MS / MINUTE
	};
}

export const PAIR_MEMORY_MS = 24 * 60 * MINUTE;

export const normalizeAccount = (email: string) => email.trim().toLowerCase();
export const accountKey = (email: string) => `account:${normalizeAccount(email)}`;
export const ipKey = (ip: string) => `ip:${ip}`;
// The email comes first so that all of an account's pairs share a prefix; `|` is in no IP address.
export const pairKey = (email: string, ip: string) => `pair:${normalizeAccount(email)}|${ip}`;
export const lockKey = (email: string) => `lock:${normalizeAccount(email)}`;

const later = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));

/**
 * Until when one account may not be tried again from one address, given the times of its recent wrong
 * passwords from there (oldest first); null when it may be tried now.
 */
export function pairLockedUntil(failures: readonly Date[], now: Date): Date | null {
	const steps = Math.floor(failures.length / FAILURES_PER_PAIR_STEP);
	if (steps === 0) return null;
	const stepCompleted = failures[steps * FAILURES_PER_PAIR_STEP - 1]!;
	const wait = PAIR_DELAYS_MS[Math.min(steps, PAIR_DELAYS_MS.length) - 1]!;
	const until = new Date(stepCompleted.getTime() + wait);
	return until > now ? until : null;
}

async function failureTimes(db: DbOrTx, key: string, since: Date): Promise<Date[]> {
	const rows = await db
		.select({ at: loginFailures.at })
		.from(loginFailures)
		.where(and(eq(loginFailures.key, key), gte(loginFailures.at, since)))
		.orderBy(asc(loginFailures.at));
	return rows.map((r) => r.at);
}

/** When the address may try again: once enough failures have aged out of the window. */
async function addressLockedUntil(db: DbOrTx, ip: string, now: Date): Promise<Date | null> {
	const recent = await failureTimes(db, ipKey(ip), new Date(now.getTime() - THROTTLE_WINDOW_MS));
	if (recent.length < MAX_FAILURES_PER_IP) return null;
	const freeing = recent[recent.length - MAX_FAILURES_PER_IP]!;
	return new Date(freeing.getTime() + THROTTLE_WINDOW_MS);
}

/** When the account's latest account-wide lock began, ended or not. */
export async function accountLockStart(db: DbOrTx, email: string): Promise<Date | null> {
	const row = await db.select({ at: loginFailures.at }).from(loginFailures).where(eq(loginFailures.key, lockKey(email))).orderBy(desc(loginFailures.at)).get();
	return row?.at ?? null;
}

function accountLockEnd(start: Date | null, now: Date): Date | null {
	if (!start) return null;
	const until = new Date(start.getTime() + ACCOUNT_LOCK_MS);
	return until > now ? until : null;
}

/** When this account may be tried from this address again, or null if it may be tried now. */
export async function loginLockedUntil(db: DbOrTx, email: string, ip: string, now = new Date()): Promise<Date | null> {
	const [pair, address, accountStart] = await Promise.all([
		failureTimes(db, pairKey(email, ip), new Date(now.getTime() - PAIR_MEMORY_MS)),
		addressLockedUntil(db, ip, now),
		accountLockStart(db, email)
	]);
	return later(later(pairLockedUntil(pair, now), address), accountLockEnd(accountStart, now));
}

/**
 * Counts one wrong password. When it brings the account to the account-wide ceiling, the account is
 * locked and its owner is mailed, in the same transaction: two wrong passwords arriving together
 * start one lock and send one mail.
 */
export async function recordLoginFailure(db: DbOrTx, email: string, ip: string, now = new Date()): Promise<void> {
	await db.transaction(async (tx) => {
		await tx.insert(loginFailures).values([
			{ key: accountKey(email), at: now },
			{ key: ipKey(ip), at: now },
			{ key: pairKey(email, ip), at: now }
		]);
		const lockStart = await accountLockStart(tx, email);
		if (!accountLockEnd(lockStart, now)) {
			// Wrong passwords that led to an earlier lock do not count towards the next one.
			const [row] = await tx
				.select({ n: count() })
				.from(loginFailures)
				.where(
					and(
						eq(loginFailures.key, accountKey(email)),
						gte(loginFailures.at, new Date(now.getTime() - THROTTLE_WINDOW_MS)),
						lockStart ? gt(loginFailures.at, lockStart) : undefined
					)
				);
			const failures = row?.n ?? 0;
			if (failures >= MAX_FAILURES_PER_ACCOUNT) await lockAccount(tx, email, failures, now);
		}
		// Old rows are useless: trim them as we go rather than running a job.
		await tx.delete(loginFailures).where(lt(loginFailures.at, new Date(now.getTime() - PAIR_MEMORY_MS)));
	});
}

async function lockAccount(tx: DbOrTx, email: string, failures: number, now: Date): Promise<void> {
	await tx.insert(loginFailures).values({ key: lockKey(email), at: now });
	const owner = await tx.select({ name: users.name, active: users.active }).from(users).where(eq(users.email, normalizeAccount(email))).get();
	// Guesses at an address without an account lock it all the same (the answer must not tell them
	// apart), but there is nobody to tell.
	if (!owner?.active) return;
	const until = formatDateTime(new Date(now.getTime() + ACCOUNT_LOCK_MS));
	await enqueueMail(
		tx,
		{
			kind: 'account_locked',
			to: normalizeAccount(email),
			toName: owner.name,
			subject: m.mail.accountLockedSubject,
			text: `${m.mail.accountLocked(owner.name, normalizeAccount(email), failures, until)}\n\n${m.mail.signature}`,
			dedupeKey: `account-locked:${normalizeAccount(email)}:${now.getTime()}`
		},
		now
	);
}

/** A right password from this address: the pair starts afresh; the account's other counts stand. */
export async function clearPairFailures(db: DbOrTx, email: string, ip: string): Promise<void> {
	await db.delete(loginFailures).where(eq(loginFailures.key, pairKey(email, ip)));
}

/** Lifts every limit on the account (not on the addresses): its lock, its count, every pair. */
export async function clearAccountFailures(db: DbOrTx, email: string): Promise<void> {
	const pairs = `pair:${normalizeAccount(email)}|`;
	await db.delete(loginFailures).where(
		or(
			eq(loginFailures.key, accountKey(email)),
			eq(loginFailures.key, lockKey(email)),
			// Every key that starts with the prefix: `}` sorts right after `|`.
			and(gte(loginFailures.key, pairs), lt(loginFailures.key, `${pairs.slice(0, -1)}}`))
		)
	);
}
