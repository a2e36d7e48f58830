/**
 * Registering for an event without an account. Inside one write transaction (SQLite serialises
 * writers) the places are counted and the newcomer is registered or waitlisted, so concurrent
 * sign-ups can never overbook. A cancellation promotes the longest-waiting person in the same
 * transaction. The resident keeps a short check-in code and a private manage link.
 */
import { and, asc, count, eq, lt, lte, or, sql } from 'drizzle-orm';
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { generateToken, hashToken } from '../auth/tokens';
import type { Db, DbOrTx } from '../db/client';
import { AGE_BANDS, events, registrations } from '../db/schema';
import { conflict, isDomainError, notFound } from '../errors';
import { newId } from '../ids';
import { queueResidentMail } from '../notify/resident-mail';
import { queueConfirmationSms, queuePromotionSms } from '../sms/registrant-sms';
import { parseOrThrow } from '../validation';
import { normalizeMobile } from './phone';
import { assertRegistrationAllowed, recordRegistrationAttempt, type RegistrationLimits } from './registration-limit';
import { singleLineText } from '../text/single-line';

/** No 0/O/1/I/L: a volunteer reads the code aloud at the door. */
export const CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY3479';
export const CODE_LENGTH = 6;

export const RegistrationInput = z.object({
	name: singleLineText('姓名').min(1, '请填写姓名').max(20, '姓名不超过 20 字'),
	phone: z.string().transform((v, ctx) => {
		const phone = normalizeMobile(v);
		if (!phone) {
			ctx.addIssue({ code: 'custom', message: '请填写 11 位手机号，如 138 1234 5678' });
			return z.NEVER;
		}
		return phone;
	}),
	ageBand: z.enum(AGE_BANDS, { message: '请选择年龄段' }),
	community: singleLineText('社区').max(40, '社区名称不超过 40 字').default(''),
	/** Optional: only for people who want the confirmation and news of changes by mail. */
	email: z
		.union([z.literal(''), z.string().trim().toLowerCase().pipe(z.email('邮箱格式不对，例如 name@example.com，不需要可以不填'))])
		.default(''),
	consent: z.literal(true, { message: '请阅读并同意信息使用说明后再报名' })
});
export type RegistrationInput = z.input<typeof RegistrationInput>;

export interface RegistrationResult {
	id: string;
	status: 'registered' | 'waitlisted';
	checkInCode: string;
	/** Shown once, in the manage link; only its hash is stored. */
	manageToken: string;
	waitlistPosition: number | null;
}

export function newCheckInCode(): string {
	let code = '';
	for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
	return code;
}

export async function placesTaken(db: DbOrTx, eventId: string): Promise<number> {
	const [row] = await db.select({ n: count() }).from(registrations).where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'registered')));
	return row?.n ?? 0;
}

/**
 * Where a waiting registration stands in the queue, 1 for the person who has waited longest. Counted
 * in the order promoteNext takes people (time, then id), so two sign-ups in the same millisecond get
 * two places, and the place shown is the order in which they are promoted.
 */
export async function waitlistPosition(db: DbOrTx, reg: { id: string; eventId: string; createdAt: Date }): Promise<number> {
	const [row] = await db
		.select({ n: count() })
		.from(registrations)
		.where(
			and(
				eq(registrations.eventId, reg.eventId),
				eq(registrations.status, 'waitlisted'),
				or(lt(registrations.createdAt, reg.createdAt), and(eq(registrations.createdAt, reg.createdAt), lte(registrations.id, reg.id)))
			)
		);
	return row?.n ?? 0;
}

/** Everyone waiting at an event: a newcomer now would be this many plus one. */
export async function waitlistLength(db: DbOrTx, eventId: string): Promise<number> {
	const [row] = await db.select({ n: count() }).from(registrations).where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'waitlisted')));
	return row?.n ?? 0;
}

/** Whoever signs up now, new or coming back, waits when every place is taken; null capacity never fills. */
export async function eventIsFull(db: DbOrTx, event: { id: string; capacity: number | null }): Promise<boolean> {
	return event.capacity !== null && (await placesTaken(db, event.id)) >= event.capacity;
}

/** Why nobody may sign up for this event any more, or null while they may. */
export function registrationClosedReason(event: { status: string; cancelReason: string | null; date: string }, today: string): string | null {
	if (event.status === 'cancelled') return `这个活动已取消${event.cancelReason ? `：${event.cancelReason}` : ''}，不能报名`;
	if (event.date < today) return '这个活动已经结束，不能报名';
	return null;
}

/** Where a registration comes from, for the rate limit; null for trusted callers (tests, the seed). */
export interface RegistrationSource {
	ip: string;
	limits: RegistrationLimits;
}

