/**
 * Registering for an event without an account. Inside one write transaction (SQLite serialises
 * writers) the places are counted and the newcomer is registered or waitlisted, so concurrent
 * sign-ups can never overbook; those signing up at the same moment share it (registration-queue.ts). A cancellation promotes the longest-waiting person in the same
 * transaction. The resident keeps a short check-in code and a private manage link.
 */
import { and, asc, count, eq, lt, lte, or } from 'drizzle-orm';
import { z } from 'zod';
import { hashToken } from '../auth/tokens';
import type { Db, DbOrTx } from '../db/client';
import { AGE_BANDS, events, registrations } from '../db/schema';
import { conflict, notFound } from '../errors';
import { queueResidentMail } from '../notify/resident-mail';
import { queuePromotionSms } from '../sms/registrant-sms';
import { parseOrThrow } from '../validation';
import { normalizeMobile } from './phone';
import { assertRegistrationAllowed, type RegistrationLimits } from './registration-limit';
import { queueSignUp } from './registration-queue';
import { singleLineText } from '../text/single-line';
import { dm } from '../../i18n/domain';

export const RegistrationInput = z.object({
	name: singleLineText(dm.events.labels.csv.name).min(1, dm.events.fields.nameRequired).max(20, dm.events.fields.nameMax),
	phone: z.string().transform((v, ctx) => {
		const phone = normalizeMobile(v);
		if (!phone) {
			ctx.addIssue({ code: 'custom', message: dm.events.fields.phoneInvalid });
			return z.NEVER;
		}
		return phone;
	}),
	ageBand: z.enum(AGE_BANDS, { message: dm.events.fields.chooseAgeBand }),
	community: singleLineText(dm.events.labels.csv.community).max(40, dm.events.fields.communityMax).default(''),
	/** Optional: only for people who want the confirmation and news of changes by mail. */
	email: z
		.union([z.literal(''), z.string().trim().toLowerCase().pipe(z.email(dm.events.fields.emailInvalid))])
		.default(''),
	consent: z.literal(true, { message: dm.events.fields.consentRequired })
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

/** Where a registration comes from, for the rate limit; null for trusted callers (tests, the seed). */
export interface RegistrationSource {
	ip: string;
	limits: RegistrationLimits;
}

/**
 * Registers or waitlists a resident. The form is checked and the rate limit read here; the places are
 * counted and the row written in a write transaction shared with whoever else is signing up for the
 * event at that moment (registration-queue.ts), so concurrent sign-ups can never overbook.
 */
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
	return queueSignUp(db, eventId, { person, who, now }, today);
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
		if (!reg) throw notFound(dm.events.errors.badRegistrationLink);
		if (reg.status === 'cancelled') throw conflict(dm.events.errors.registrationAlreadyCancelled, 'form');
		const event = await tx.select({ date: events.date }).from(events).where(eq(events.id, reg.eventId)).get();
		// After the day, a cancellation frees nothing and would only blur who did not come.
		if (event && event.date < today) throw conflict(dm.events.errors.eventEndedNoCancel, 'form');
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

