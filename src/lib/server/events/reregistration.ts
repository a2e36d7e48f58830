/**
 * Coming back after cancelling, from the same private link (重新报名). The resident's details are the
 * ones they gave; the place is decided exactly as for a newcomer, inside one write transaction: a free
 * place if one is left, otherwise the back of the waitlist.
 *
 * Decision: the cancelled registration is revived (same row, same manage link, same check-in code)
 * rather than a new one created. The link the resident bookmarked, the one in their confirmation mail
 * and their private calendar (keyed by this registration) keep working; a new row would leave them
 * holding a link that says "cancelled" next to a second one they must not lose. Fairness is kept by
 * `createdAt`, which orders the waitlist: it is reset to the moment they come back, so they queue
 * behind everyone who waited while they were away, never ahead.
 */
import { and, eq, ne } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import { events, registrations } from '../db/schema';
import { conflict, notFound } from '../errors';
import { queueResidentMail } from '../notify/resident-mail';
import { queueRegistrationSms } from '../sms/registrant-sms';
import { eventIsFull, findByManageToken, placesTaken, waitlistLength, waitlistPosition } from './registration';
import { registrationClosedReason } from './registration-rules';
import { dm } from '../../i18n/domain';

type Registration = typeof registrations.$inferSelect;
type Event = typeof events.$inferSelect;

/** What the cancelled page offers: a way back and where it would put them, or why there is none. */
export type RejoinOffer =
	| { open: true; status: 'registered' | 'waitlisted'; seatsLeft: number | null; waitlistPlace: number | null }
	| { open: false; reason: string };

export interface ReregistrationResult {
	status: 'registered' | 'waitlisted';
	waitlistPosition: number | null;
	/** False when the registration was already live (a second tap): nothing was written. */
	changed: boolean;
}

async function rejoinRefusal(tx: DbOrTx, reg: Registration, event: Event, today: string): Promise<string | null> {
	if (reg.erasedAt) return dm.events.errors.erasedNoReregister;
	const closed = registrationClosedReason(event, today);
	if (closed) return closed;
	// They may have signed up again on the event page meanwhile: one live place per phone.
	const other = await tx
		.select({ id: registrations.id })
		.from(registrations)
		.where(and(eq(registrations.eventId, reg.eventId), eq(registrations.phone, reg.phone), ne(registrations.status, 'cancelled'), ne(registrations.id, reg.id)))
		.get();
	if (other) return dm.events.errors.alreadyReregistered;
	return null;
}

/** For the cancelled page: whether 重新报名 is offered, and what it would give them right now. */
export async function rejoinOffer(db: DbOrTx, reg: Registration, event: Event, today: string): Promise<RejoinOffer> {
	const reason = await rejoinRefusal(db, reg, event, today);
	if (reason) return { open: false, reason };
	if (await eventIsFull(db, event)) return { open: true, status: 'waitlisted', seatsLeft: 0, waitlistPlace: (await waitlistLength(db, event.id)) + 1 };
	return { open: true, status: 'registered', seatsLeft: event.capacity === null ? null : event.capacity - (await placesTaken(db, event.id)), waitlistPlace: null };
}

/**
 * The resident takes their cancelled registration back. Sent twice (a double tap, a form re-posted),
 * the second finds it live and changes nothing. With an email, they get the same confirmation a new
 * registration gets, with this link.
 */
export async function reregisterByLink(db: Db, token: string, today: string, now = new Date()): Promise<ReregistrationResult> {
	return db.transaction(async (tx) => {
		const reg = await findByManageToken(tx, token);
		if (!reg) throw notFound(dm.events.errors.badRegistrationLink);
		if (reg.status !== 'cancelled') {
			return { status: reg.status, waitlistPosition: reg.status === 'waitlisted' ? await waitlistPosition(tx, reg) : null, changed: false };
		}
		const event = await tx.select().from(events).where(eq(events.id, reg.eventId)).get();
		if (!event) throw notFound(dm.events.errors.eventNotFound);
		const refusal = await rejoinRefusal(tx, reg, event, today);
		if (refusal) throw conflict(refusal, 'form');

		const status = (await eventIsFull(tx, event)) ? 'waitlisted' : 'registered';
		await tx.update(registrations).set({ status, createdAt: now, cancelledAt: null, promotedAt: null }).where(eq(registrations.id, reg.id));
		const position = status === 'waitlisted' ? await waitlistPosition(tx, { id: reg.id, eventId: reg.eventId, createdAt: now }) : null;
		if (reg.email) await queueResidentMail(tx, reg.id, 'registered', { manageToken: token, waitlistPosition: position }, now);
		await queueRegistrationSms(tx, reg.id, token, now);
		return { status, waitlistPosition: position, changed: true };
	});
}
