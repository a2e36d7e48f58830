/**
 * Putting people into volunteer roles and taking them out. A volunteer signs up for one role of an
 * event and may withdraw until it starts; an organizer assigns a volunteer of the event's
 * organization (or removes one) until it is over.
 *
 * Rules, and why:
 * - One role per person per event: a volunteer cannot stand at the door and take blood pressure at
 *   the same time, and a role's "filled" count must be people who will be there. Changing role
 *   means withdrawing first (or the organizer moving them).
 * - A volunteer cannot take a place beyond `needed`: the count and the insert happen in one write
 *   transaction, so two volunteers tapping at once cannot both take the last place.
 * - An organizer may put someone in beyond `needed` (a spare on a busy day is their call, and they
 *   set `needed`); the roster page shows it as 超出.
 * Every change is written to the event's audit trail in the same transaction.
 */
import { and, count, eq } from 'drizzle-orm';
import { recordAudit, type AuditEntry } from '../audit/audit';
import { Forbidden, type Actor } from '../auth/policy';
import { authorize } from '../auth/scope';
import type { Db, DbOrTx } from '../db/client';
import { events, memberships, users, volunteerRoles, volunteerShifts } from '../db/schema';
import { conflict, invalid, notFound } from '../errors';
import { newId } from '../ids';
import { queueShiftConfirmation } from '../notify/shift-mail';
import { eventPhase, type WallClock } from './event-phase';
import { dm } from '../../i18n/domain';

/** The event's trail entry for a person put into a role (the shift `after`) or out of it (`before`). */
function shiftEntry(
	action: 'signup' | 'withdraw' | 'assign' | 'unassign',
	role: { eventId: string; organizationId: string | null; roleId: string; roleName: string },
	userId: string,
	side: 'before' | 'after',
	summary: string
): AuditEntry {
	const shift = { roleId: role.roleId, role: role.roleName, userId };
	return { action: `volunteer.${action}`, objectKind: 'event', objectId: role.eventId, organizationId: role.organizationId, ...(side === 'before' ? { before: shift } : { after: shift }), summary };
}

async function roleWithEvent(tx: DbOrTx, roleId: string) {
	const row = await tx
		.select({
			roleId: volunteerRoles.id,
			roleName: volunteerRoles.name,
			needed: volunteerRoles.needed,
			eventId: events.id,
			title: events.title,
			date: events.date,
			startTime: events.startTime,
			endTime: events.endTime,
			status: events.status,
			organizationId: events.organizationId
		})
		.from(volunteerRoles)
		.innerJoin(events, eq(events.id, volunteerRoles.eventId))
		.where(eq(volunteerRoles.id, roleId))
		.get();
	return row ?? null;
}

type RoleWithEvent = NonNullable<Awaited<ReturnType<typeof roleWithEvent>>>;

async function filledCount(tx: DbOrTx, roleId: string): Promise<number> {
	const [row] = await tx.select({ n: count() }).from(volunteerShifts).where(eq(volunteerShifts.roleId, roleId));
	return row?.n ?? 0;
}

/** The role this user already holds at the event, if any. */
async function roleHeldAtEvent(tx: DbOrTx, eventId: string, userId: string) {
	const row = await tx
		.select({ roleId: volunteerRoles.id, name: volunteerRoles.name })
		.from(volunteerShifts)
		.innerJoin(volunteerRoles, eq(volunteerRoles.id, volunteerShifts.roleId))
		.where(and(eq(volunteerRoles.eventId, eventId), eq(volunteerShifts.userId, userId)))
		.get();
	return row ?? null;
}

function refuseCancelled(role: RoleWithEvent) {
	if (role.status === 'cancelled') throw conflict(dm.volunteers.errors.eventCancelled, 'form');
}

export interface ShiftResult {
	shiftId: string;
	/** One line for the page: 已报名：测血压 · 沙坪坝周末义诊… */
	summary: string;
}

/** A volunteer (or an organizer helping out) takes a place in a role. */
export async function signUp(db: Db, actor: Actor, roleId: string, clock: WallClock, now = new Date()): Promise<ShiftResult> {
	return db.transaction(async (tx) => {
		const role = await roleWithEvent(tx, roleId);
		if (!role) throw notFound(dm.volunteers.errors.roleNotFound);
		await authorize(tx, actor, 'volunteer:signup', 'event', role.eventId);
		refuseCancelled(role);
		if (eventPhase(role, clock) !== 'before') throw conflict(dm.volunteers.errors.eventStartedNoSignUp, 'form');
		const held = await roleHeldAtEvent(tx, role.eventId, actor.userId);
		if (held?.roleId === role.roleId) throw conflict(dm.volunteers.errors.alreadySignedUp(role.roleName), 'form');
		if (held) throw conflict(dm.volunteers.errors.holdsOtherRole(held.name), 'form');
		const filled = await filledCount(tx, role.roleId);
		if (filled >= role.needed) throw conflict(dm.volunteers.errors.roleFull(role.roleName, filled, role.needed), 'form');
		const shiftId = newId();
		await tx.insert(volunteerShifts).values({ id: shiftId, roleId: role.roleId, userId: actor.userId, source: 'self', createdAt: now });
		await queueShiftConfirmation(tx, shiftId, now);
		await recordAudit(tx, actor, shiftEntry('signup', role, actor.userId, 'after', dm.volunteers.audit.signedUp(actor.name, role.roleName)), now);
		return { shiftId, summary: dm.volunteers.labels.signedUp(role.roleName, role.title) };
	});
}

