/**
 * Proving a phone with a 6-digit code sent by SMS, for residents who have no account: to find their
 * registrations (and later to follow an expert). A code is asked for one purpose and cannot be spent
 * on another; it lives 10 minutes, survives 5 wrong tries, and is used once.
 *
 * A code is bound to the browser that asked for it. Asking returns a random challenge token (the route
 * keeps it in an HttpOnly cookie) and the code is checked only together with it, so:
 * - nobody else can guess at someone's code: 5 wrong tries by a stranger, or a newer code sent to the
 *   same phone, never spoil the code the owner is about to type (nothing of someone else is locked);
 * - the database holds no way back to a code. The row is found by SHA-256 of the challenge token, and
 *   the code is stored as HMAC-SHA256 keyed by the challenge token itself, which only the browser has.
 *   A plain SHA-256 of 6 digits falls to 10^6 guesses in a second; a server-wide pepper would need a
 *   secret configured on every instance (or one kept beside the hashes, which protects nothing). A key
 *   per code that the server never stores needs no configuration and cannot be tried without.
 *   The outbox row keeps the code until the provider has it (a text is its words), but a reader of
 *   the database still lacks the challenge token, without which the code opens nothing.
 *
 * Throttles count codes actually sent, never refusals, so a flood that is refused extends no lock:
 * - per phone, one a minute and 10 a Beijing day, whatever the purpose: the phone's owner is never
 *   texted more than that, by anyone. A flood from elsewhere can use up the day's 10; the owner then
 *   waits until midnight at most, and any code they already hold still works.
 * - per address, 30 an hour (`PHONE_CODE_LIMIT_PER_IP`): one address cannot text many phones. Generous,
 *   as for registrations, because a whole community may share one carrier NAT address.
 *
 * "Send me a code" says the same thing for every well-formed phone and texts every one of them, with
 * or without registrations: texting only "useful" phones would answer the question by the time the
 * answer takes or by the code that never comes, and the owner of a phone with nothing would wait for
 * a text that never arrives. The throttles bound the cost.
 */
import { and, count, desc, eq, gte, isNull, lt, sql } from 'drizzle-orm';
import { createHmac, randomInt } from 'node:crypto';
import { m } from '../../i18n';
import { constantTimeEqual, generateToken, hashToken } from '../auth/tokens';
import type { Db, DbOrTx } from '../db/client';
import { PHONE_CODE_PURPOSES, phoneCodes, phoneSessions } from '../db/schema';
import { conflict, invalid, tooMany, type DomainError } from '../errors';
import { maskPhone, normalizeMobile } from '../events/phone';
import { enqueueSms } from './outbox';

export type PhoneCodePurpose = (typeof PHONE_CODE_PURPOSES)[number];

export const CODE_LIFETIME_MS = 10 * 60_000;
export const MAX_TRIES = 5;
export const PHONE_CODE_INTERVAL_MS = 60_000;
export const PHONE_CODES_PER_DAY = 10;
export const ADDRESS_WINDOW_MS = 60 * 60_000;
export const PHONE_SESSION_LIFETIME_MS = 30 * 60_000;
/** Rows past this only counted towards a daily cap that has long reset. */
const KEEP_CODES_MS = 2 * 24 * 60 * 60_000;
const BEIJING_OFFSET_MS = 8 * 60 * 60_000;

export interface PhoneCodeLimits {
	perAddressPerHour: number;
}

export const DEFAULT_PHONE_CODE_LIMITS: PhoneCodeLimits = { perAddressPerHour: 30 };

export function phoneCodeLimitsFromEnv(env: Record<string, string | undefined> = process.env): PhoneCodeLimits {
	const perIp = Number(env.PHONE_CODE_LIMIT_PER_IP);
	return { perAddressPerHour: Number.isInteger(perIp) && perIp > 0 ? perIp : DEFAULT_PHONE_CODE_LIMITS.perAddressPerHour };
}

/** HMAC keyed by the challenge token: without the token, the 10^6 codes cannot be tried against it. */
export function codeHashOf(challenge: string, purpose: PhoneCodePurpose, phone: string, code: string): string {
	return createHmac('sha256', challenge).update(`${purpose}:${phone}:${code}`).digest('hex');
}

function newCode(): string {
	return String(randomInt(1_000_000)).padStart(6, '0');
}