export async function registerForEvent(
	db: Db,
	eventId: string,
	input: unknown,
	today: string,
	source: RegistrationSource | null,
	now = new Date()
): Promise<RegistrationResult> {
	const person = parseOrThrow(RegistrationInput, input);
	const who = source && { ip: source.ip, phone: person.phone };
	if (source && who) await assertRegistrationAllowed(db, who, source.limits, now);
	try {
		return await db.transaction((tx) => registerIn(tx, eventId, person, today, who, now));
	} catch (e) {
		// A refused registration counts too, so a script cannot probe numbers for free.
		if (who && isDomainError(e)) await recordRegistrationAttempt(db, who, now);
		throw e;
	}
}

async function registerIn(
	tx: DbOrTx,
	eventId: string,
	person: z.output<typeof RegistrationInput>,
	today: string,
	who: { ip: string; phone: string } | null,
	now: Date
): Promise<RegistrationResult> {
	const event = await tx.select().from(events).where(eq(events.id, eventId)).get();
	if (!event) throw notFound('没有找到这个活动');
	const closed = registrationClosedReason(event, today);
	if (closed) throw conflict(closed, 'form');
	// Written as the partial unique index's own condition, so SQLite reads that index (one entry)
	// rather than every registration of the event: in a rush for 2,000 places that scan was most of
	// the transaction's time.
	const existing = await tx
		.select({ id: registrations.id })
		.from(registrations)
		.where(and(eq(registrations.eventId, eventId), eq(registrations.phone, person.phone), sql`${registrations.status} <> 'cancelled'`))
		.get();
	if (existing) throw conflict('这个手机号已经报名了这个活动。找不到报名链接？点下方「用手机号查找我的报名」。', 'phone');

	const full = await eventIsFull(tx, event);
	const status: 'waitlisted' | 'registered' = full ? 'waitlisted' : 'registered';
	const manageToken = generateToken();
	const id = newId();
	// A clash of codes within one event is astronomically rare; the unique index would refuse it.
	const checkInCode = newCheckInCode();
	const registration = {
		id,
		eventId,
		name: person.name,
		phone: person.phone,
		ageBand: person.ageBand,
		community: person.community || null,
		email: person.email || null,
		consentAt: now,
		status,
		checkInCode,
		manageTokenHash: hashToken(manageToken),
		createdAt: now
	};
	await tx.insert(registrations).values(registration);
	if (who) await recordRegistrationAttempt(tx, who, now);
	const position = full ? await waitlistPosition(tx, { id, eventId, createdAt: now }) : null;
	if (person.email) await queueResidentMail(tx, id, 'registered', { manageToken, waitlistPosition: position }, now);
	// A registration just made is neither erased nor opted out of texts: nothing to read back.
	await queueConfirmationSms(tx, registration, event, manageToken, now);
	return { id, status, checkInCode, manageToken, waitlistPosition: position };
}

export async function findByManageToken(db: DbOrTx, token: string) {
	const row = await db.select().from(registrations).where(eq(registrations.manageTokenHash, hashToken(token))).get();
	return row ?? null;
}

/**
 * The resident cancels through their manage link. A registered place passes to the person who has
 * waited longest, in the same transaction; returns who was promoted, if anyone.
 */
export async function cancelRegistration(db: Db, token: string, today: string, now = new Date()): Promise<{ promotedId: string | null }> {
	return db.transaction(async (tx) => {
		const reg = await findByManageToken(tx, token);
		if (!reg) throw notFound('这个报名链接无效或已失效。找不到链接，可以在「查找我的报名」页用手机号找回。');
		if (reg.status === 'cancelled') throw conflict('这个报名已经取消过了', 'form');
		const event = await tx.select({ date: events.date }).from(events).where(eq(events.id, reg.eventId)).get();
		// After the day, a cancellation frees nothing and would only blur who did not come.
		if (event && event.date < today) throw conflict('活动已经结束，不能再取消报名。', 'form');
		await tx.update(registrations).set({ status: 'cancelled', cancelledAt: now }).where(eq(registrations.id, reg.id));
		return { promotedId: reg.status === 'registered' ? await promoteNext(tx, reg.eventId, now) : null };
	});
}

/**
 * After a place is freed: gives it to whoever has waited longest, if the event has room. Call it in
 * the transaction that freed the place. Returns the promoted registration's id.
 */
export async function promoteNext(tx: DbOrTx, eventId: string, now: Date): Promise<string | null> {
	const event = await tx.select({ capacity: events.capacity }).from(events).where(eq(events.id, eventId)).get();
	if (event?.capacity != null && (await placesTaken(tx, eventId)) >= event.capacity) return null;
	const next = await tx
		.select({ id: registrations.id })
		.from(registrations)
		.where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'waitlisted')))
		.orderBy(asc(registrations.createdAt), asc(registrations.id))
		.limit(1)
		.get();
	if (!next) return null;
	await tx.update(registrations).set({ status: 'registered', promotedAt: now }).where(eq(registrations.id, next.id));
	await queueResidentMail(tx, next.id, 'promoted', {}, now);
	await queuePromotionSms(tx, [next.id], now);
	return next.id;
}