async function shiftWithRole(tx: DbOrTx, shiftId: string) {
	const shift = await tx
		.select({ id: volunteerShifts.id, roleId: volunteerShifts.roleId, userId: volunteerShifts.userId, name: users.name })
		.from(volunteerShifts)
		.innerJoin(users, eq(users.id, volunteerShifts.userId))
		.where(eq(volunteerShifts.id, shiftId))
		.get();
	if (!shift) return null;
	const role = await roleWithEvent(tx, shift.roleId);
	return role ? { shift, role } : null;
}

/** A volunteer gives up their own place, until the event starts. */
export async function withdraw(db: Db, actor: Actor, shiftId: string, clock: WallClock, now = new Date()): Promise<ShiftResult> {
	return db.transaction(async (tx) => {
		const found = await shiftWithRole(tx, shiftId);
		if (!found) throw notFound(dm.volunteers.errors.shiftNotFound);
		const { shift, role } = found;
		if (shift.userId !== actor.userId) throw new Forbidden(dm.volunteers.errors.ownShiftOnly);
		if (eventPhase(role, clock) !== 'before') throw conflict(dm.volunteers.errors.eventStartedNoWithdraw, 'form');
		await tx.delete(volunteerShifts).where(eq(volunteerShifts.id, shift.id));
		await recordAudit(tx, actor, shiftEntry('withdraw', role, actor.userId, 'before', dm.volunteers.audit.withdrew(actor.name, role.roleName)), now);
		return { shiftId: shift.id, summary: dm.volunteers.labels.withdrew(role.roleName, role.title) };
	});
}

/**
 * Whether a user volunteers for an organization at or above the event's (the same reach the policy
 * gives `volunteer:signup`), and is active.
 */
async function volunteersFor(tx: DbOrTx, userId: string, orgPath: readonly string[]) {
	const rows = await tx
		.select({ organizationId: memberships.organizationId, name: users.name, active: users.active })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(eq(memberships.userId, userId), eq(memberships.role, 'volunteer')))
		.all();
	const row = rows.find((r) => r.active && r.organizationId !== null && orgPath.includes(r.organizationId));
	return row ? { name: row.name } : null;
}

/**
 * An organizer puts a volunteer of the event's organization into a role, until the event is over.
 * The event is the one the organizer is looking at; a role of any other event is not found here.
 */
export async function assign(db: Db, actor: Actor, eventId: string, roleId: string, userId: string, clock: WallClock, now = new Date()): Promise<ShiftResult> {
	return db.transaction(async (tx) => {
		const event = await authorize(tx, actor, 'volunteer:assign', 'event', eventId);
		const role = await roleWithEvent(tx, roleId);
		if (!role || role.eventId !== eventId) throw notFound(dm.volunteers.errors.roleNotFound);
		refuseCancelled(role);
		if (eventPhase(role, clock) === 'over') throw conflict(dm.volunteers.errors.eventEndedNoChange, 'form');
		if (!userId) throw invalid(dm.volunteers.errors.chooseVolunteer, 'userId');
		const person = await volunteersFor(tx, userId, event.orgPath);
		if (!person) throw invalid(dm.volunteers.errors.notThisOrganizationsVolunteer, 'userId');
		const held = await roleHeldAtEvent(tx, role.eventId, userId);
		if (held?.roleId === role.roleId) throw conflict(dm.volunteers.errors.personAlreadyInRole(person.name, role.roleName), 'userId');
		if (held) throw conflict(dm.volunteers.errors.personHoldsOtherRole(person.name, held.name), 'userId');
		const shiftId = newId();
		await tx.insert(volunteerShifts).values({ id: shiftId, roleId: role.roleId, userId, source: 'organizer', createdAt: now });
		await queueShiftConfirmation(tx, shiftId, now);
		await recordAudit(tx, actor, shiftEntry('assign', role, userId, 'after', dm.volunteers.audit.assigned(person.name, role.roleName)), now);
		return { shiftId, summary: dm.volunteers.labels.assigned(person.name, role.roleName) };
	});
}

/** An organizer takes someone out of a role of this event (whoever put them there), until the event is over. */
export async function unassign(db: Db, actor: Actor, eventId: string, shiftId: string, clock: WallClock, now = new Date()): Promise<ShiftResult> {
	return db.transaction(async (tx) => {
		await authorize(tx, actor, 'volunteer:assign', 'event', eventId);
		const found = await shiftWithRole(tx, shiftId);
		if (!found || found.role.eventId !== eventId) throw notFound(dm.volunteers.errors.assignmentNotFound);
		const { shift, role } = found;
		if (eventPhase(role, clock) === 'over') throw conflict(dm.volunteers.errors.eventEndedNoChange, 'form');
		await tx.delete(volunteerShifts).where(eq(volunteerShifts.id, shift.id));
		await recordAudit(tx, actor, shiftEntry('unassign', role, shift.userId, 'before', dm.volunteers.audit.removed(shift.name, role.roleName)), now);
		return { shiftId: shift.id, summary: dm.volunteers.labels.removed(shift.name, role.roleName) };
	});
}
