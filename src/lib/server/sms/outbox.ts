/**
 * The SMS outbox, beside the mail outbox (notify/outbox.ts) and built the same way: a message is a
 * row written in the same transaction as the change that causes it, so it is sent if and only if the
 * change commits; the worker (worker.ts) sends it afterwards. Without a provider the worker delivers to
 * the local SMS box, which an admin reads in the console.
 *
 * The console goes through `smsBoxFor` and `retrySms`, which take the signed-in actor and check
 * `outbox:view` first (the mailbox's permission: whoever may read residents' mail may read their
 * texts). The other readers check nothing: they are for the worker, tests and scripts.
 */
import { and, count, desc, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import { m } from '../../i18n';
import { assertCan, Forbidden, type Actor } from '../auth/policy';
import type { Db, DbOrTx } from '../db/client';
import { organizations, SMS_STATUSES, smsMessages } from '../db/schema';
import { invalid } from '../errors';
import { normalizeMobile } from '../events/phone';
import { newId } from '../ids';
import { isCapExempt, overDailyCap, smsDailyCapFromEnv, textsQueuedTodayByPhone } from './daily-cap';
import { paramProblems, type SmsKind, type SmsParams } from './kinds';

export type SmsMessage = typeof smsMessages.$inferSelect;
export type SmsStatus = (typeof SMS_STATUSES)[number];

export interface NewSms<K extends SmsKind = SmsKind> {
	kind: K;
	/** As the resident typed it: spaces, dashes and +86 are fine. */
	phone: string;
	params: SmsParams<K>;
	/**
	 * One message per cause and person, e.g. `event_cancelled:<event>:<registration>`: a second
	 * enqueue with the key queues nothing, so a retried transaction or a second worker texts no one twice.
	 */
	dedupeKey: string;
	/** The organization whose message this is (it pays for it); null for a verification code. */
	organizationId: string | null;
	/** Send even in quiet hours: a cancellation of something happening today. */
	urgent?: boolean;
}

/**
 * Queues a text in the caller's transaction and returns its id; for a dedupeKey already queued, queues
 * nothing and returns the id of the message queued before. A text over the phone's daily cap is
 * recorded dead, not sent (daily-cap.ts). A malformed phone is the resident's mistake
 * (a 400 with the form's words); parameters a provider would refuse are ours (an Error).
 */
export async function enqueueSms<K extends SmsKind>(db: DbOrTx, message: NewSms<K>, now = new Date()): Promise<string> {
	const phone = checkedPhone(message);
	// Over the phone's daily cap the text is kept, dead and never sent unless an admin says so (daily-cap.ts).
	const cap = smsDailyCapFromEnv();
	const capped = await overDailyCap(db, message, phone, now, cap);
	const row = smsRow(message, phone, capped ? cap : null, now);
	const inserted = await db
		.insert(smsMessages)
		.values(row)
		.onConflictDoNothing({ target: smsMessages.dedupeKey })
		.returning({ id: smsMessages.id });
	if (inserted.length > 0) return row.id;
	const existing = await db.select({ id: smsMessages.id }).from(smsMessages).where(eq(smsMessages.dedupeKey, message.dedupeKey)).get();
	if (!existing) throw new Error(`sms: nothing was queued and no message has dedupe key ${message.dedupeKey}`);
	return existing.id;
}

/** The phone of a text about to be queued; a malformed phone is the resident's (400), bad parameters ours. */
function checkedPhone(message: NewSms): string {
	const phone = normalizeMobile(message.phone);
	if (!phone) throw invalid(m.sms.badPhone, 'phone');
	const problems = paramProblems(message.kind, message.params as Record<string, unknown>);
	if (problems.length > 0) throw new Error(`sms ${message.kind}: ${problems.join('; ')}`);
	if (!message.dedupeKey.trim()) throw new Error(`sms ${message.kind}: a dedupe key is required`);
	return phone;
}

/** The outbox row of a text; `cappedAt` is the daily cap it went over, and then it is kept dead, never sent. */
function smsRow(message: NewSms, phone: string, cappedAt: number | null, now: Date) {
	return {
		id: newId(16),
		kind: message.kind,
		phone,
		params: message.params as Record<string, string>,
		dedupeKey: message.dedupeKey,
		organizationId: message.organizationId,
		urgent: message.urgent ?? false,
		status: cappedAt === null ? ('pending' as const) : ('dead' as const),
		lastError: cappedAt === null ? null : m.console.sms.overDailyCap(cappedAt),
		nextAttemptAt: now,
		createdAt: now
	} satisfies typeof smsMessages.$inferInsert;
}

/**
 * `enqueueSms` for many texts at once, with the same rules (a dedupe key already queued queues nothing,
 * the daily cap counts earlier texts of the same batch), in a handful of statements rather than two per
 * text: an organizer cancelling an event with 500 registrants waits for this inside the click's
 * transaction. Returns how many texts were newly queued.
 */
export async function enqueueSmsMany(db: DbOrTx, messages: NewSms[], now = new Date()): Promise<number> {
	const rows: (typeof smsMessages.$inferInsert)[] = [];
	const cap = smsDailyCapFromEnv();
	const phones = messages.map((message) => {
		return checkedPhone(message);
	});
	// Keys queued before (a retried change) are left out before counting, so they count towards no cap.
	const seen = new Set<string>();
	const keys = messages.map((message) => message.dedupeKey);
	for (let i = 0; i < keys.length; i += 2_000) {
		const found = await db.select({ key: smsMessages.dedupeKey }).from(smsMessages).where(inArray(smsMessages.dedupeKey, keys.slice(i, i + 2_000)));
		for (const f of found) seen.add(f.key);
	}
	const today = await textsQueuedTodayByPhone(db, [...new Set(phones)], now);
	messages.forEach((message, i) => {
		if (seen.has(message.dedupeKey)) return;
		seen.add(message.dedupeKey);
		const phone = phones[i]!;
		const counted = today.get(phone) ?? 0;
		const capped = !isCapExempt(message) && counted >= cap;
		// A capped text is not counted (textsQueuedToday): the next one for the phone meets the same count.
		if (!capped) today.set(phone, counted + 1);
		rows.push(smsRow(message, phone, capped ? cap : null, now));
	});
	let queued = 0;
	// 13 columns a row: 500 rows stay under SQLite's bound-variable limit.
	for (let i = 0; i < rows.length; i += 500) {
		const inserted = await db
			.insert(smsMessages)
			.values(rows.slice(i, i + 500))
			.onConflictDoNothing({ target: smsMessages.dedupeKey })
			.returning({ id: smsMessages.id });
		queued += inserted.length;
	}
	return queued;
}

/** Texts delivered to the local SMS box (no provider), newest first. Internal: checks no access. */
export async function listSmsBox(db: DbOrTx, options: { limit?: number; phone?: string } = {}): Promise<SmsMessage[]> {
	return db
		.select()
		.from(smsMessages)
		.where(and(eq(smsMessages.status, 'sent'), eq(smsMessages.deliveredVia, 'box'), options.phone ? eq(smsMessages.phone, options.phone) : undefined))
		.orderBy(desc(smsMessages.createdAt), desc(sql`rowid`))
		.limit(options.limit ?? 100);
}

/** Texts the worker gave up on, most recently failed first. Internal: checks no access. */
export async function listDeadSms(db: DbOrTx, options: { limit?: number } = {}): Promise<SmsMessage[]> {
	return db
		.select()
		.from(smsMessages)
		.where(eq(smsMessages.status, 'dead'))
		.orderBy(desc(smsMessages.updatedAt), desc(sql`rowid`))
		.limit(options.limit ?? 200);
}

/** A dead text back to pending, due now, with a fresh set of attempts. Internal: checks no access. */
export async function retryDeadSms(db: DbOrTx, id: string, now = new Date()): Promise<boolean> {
	const result = await db
		.update(smsMessages)
		.set({ status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null, leaseOwner: null, leaseUntil: null })
		.where(and(eq(smsMessages.id, id), eq(smsMessages.status, 'dead')));
	return result.rowsAffected > 0;
}

export async function smsStats(db: DbOrTx): Promise<Record<SmsStatus, number>> {
	const rows = await db.select({ status: smsMessages.status, n: count() }).from(smsMessages).groupBy(smsMessages.status);
	const stats: Record<SmsStatus, number> = { pending: 0, sending: 0, sent: 0, dead: 0 };
	for (const r of rows) stats[r.status] = r.n;
	return stats;
}

export interface MonthlySmsCount {
	/** 'YYYY-MM', Beijing time. */
	month: string;
	organizationId: string | null;
	organizationName: string | null;
	/** Sent through the provider: these cost money. */
	sent: number;
	/** Billed segments the provider reported (a long text is two or more). */
	fee: number;
	/** Put in the local SMS box: free, and what the count would have been. */
	box: number;
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The first instant of the Beijing month `monthsBack` months before `now`'s. */
function beijingMonthStart(now: Date, monthsBack: number): Date {
	const local = new Date(now.getTime() + BEIJING_OFFSET_MS);
	return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - monthsBack, 1) - BEIJING_OFFSET_MS);
}

