/**
 * Registering several residents for one event in one write transaction, each with their own outcome.
 *
 * Why a group: when a popular clinic opens, hundreds post the form within a second, and SQLite takes
 * one writer at a time. One by one, each registration is a transaction of about ten statements and
 * the crowd queues behind them. Those who arrive while a transaction runs are registered together in
 * the next one (registration-queue.ts), with a handful of statements for the whole group: the event
 * and its places read once, one insert of everyone's rows, one of their texts. The rules are those of
 * a registration alone, applied in arrival order: places go to the first comers, the rest wait, and a
 * phone that already holds a registration (from before, or earlier in the group) is refused.
 */
import { and, asc, count, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { generateToken, hashToken } from '../auth/tokens';
import type { DbOrTx } from '../db/client';
import { events, registrations } from '../db/schema';
import { conflict, notFound, type DomainError } from '../errors';
import { newId } from '../ids';
import { queueResidentMail } from '../notify/resident-mail';
import { enqueueSmsMany, type NewSms } from '../sms/outbox';
import { confirmationSms } from '../sms/registrant-sms';
import { recordRegistrationAttempts } from './registration-limit';
import type { RegistrationInput, RegistrationResult } from './registration';
import { newCheckInCode, registrationClosedReason } from './registration-rules';
import { dm } from '../../i18n/domain';

export interface SignUp {
	person: z.output<typeof RegistrationInput>;
	/** Where it came from, for the rate limit; null for trusted callers (tests, the seed). */
	who: { ip: string; phone: string } | null;
	now: Date;
}

export type SignUpOutcome = { ok: true; result: RegistrationResult } | { ok: false; error: DomainError };

type NewRegistration = typeof registrations.$inferInsert & { id: string; createdAt: Date; phone: string; status: 'registered' | 'waitlisted' };

const DUPLICATE_PHONE = dm.events.errors.duplicatePhone;

/**
 * Registers or waitlists each sign-up in order, or says why not. A resident's mistake (the event is
 * closed, the phone is already registered) is their own outcome and the others go ahead; anything
 * else (the database failing) throws, and the caller's transaction keeps nobody.
 */
export async function registerGroup(tx: DbOrTx, eventId: string, signUps: SignUp[], today: string): Promise<SignUpOutcome[]> {
	const outcomes = await registerEach(tx, eventId, signUps, today);
	// Refused attempts count too, so a script cannot probe numbers for free.
	const attempts = signUps.flatMap((s) => (s.who ? [{ who: s.who, at: s.now }] : []));
	if (attempts.length > 0) await recordRegistrationAttempts(tx, attempts);
	return outcomes;
}

async function registerEach(tx: DbOrTx, eventId: string, signUps: SignUp[], today: string): Promise<SignUpOutcome[]> {
	const found = await eventWithPlacesTaken(tx, eventId);
	if (!found) return signUps.map(() => refused(notFound(dm.events.errors.eventNotFound)));
	const { event } = found;
	const closed = registrationClosedReason(event, today);
	if (closed) return signUps.map(() => refused(conflict(closed, 'form')));

	const phonesHeld = new Set(await phonesRegistered(tx, eventId, signUps.map((s) => s.person.phone)));
	let placesTaken = found.taken;
	const tokens = new Map<string, string>();
	const rows: NewRegistration[] = [];
	const rowOf: (NewRegistration | null)[] = signUps.map(({ person, now }) => {
		if (phonesHeld.has(person.phone)) return null;
		phonesHeld.add(person.phone);
		const full = event.capacity !== null && placesTaken >= event.capacity;
		if (!full) placesTaken++;
		const manageToken = generateToken();
		const row: NewRegistration = {
			id: newId(),
			eventId,
			name: person.name,
			phone: person.phone,
			ageBand: person.ageBand,
			community: person.community || null,
			email: person.email || null,
			consentAt: now,
			status: full ? 'waitlisted' : 'registered',
			// A clash of codes within one event is astronomically rare; the unique index would refuse it.
			checkInCode: newCheckInCode(),
			manageTokenHash: hashToken(manageToken),
			createdAt: now
		};
		tokens.set(row.id, manageToken);
		rows.push(row);
		return row;
	});

	// 14 columns a row: 500 rows stay well under SQLite's bound-variable limit.
	for (let i = 0; i < rows.length; i += 500) await tx.insert(registrations).values(rows.slice(i, i + 500));
	const positions = await waitlistPositions(tx, eventId, rows.filter((r) => r.status === 'waitlisted'));

	for (const [i, row] of rowOf.entries()) {
		if (row?.email) {
			await queueResidentMail(tx, row.id, 'registered', { manageToken: tokens.get(row.id), waitlistPosition: positions.get(row.id) ?? null }, signUps[i]!.now);
		}
	}
	// A registration just made is neither erased nor opted out of texts: nothing to read back.
	const texts = rows.map((row) => confirmationSms(row, event, tokens.get(row.id)!)).filter((t): t is NewSms => t !== null);
	if (texts.length > 0) await enqueueSmsMany(tx, texts, signUps.at(-1)!.now);

	return rowOf.map((row) =>
		row
			? {
					ok: true,
					result: { id: row.id, status: row.status, checkInCode: row.checkInCode, manageToken: tokens.get(row.id)!, waitlistPosition: positions.get(row.id) ?? null }
				}
			: refused(conflict(DUPLICATE_PHONE, 'phone'))
	);
}

function refused(error: DomainError): SignUpOutcome {
	return { ok: false, error };
}

/** The event and its places taken, in one statement. */
async function eventWithPlacesTaken(tx: DbOrTx, eventId: string) {
	const taken = tx.select({ n: count() }).from(registrations).where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'registered')));
	const row = await tx
		.select({ event: events, taken: sql<number>`(${taken})`.mapWith(Number) })
		.from(events)
		.where(eq(events.id, eventId))
		.get();
	return row ?? null;
}

