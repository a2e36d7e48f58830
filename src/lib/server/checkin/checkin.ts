/**
 * Check-in at the door. Every action a volunteer takes is an operation with an id the phone chose
 * (or the form carried), applied in its own transaction and stored with its outcome in
 * `check_in_ops` under its event and that id. Sending the same operation again — a double tap, a
 * form re-posted, a queue replayed when the signal comes back — returns the stored outcome and
 * changes nothing, so nobody is counted twice. The id is the client's, so the same id at another
 * event is another operation there, never a replay of this one's outcome. A second, different
 * operation for someone already in says so and also changes nothing.
 *
 * Decisions:
 * - Check-in is open on the event's day only (the site's local date). An operation queued offline is
 *   judged by the time the volunteer tapped (`clientAt`), if that is not in the future.
 * - A waitlisted resident who turns up gets a place if one is free; if not, the volunteer is told
 *   (a conflict) and may admit them anyway — at the door the people running the clinic decide, and
 *   the figures then say honestly who was seen.
 * - A cancelled registration is a conflict: the place may already have gone to someone from the
 *   waitlist. The volunteer registers the person as a walk-in if they can be seen.
 * - Walk-ins are always admitted (capacity limits advance sign-ups, not who a doctor sees), unless
 *   their phone already holds a place here, in which case that registration is checked in instead.
 *
 * Access: every exported function takes the signed-in actor and checks `event:checkin` on the event
 * before it reads the input or the event's people; a registration is only ever looked up under that
 * event, so an id or code of another event's registration finds nothing here.
 */
import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import { todayIn } from '../../calendar-date';
import { formatClockTime } from '../../format/dates';
import type { Actor } from '../auth/policy';
import { authorize } from '../auth/scope';
import { generateToken, hashToken } from '../auth/tokens';
import type { Db, DbOrTx } from '../db/client';
import { AGE_BANDS, checkInOps, events, registrations, sites, users } from '../db/schema';
import { isDomainError, notFound } from '../errors';
import { normalizeMobile } from '../events/phone';
import { placesTaken } from '../events/registration';
import { newCheckInCode } from '../events/registration-rules';
import { newId } from '../ids';
import { parseOrThrow } from '../validation';
import { singleLineText } from '../text/single-line';
import { DISTRICT_TIME_ZONE } from '../../time-zone';
import { dm } from '../../i18n/domain';
import { readCode } from '../../checkin/code';

const opId = z.string().regex(/^[\w-]{8,64}$/, dm.checkin.fields.badOperationId);
const clientAt = z.coerce.date().nullable().default(null);

export const CheckInOp = z.discriminatedUnion('kind', [
	z.object({ id: opId, kind: z.literal('code'), code: z.string().max(300), clientAt }),
	z.object({ id: opId, kind: z.literal('registration'), registrationId: z.string().min(1).max(40), admit: z.boolean().default(false), clientAt }),
	z.object({
		id: opId,
		kind: z.literal('walk_in'),
		name: singleLineText(dm.checkin.fields.name).min(1, dm.checkin.fields.nameRequired).max(20, dm.checkin.fields.nameMax),
		phone: z
			.string()
			.default('')
			.transform((v, ctx) => {
				if (!v.trim()) return null;
				const phone = normalizeMobile(v);
				if (!phone) ctx.addIssue({ code: 'custom', message: dm.checkin.fields.phoneInvalid });
				return phone;
			}),
		ageBand: z.enum(AGE_BANDS, { message: dm.checkin.fields.chooseAgeBand }),
		community: singleLineText(dm.checkin.fields.community).max(40, dm.checkin.fields.communityMax).default(''),
		consent: z.literal(true, { message: dm.checkin.fields.consentRequired }),
		clientAt
	})
]);
export type CheckInOp = z.input<typeof CheckInOp>;

export type CheckInOutcomeKind = 'checked_in' | 'already' | 'conflict' | 'rejected';

export interface CheckInOutcome {
	opId: string;
	outcome: CheckInOutcomeKind;
	message: string;
	registrationId: string | null;
	/** True when this operation had been applied before and the stored outcome is returned. */
	replayed: boolean;
	/** A waitlisted resident the volunteer may still admit ("仍然签到"). */
	admittable: boolean;
}