/**
 * Sent texts per organization and Beijing month, this month and the `months - 1` before it, newest month
 * first. Internal: checks no access.
 */
export async function monthlySmsCounts(db: DbOrTx, options: { now?: Date; months?: number } = {}): Promise<MonthlySmsCount[]> {
	const since = beijingMonthStart(options.now ?? new Date(), (options.months ?? 3) - 1);
	const month = sql<string>`strftime('%Y-%m', (${smsMessages.sentAt} + ${BEIJING_OFFSET_MS}) / 1000, 'unixepoch')`;
	const rows = await db
		.select({
			month,
			organizationId: smsMessages.organizationId,
			organizationName: organizations.name,
			sent: sql<number>`sum(case when ${smsMessages.deliveredVia} = 'box' then 0 else 1 end)`,
			fee: sql<number>`sum(case when ${smsMessages.deliveredVia} = 'box' then 0 else coalesce(${smsMessages.fee}, 1) end)`,
			box: sql<number>`sum(case when ${smsMessages.deliveredVia} = 'box' then 1 else 0 end)`
		})
		.from(smsMessages)
		.leftJoin(organizations, eq(organizations.id, smsMessages.organizationId))
		.where(and(eq(smsMessages.status, 'sent'), isNotNull(smsMessages.sentAt), gte(smsMessages.sentAt, since)))
		.groupBy(month, smsMessages.organizationId)
		.orderBy(desc(month), organizations.name);
	return rows.map((r) => ({ ...r, sent: Number(r.sent), fee: Number(r.fee), box: Number(r.box) }));
}

/** Only an admin reads residents' texts; the page says so in its own words. */
function assertCanViewSms(actor: Actor): void {
	try {
		assertCan(actor, 'outbox:view');
	} catch (e) {
		if (e instanceof Forbidden) throw new Forbidden(m.console.sms.adminOnly);
		throw e;
	}
}

/** The console's SMS page, for an admin: the local box, the dead letters, the counts and the monthly cost. */
export async function smsBoxFor(db: DbOrTx, actor: Actor, options: { limit?: number; now?: Date } = {}) {
	assertCanViewSms(actor);
	const [box, dead, stats, monthly] = await Promise.all([
		listSmsBox(db, { limit: options.limit ?? 50 }),
		listDeadSms(db),
		smsStats(db),
		monthlySmsCounts(db, { now: options.now })
	]);
	return { box, dead, stats, monthly };
}

/**
 * An admin sends a dead text again; anyone else gets a 403 whatever id they send. False when the id is
 * not a dead text: a second click finds it already pending, which is no error.
 */
export async function retrySms(db: Db, actor: Actor, id: string, now = new Date()): Promise<boolean> {
	return db.transaction(async (tx) => {
		assertCanViewSms(actor);
		return retryDeadSms(tx, id, now);
	});
}