/** The first instant of `now`'s day in Beijing (China keeps one offset, no summer time). */
function beijingDayStart(now: Date): Date {
	const local = now.getTime() + BEIJING_OFFSET_MS;
	return new Date(local - (local % 86_400_000) - BEIJING_OFFSET_MS);
}

export interface CodeRequested {
	/** For the browser only (a cookie): the code is checked with it, and only its hash is stored. */
	challenge: string;
	maskedPhone: string;
	expiresAt: Date;
	/** What the page says, the same for every phone. */
	message: string;
}

/**
 * Texts a new code to `phone` for `purpose`, or refuses with a 4xx: a malformed phone (400), a phone
 * or address over its cap (429). A refusal writes and texts nothing.
 */
export async function requestPhoneCode(
	db: Db,
	input: { phone: string; purpose: PhoneCodePurpose; address: string },
	limits: PhoneCodeLimits = DEFAULT_PHONE_CODE_LIMITS,
	now = new Date()
): Promise<CodeRequested> {
	const phone = normalizeMobile(input.phone);
	if (!phone) throw invalid(m.sms.badPhone, 'phone');
	return db.transaction(async (tx) => {
		// Trimmed as we go, by indexed columns, rather than by a job.
		await tx.delete(phoneCodes).where(lt(phoneCodes.createdAt, new Date(now.getTime() - KEEP_CODES_MS)));
		await tx.delete(phoneSessions).where(lt(phoneSessions.expiresAt, now));

		const [byAddress] = await tx
			.select({ n: count() })
			.from(phoneCodes)
			.where(and(eq(phoneCodes.address, input.address), gte(phoneCodes.createdAt, new Date(now.getTime() - ADDRESS_WINDOW_MS))));
		if ((byAddress?.n ?? 0) >= limits.perAddressPerHour) throw tooMany(m.phoneCode.addressCap, 'phone');

		const last = await tx
			.select({ createdAt: phoneCodes.createdAt })
			.from(phoneCodes)
			.where(eq(phoneCodes.phone, phone))
			.orderBy(desc(phoneCodes.createdAt))
			.limit(1)
			.get();
		const waitMs = last ? last.createdAt.getTime() + PHONE_CODE_INTERVAL_MS - now.getTime() : 0;
		if (waitMs > 0) throw tooMany(m.phoneCode.wait(Math.ceil(waitMs / 1000)), 'phone');

		const [today] = await tx
			.select({ n: count() })
			.from(phoneCodes)
			.where(and(eq(phoneCodes.phone, phone), gte(phoneCodes.createdAt, beijingDayStart(now))));
		if ((today?.n ?? 0) >= PHONE_CODES_PER_DAY) throw tooMany(m.phoneCode.dailyCap, 'phone');

		const challenge = generateToken();
		const challengeHash = hashToken(challenge);
		const code = newCode();
		const expiresAt = new Date(now.getTime() + CODE_LIFETIME_MS);
		await tx.insert(phoneCodes).values({
			challengeHash,
			purpose: input.purpose,
			phone,
			codeHash: codeHashOf(challenge, input.purpose, phone, code),
			address: input.address,
			expiresAt,
			createdAt: now
		});
		// The template is any-time (kinds.ts): the resident is waiting at the phone, quiet hours or not.
		await enqueueSms(tx, { kind: 'verification_code', phone, params: { code }, dedupeKey: `verification_code:${challengeHash}`, organizationId: null }, now);
		const maskedPhone = maskPhone(phone);
		return { challenge, maskedPhone, expiresAt, message: m.phoneCode.sent(maskedPhone) };
	});
}

export interface PhoneSession {
	/** For the browser only (an HttpOnly cookie); the database keeps its SHA-256. */
	token: string;
	phone: string;
	purpose: PhoneCodePurpose;
	expiresAt: Date;
}

type Checked = { ok: true; session: PhoneSession } | { ok: false; error: DomainError };

/**
 * Checks the code typed for the challenge this browser holds; on success the code is spent and a
 * 30-minute phone session for the same purpose begins, in one transaction. A wrong code costs one of
 * the 5 tries (committed even though the answer is a refusal); the 5th wrong try kills the code.
 */
