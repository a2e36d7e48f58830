/**
 * The per-phone daily cap: at most SMS_DAILY_CAP_PER_PHONE texts queued to one phone in one Beijing
 * day (SMS costs money, and a resident must not be flooded by a bug or by someone typing their number).
 *
 * Decided when a text is queued (enqueueSms), not when the worker sends it (`mayText`):
 * - it is exact: the count and the insert run in the cause's write transaction, which SQLite
 *   serialises, whereas four send lanes and a second instance could each pass a count at send time;
 * - a text over the cap is never sent later and stale (a reminder held to the next day would be about
 *   an event already past); it is kept as a dead text with the reason, where an admin sees it and may
 *   send it all the same;
 * - what it counts is plain: what we queued for this phone today, whatever the provider did with it.
 *
 * Never capped: an urgent text (a same-day cancellation, the one the product exists for) and a
 * verification code, which has its own throttle per phone and per address. Urgent texts count towards
 * the cap; codes do not, so asking for codes never costs a resident a cancellation notice.
 */
import { and, count, eq, gte, inArray, ne, not } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { smsMessages } from '../db/schema';

export const DEFAULT_SMS_DAILY_CAP = 10;

/** SMS_DAILY_CAP_PER_PHONE, a whole number from 1; the default otherwise. */
export function smsDailyCapFromEnv(env: Record<string, string | undefined> = process.env): number {
	const cap = Number(env.SMS_DAILY_CAP_PER_PHONE);
	return env.SMS_DAILY_CAP_PER_PHONE && Number.isInteger(cap) && cap >= 1 ? cap : DEFAULT_SMS_DAILY_CAP;
}

export function isCapExempt(message: { kind: string; urgent?: boolean }): boolean {
	return message.urgent === true || message.kind === 'verification_code';
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** 00:00 Beijing time of `now`'s Beijing day. */
export function beijingDayStart(now: Date): Date {
	const local = new Date(now.getTime() + BEIJING_OFFSET_MS);
	return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - BEIJING_OFFSET_MS);
}

/**
 * Texts queued for this phone since 00:00 Beijing time, codes aside. A text the cap stopped is not
 * counted: it is the one row that is dead without a single attempt.
 */
export async function textsQueuedToday(db: DbOrTx, phone: string, now: Date): Promise<number> {
	const [row] = await db
		.select({ n: count() })
		.from(smsMessages)
		.where(
			and(
				eq(smsMessages.phone, phone),
				gte(smsMessages.createdAt, beijingDayStart(now)),
				ne(smsMessages.kind, 'verification_code'),
				not(and(eq(smsMessages.status, 'dead'), eq(smsMessages.attempts, 0))!)
			)
		);
	return row?.n ?? 0;
}

/** The same for many phones in one query (a change that texts everyone who registered); absent phones have 0. */
export async function textsQueuedTodayByPhone(db: DbOrTx, phones: string[], now: Date): Promise<Map<string, number>> {
	const counts = new Map<string, number>();
	// Well under SQLite's 32,766 bound variables per statement.
	for (let i = 0; i < phones.length; i += 2_000) {
		const rows = await db
			.select({ phone: smsMessages.phone, n: count() })
			.from(smsMessages)
			.where(
				and(
					inArray(smsMessages.phone, phones.slice(i, i + 2_000)),
					gte(smsMessages.createdAt, beijingDayStart(now)),
					ne(smsMessages.kind, 'verification_code'),
					not(and(eq(smsMessages.status, 'dead'), eq(smsMessages.attempts, 0))!)
				)
			)
			.groupBy(smsMessages.phone);
		for (const r of rows) counts.set(r.phone, r.n);
	}
	return counts;
}

/** Whether one more text to this phone today would go over the cap. */
export async function overDailyCap(db: DbOrTx, message: { kind: string; urgent?: boolean }, phone: string, now: Date, cap = smsDailyCapFromEnv()): Promise<boolean> {
	if (isCapExempt(message)) return false;
	return (await textsQueuedToday(db, phone, now)) >= cap;
}