export async function isAdmittable(tx: DbOrTx, outcome: CheckInOutcomeKind, registrationId: string | null): Promise<boolean> {
	if (outcome !== 'conflict' || !registrationId) return false;
	const reg = await tx.select({ status: registrations.status, checkedInAt: registrations.checkedInAt }).from(registrations).where(eq(registrations.id, registrationId)).get();
	return reg?.status === 'waitlisted' && reg.checkedInAt === null;
}

/** 404 for an unknown event, 403 for one whose door the actor does not keep. */
export async function assertKeepsDoor(db: DbOrTx, actor: Actor, eventId: string): Promise<void> {
	await authorize(db, actor, 'event:checkin', 'event', eventId);
}

/** 王秀兰 → 王*兰, 王芳 → 王*: enough for the volunteer to confirm aloud, no more on a shared screen. */
export function maskName(name: string): string {
	const chars = [...name];
	if (chars.length <= 1) return name;
	if (chars.length === 2) return `${chars[0]}*`;
	return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}

type Registration = typeof registrations.$inferSelect;
type Event = typeof events.$inferSelect;

async function checkInRegistration(tx: DbOrTx, actor: Actor, event: Event, reg: Registration, admit: boolean, at: Date) {
	const who = maskName(reg.name);
	if (reg.status === 'cancelled') {
		return {
			outcome: 'conflict' as const,
			message: dm.checkin.results.cancelled(who)
		};
	}
	if (reg.checkedInAt) {
		const by = reg.checkedInBy ? (await tx.select({ name: users.name }).from(users).where(eq(users.id, reg.checkedInBy)).get())?.name : null;
		return { outcome: 'already' as const, message: dm.checkin.results.already(who, formatClockTime(reg.checkedInAt), by) };
	}
	let promoted = false;
	if (reg.status === 'waitlisted') {
		const free = event.capacity === null || (await placesTaken(tx, event.id)) < event.capacity;
		if (!free && !admit) {
			return { outcome: 'conflict' as const, message: dm.checkin.results.waitlisted(who) };
		}
		promoted = true;
	}
	await tx
		.update(registrations)
		.set({ checkedInAt: at, checkedInBy: actor.userId, ...(promoted ? { status: 'registered' as const, promotedAt: at } : {}) })
		.where(eq(registrations.id, reg.id));
	return { outcome: 'checked_in' as const, message: dm.checkin.results.checkedIn(who, promoted ? dm.checkin.results.promoted : '') };
}

/** Whether the event takes check-ins at `at`; the reason when not. */
export async function closedReason(tx: DbOrTx, event: Event, at: Date, now: Date): Promise<string | null> {
	if (event.status === 'cancelled') return dm.checkin.refusals.eventCancelled;
	const site = await tx.select({ timeZone: sites.timeZone }).from(sites).where(eq(sites.id, event.siteId)).get();
	const day = todayIn(site?.timeZone ?? DISTRICT_TIME_ZONE, at.getTime() > now.getTime() ? now : at);
	if (day < event.date) return dm.checkin.refusals.notYet;
	if (day > event.date) return dm.checkin.refusals.ended;
	return null;
}

/** A batched operation the server could not take, answered so the phone stops sending it. */
export interface RejectedCheckInOp {
	opId: unknown;
	outcome: 'rejected';
	message: string;
}

/**
 * The door phone's queue, sent in one batch when it has signal: each operation applied in order and
 * its outcome returned. A malformed operation is answered 'rejected', not retried forever: it would
 * fail the same way again. Someone who may not keep this door is refused the whole batch, and anything
 * that is not a domain failure still fails it.
 */
export async function applyCheckInBatch(db: Db, actor: Actor, eventId: string, ops: Record<string, unknown>[], now = new Date()): Promise<(CheckInOutcome | RejectedCheckInOp)[]> {
	await assertKeepsDoor(db, actor, eventId);
	const outcomes: (CheckInOutcome | RejectedCheckInOp)[] = [];
	for (const op of ops) {
		try {
			outcomes.push(await applyCheckInOp(db, actor, eventId, op, now));
		} catch (e) {
			if (!isDomainError(e)) throw e;
			outcomes.push({ opId: op.id, outcome: 'rejected', message: e.message });
		}
	}
	return outcomes;
}