export async function verifyPhoneCode(
	db: Db,
	input: { challenge: string | null | undefined; code: string; purpose: PhoneCodePurpose },
	now = new Date()
): Promise<PhoneSession> {
	const code = input.code.replace(/\s/g, '');
	if (!/^\d{6}$/.test(code)) throw invalid(m.phoneCode.badCode, 'code');
	const challenge = input.challenge;
	if (!challenge) throw invalid(m.phoneCode.noCode, 'code');
	const checked = await db.transaction(async (tx): Promise<Checked> => {
		const challengeHash = hashToken(challenge);
		const row = await tx.select().from(phoneCodes).where(eq(phoneCodes.challengeHash, challengeHash)).get();
		if (!row) return { ok: false, error: invalid(m.phoneCode.noCode, 'code') };
		if (row.purpose !== input.purpose) return { ok: false, error: invalid(m.phoneCode.wrongPurpose, 'code') };
		if (row.usedAt) return { ok: false, error: conflict(m.phoneCode.used, 'code') };
		if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, error: invalid(m.phoneCode.expired, 'code') };
		if (row.attempts >= MAX_TRIES) return { ok: false, error: tooMany(m.phoneCode.dead, 'code') };
		if (!constantTimeEqual(codeHashOf(challenge, row.purpose, row.phone, code), row.codeHash)) {
			const [counted] = await tx
				.update(phoneCodes)
				.set({ attempts: sql`${phoneCodes.attempts} + 1` })
				.where(eq(phoneCodes.challengeHash, challengeHash))
				.returning({ attempts: phoneCodes.attempts });
			const left = MAX_TRIES - (counted?.attempts ?? MAX_TRIES);
			return { ok: false, error: left > 0 ? invalid(m.phoneCode.wrongCode(left), 'code') : tooMany(m.phoneCode.dead, 'code') };
		}
		const spent = await tx
			.update(phoneCodes)
			.set({ usedAt: now })
			.where(and(eq(phoneCodes.challengeHash, challengeHash), isNull(phoneCodes.usedAt)));
		if (spent.rowsAffected === 0) return { ok: false, error: conflict(m.phoneCode.used, 'code') };
		return { ok: true, session: await startPhoneSession(tx, row.phone, row.purpose, now) };
	});
	if (!checked.ok) throw checked.error;
	return checked.session;
}

async function startPhoneSession(tx: DbOrTx, phone: string, purpose: PhoneCodePurpose, now: Date): Promise<PhoneSession> {
	const token = generateToken();
	const expiresAt = new Date(now.getTime() + PHONE_SESSION_LIFETIME_MS);
	await tx.insert(phoneSessions).values({ tokenHash: hashToken(token), purpose, phone, expiresAt, createdAt: now });
	return { token, phone, purpose, expiresAt };
}

/** The phone a session cookie proves for `purpose`, or null when it is unknown, expired or for another purpose. */
export async function phoneOfSession(
	db: DbOrTx,
	token: string | null | undefined,
	purpose: PhoneCodePurpose,
	now = new Date()
): Promise<{ phone: string; expiresAt: Date } | null> {
	if (!token) return null;
	const row = await db.select().from(phoneSessions).where(eq(phoneSessions.tokenHash, hashToken(token))).get();
	if (!row || row.purpose !== purpose || row.expiresAt.getTime() <= now.getTime()) return null;
	return { phone: row.phone, expiresAt: row.expiresAt };
}

/** 退出: the session ends now, whoever holds a copy of the cookie. */
export async function endPhoneSession(db: DbOrTx, token: string | null | undefined): Promise<void> {
	if (token) await db.delete(phoneSessions).where(eq(phoneSessions.tokenHash, hashToken(token)));
}

/**
 * The code this browser is waiting for, to show where it went (masked), or null when there is none to
 * type: unknown, for another purpose, or already used. An expired or dead one is still shown, so that
 * typing it gets the words that say so.
 */
export async function pendingPhoneCode(
	db: DbOrTx,
	challenge: string | null | undefined,
	purpose: PhoneCodePurpose
): Promise<{ maskedPhone: string; expiresAt: Date } | null> {
	if (!challenge) return null;
	const row = await db.select().from(phoneCodes).where(eq(phoneCodes.challengeHash, hashToken(challenge))).get();
	if (!row || row.purpose !== purpose || row.usedAt) return null;
	return { maskedPhone: maskPhone(row.phone), expiresAt: row.expiresAt };
}