/**
 * Which of these phones already hold a live registration for the event. Written as the partial unique
 * index's own condition, so SQLite reads that index (an entry a phone) rather than every registration
 * of the event: in a rush for 2,000 places that scan was most of the transaction's time.
 */
async function phonesRegistered(tx: DbOrTx, eventId: string, phones: string[]): Promise<string[]> {
	const rows = await tx
		.select({ phone: registrations.phone })
		.from(registrations)
		.where(and(eq(registrations.eventId, eventId), inArray(registrations.phone, [...new Set(phones)]), sql`${registrations.status} <> 'cancelled'`));
	return rows.map((r) => r.phone);
}

/**
 * Each new waiting registration's place in the queue, in promoteNext's order (time, then id), as
 * waitlistPosition counts it. Everyone waiting since before the group's earliest newcomer is ahead of
 * all of them: counted, not read. Those from then on (the group, and anyone another process added
 * meanwhile) are few, and ranked here.
 */
async function waitlistPositions(tx: DbOrTx, eventId: string, waiting: NewRegistration[]): Promise<Map<string, number>> {
	if (waiting.length === 0) return new Map();
	const earliest = new Date(Math.min(...waiting.map((r) => r.createdAt.getTime())));
	const queue = and(eq(registrations.eventId, eventId), eq(registrations.status, 'waitlisted'));
	const [before] = await tx.select({ n: count() }).from(registrations).where(and(queue, lt(registrations.createdAt, earliest)));
	const since = await tx
		.select({ id: registrations.id })
		.from(registrations)
		.where(and(queue, gte(registrations.createdAt, earliest)))
		.orderBy(asc(registrations.createdAt), asc(registrations.id));
	const ours = new Set(waiting.map((r) => r.id));
	const positions = new Map<string, number>();
	since.forEach((r, i) => {
		if (ours.has(r.id)) positions.set(r.id, (before?.n ?? 0) + i + 1);
	});
	return positions;
}