/** Someone who may not keep this door gets a 403 whatever they send, never a 400 that validated it first. */
export async function applyCheckInOp(db: Db, actor: Actor, eventId: string, input: unknown, now = new Date()): Promise<CheckInOutcome> {
	return db.transaction(async (tx) => {
		await assertKeepsDoor(tx, actor, eventId);
		const op = parseOrThrow(CheckInOp, input);
		const stored = await tx
			.select()
			.from(checkInOps)
			.where(and(eq(checkInOps.eventId, eventId), eq(checkInOps.opId, op.id)))
			.get();
		if (stored) {
			return {
				opId: stored.opId,
				outcome: stored.outcome,
				message: stored.message,
				registrationId: stored.registrationId,
				replayed: true,
				admittable: await isAdmittable(tx, stored.outcome, stored.registrationId)
			};
		}
		const event = await tx.select().from(events).where(eq(events.id, eventId)).get();
		if (!event) throw notFound(dm.checkin.errors.eventNotFound);
		// The moment the volunteer acted; a phone clock ahead of ours is not believed.
		const at = op.clientAt && op.clientAt.getTime() <= now.getTime() ? op.clientAt : now;

		let result: { outcome: CheckInOutcomeKind; message: string };
		let registrationId: string | null = null;
		const closed = await closedReason(tx, event, at, now);
		if (closed) {
			result = { outcome: 'rejected', message: closed };
		} else if (op.kind === 'walk_in') {
			const existing = op.phone
				? await tx
						.select()
						.from(registrations)
						.where(and(eq(registrations.eventId, eventId), eq(registrations.phone, op.phone), ne(registrations.status, 'cancelled')))
						.get()
				: undefined;
			if (existing) {
				registrationId = existing.id;
				result = await checkInRegistration(tx, actor, event, existing, true, at);
				if (result.outcome === 'checked_in') result.message = dm.checkin.results.byRegistration(result.message);
			} else {
				registrationId = newId();
				await tx.insert(registrations).values({
					id: registrationId,
					eventId,
					name: op.name,
					// No number given: a placeholder unique to the row keeps the one-place-per-phone index meaningful.
					phone: op.phone ?? `none:${registrationId}`,
					ageBand: op.ageBand,
					community: op.community || null,
					consentAt: at,
					status: 'registered',
					checkInCode: newCheckInCode(),
					manageTokenHash: hashToken(generateToken()),
					walkIn: true,
					checkedInAt: at,
					checkedInBy: actor.userId,
					createdAt: at
				});
				result = { outcome: 'checked_in', message: dm.checkin.results.walkIn(maskName(op.name)) };
			}
		} else {
			const reg =
				op.kind === 'code'
					? await tx
							.select()
							.from(registrations)
							.where(and(eq(registrations.eventId, eventId), eq(registrations.checkInCode, readCode(op.code))))
							.get()
					: await tx
							.select()
							.from(registrations)
							.where(and(eq(registrations.eventId, eventId), eq(registrations.id, op.registrationId)))
							.get();
			if (!reg) {
				result = {
					outcome: 'rejected',
					message:
						op.kind === 'code'
							? dm.checkin.results.codeNotFound(readCode(op.code).slice(0, 12) || dm.checkin.results.emptyCode)
							: dm.checkin.results.registrationNotFound
				};
			} else {
				registrationId = reg.id;
				result = await checkInRegistration(tx, actor, event, reg, op.kind === 'registration' && op.admit, at);
			}
		}
		await tx.insert(checkInOps).values({
			opId: op.id,
			eventId,
			kind: op.kind,
			registrationId,
			outcome: result.outcome,
			message: result.message,
			byUserId: actor.userId,
			clientAt: op.clientAt,
			receivedAt: now
		});
		return { opId: op.id, ...result, registrationId, replayed: false, admittable: await isAdmittable(tx, result.outcome, registrationId) };
	});
}
