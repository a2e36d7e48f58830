/**
 * What organizers do to free clinics and lectures: create, edit, cancel and copy them, with the
 * volunteer roles each one needs. Every function takes the actor first, checks access against the
 * event's (and the chosen site's) place in the 医共体 tree before it validates the form, and does its
 * writes and its audit record in one transaction.
 */
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { CalendarDate } from '../../calendar-date';
import { formatSittingWhen } from '../../format/dates';
import { changedFields, recordAudit } from '../audit/audit';
import { assertCan, type Actor } from '../auth/policy';
import { authorize, loadOrgTree, scopedObject } from '../auth/scope';
import type { Db, DbOrTx } from '../db/client';
import { departments, eventDepartments, eventExperts, events, eventSeries, experts, registrations, sites, volunteerRoles, volunteerShifts } from '../db/schema';
import { conflict, invalid, isDomainError, notFound } from '../errors';
import { newId } from '../ids';
import { clashesOf, eventCommitments, type EventPeople } from '../schedule/commitments';
import { describeEventTime, queueEventChangeMail, queuePromotionMail } from '../notify/resident-mail';
import { queueEventChangeSms, queuePromotionSms } from '../sms/registrant-sms';
import { calendarDateField, parseOrThrow } from '../validation';
import { createEventIn, EventInput } from './events';
import { placesTaken } from './registration';
import { singleLineText } from '../text/single-line';
import { dm } from '../../i18n/domain';

/** One row of the event form's volunteer table: an existing role keeps its id, so renaming keeps its volunteers. */
export const VolunteerRoleRow = z.object({
	id: z.string().nullable().default(null),
	name: singleLineText(dm.events.fields.roleName).min(1, dm.events.fields.roleNameEmpty).max(20, dm.events.fields.roleNameMax),
	needed: z.number({ message: dm.events.fields.roleNeededNumber }).int(dm.events.fields.roleNeededInteger).min(1, dm.events.fields.roleNeededMin).max(500, dm.events.fields.roleNeededMax)
});
export const VolunteerRoles = z
	.array(VolunteerRoleRow)
	.max(30, dm.events.fields.rolesMax)
	.default([])
	.refine((rows) => new Set(rows.map((r) => r.name)).size === rows.length, { message: dm.events.fields.roleNamesUnique });
export type VolunteerRoleRow = z.input<typeof VolunteerRoleRow>;

/**
 * The event form: the event itself plus the roles it needs volunteers for. `confirmClashes` is the
 * “仍然保存” box, ticked once the organizer has seen a speaker's or staff member's clash.
 */
export type OrganizerEventInput = EventInput & { volunteerRoles?: VolunteerRoleRow[]; confirmClashes?: boolean };

export const CopyEventInput = z.object({
	date: calendarDateField(dm.events.fields.newDate),
	siteId: z.string().nullable().default(null)
});

const STALE = dm.events.errors.stale;

function parseRoles(input: unknown) {
	const parsed = VolunteerRoles.safeParse(input ?? []);
	if (!parsed.success) throw invalid(parsed.error.issues[0]!.message, 'volunteerRoles');
	return parsed.data;
}

/**
 * The site a form names, checked before the form is validated: another hospital's site is a 403
 * whatever else the form says. A missing one is a field error, as the form shows it; an empty one is
 * left to validation.
 */
async function assertMayUseSite(tx: DbOrTx, actor: Actor, siteId: unknown): Promise<void> {
	if (typeof siteId !== 'string' || siteId === '') return;
	try {
		assertCan(actor, 'event:edit', await scopedObject(tx, await loadOrgTree(tx), 'site', siteId));
	} catch (e) {
		if (isDomainError(e) && e.kind === 'not_found') throw invalid(dm.events.errors.siteNotFoundOrInactive, 'siteId');
		throw e;
	}
}

/** The site and series an event may use: the actor organizes the site; the series belongs to the site's hospital or above. */
async function checkPlace(tx: DbOrTx, actor: Actor, values: { siteId: string; seriesId: string | null; kind: string }) {
	const site = await tx.select({ organizationId: sites.organizationId, name: sites.name, active: sites.active }).from(sites).where(eq(sites.id, values.siteId)).get();
	if (!site || !site.active) throw invalid(dm.events.errors.siteNotFoundOrInactive, 'siteId');
	await authorize(tx, actor, 'event:edit', 'site', values.siteId);
	if (values.seriesId) {
		const series = await tx.select().from(eventSeries).where(eq(eventSeries.id, values.seriesId)).get();
		if (!series) throw invalid(dm.events.errors.seriesNotFound, 'seriesId');
		if (series.kind !== values.kind) throw invalid(dm.events.errors.seriesKindMismatch(series.name, series.kind === 'lecture' ? dm.events.labels.kinds.lecture : dm.events.labels.kinds.freeClinic), 'seriesId');
		const path = (await loadOrgTree(tx)).pathOf(site.organizationId);
		if (!path.includes(series.organizationId)) throw invalid(dm.events.errors.seriesOtherOrganization(series.name, site.name), 'seriesId');
	}
	return site;
}

/** Departments and experts the form sent must exist: a stale or forged id gets a message, not a 500. */
async function checkPeople(tx: DbOrTx, values: { departmentIds: string[]; expertIds: string[]; speakerExpertId: string | null }) {
	const deptIds = [...new Set(values.departmentIds)];
	if (deptIds.length) {
		const [row] = await tx.select({ n: count() }).from(departments).where(inArray(departments.id, deptIds));
		if ((row?.n ?? 0) !== deptIds.length) throw invalid(dm.events.errors.departmentsGone, 'departmentIds');
	}
	const expertIds = [...new Set([...values.expertIds, ...(values.speakerExpertId ? [values.speakerExpertId] : [])])];
	if (expertIds.length) {
		const [row] = await tx.select({ n: count() }).from(experts).where(inArray(experts.id, expertIds));
		if ((row?.n ?? 0) !== expertIds.length) throw invalid(dm.events.errors.expertsGone, values.speakerExpertId && !values.expertIds.includes(values.speakerExpertId) ? 'speakerExpertId' : 'expertIds');
	}
}

/** Free-clinic fields mean nothing on a lecture and the reverse; the form may send both sets (no JavaScript). */
function forKind(values: z.output<typeof EventInput>) {
	return values.kind === 'lecture'
		? { ...values, services: [], departmentIds: [], expertIds: [], speakerName: values.speakerExpertId ? null : values.speakerName }
		: { ...values, topic: null, audience: null, speakerExpertId: null, speakerName: null };
}

/**
 * The speaker and staff must be free at the event's hour: a sitting, another lecture or clinic, or a
 * volunteer shift of theirs at the same time is named, and the save refused until the organizer ticks
 * “仍然保存”. A warning, not a refusal: a sitting has a cover of its own (a substitute on that date),
 * and clinic staff often come for part of the morning, which the organizer knows and this data does not.
 */
async function refuseUnconfirmedClashes(tx: DbOrTx, event: EventPeople, confirmed: boolean): Promise<void> {
	if (confirmed) return;
	const ids = [...new Set([...event.expertIds, ...(event.speakerExpertId ? [event.speakerExpertId] : [])])];
	if (ids.length === 0) return;
	const names = new Map((await tx.select({ id: experts.id, name: experts.name }).from(experts).where(inArray(experts.id, ids))).map((e) => [e.id, e.name]));
	const clashes = await clashesOf(tx, eventCommitments(event, names));
	if (clashes.length === 0) return;
	throw conflict(dm.events.errors.clashConfirm(clashes.map((c) => c.message)), 'confirmClashes');
}

function refusePastDate(date: CalendarDate, today: CalendarDate, field = 'date') {
	if (date < today) throw invalid(dm.events.errors.dateInPast, field);
}

/**
 * Replaces an event's volunteer roles with the form's rows. A row with a known id renames or resizes
 * that role; a role left out is removed, unless volunteers hold it (then nothing is saved and the
 * message names the role). A role's size cannot go below the volunteers already in it.
 */
async function replaceVolunteerRoles(tx: DbOrTx, eventId: string, rows: z.output<typeof VolunteerRoles>) {
	const existing = await tx
		.select({ id: volunteerRoles.id, name: volunteerRoles.name, needed: volunteerRoles.needed, sortOrder: volunteerRoles.sortOrder, filled: count(volunteerShifts.id) })
		.from(volunteerRoles)
		.leftJoin(volunteerShifts, eq(volunteerShifts.roleId, volunteerRoles.id))
		.where(eq(volunteerRoles.eventId, eventId))
		.groupBy(volunteerRoles.id)
		.orderBy(asc(volunteerRoles.sortOrder));
	const byId = new Map(existing.map((r) => [r.id, r]));
	const kept = new Set(rows.map((r) => r.id).filter((id): id is string => id !== null && byId.has(id)));
	for (const role of existing) {
		if (!kept.has(role.id) && role.filled > 0) {
			throw conflict(dm.events.errors.roleHasVolunteers(role.name, role.filled), 'volunteerRoles');
		}
	}
	for (const row of rows) {
		const role = row.id ? byId.get(row.id) : undefined;
		if (role && row.needed < role.filled) {
			throw conflict(dm.events.errors.roleNeededBelowFilled(row.name, role.filled), 'volunteerRoles');
		}
	}
	const removed = existing.filter((r) => !kept.has(r.id));
	if (removed.length) await tx.delete(volunteerRoles).where(inArray(volunteerRoles.id, removed.map((r) => r.id)));
	// Names are unique per event: park renamed roles under their id first, so two roles can swap names.
	const renamed = rows.filter((r) => r.id && kept.has(r.id) && byId.get(r.id)!.name !== r.name);
	for (const row of renamed) await tx.update(volunteerRoles).set({ name: `\u0000${row.id}` }).where(eq(volunteerRoles.id, row.id!));
	for (const [sortOrder, row] of rows.entries()) {
		const role = row.id ? byId.get(row.id) : undefined;
		if (role && kept.has(role.id)) {
			if (role.name !== row.name || role.needed !== row.needed || role.sortOrder !== sortOrder) {
				await tx.update(volunteerRoles).set({ name: row.name, needed: row.needed, sortOrder }).where(eq(volunteerRoles.id, role.id));
			}
		} else {
			await tx.insert(volunteerRoles).values({ id: newId(), eventId, name: row.name, needed: row.needed, sortOrder });
		}
	}
	const before = existing.map((r) => `${r.name}×${r.needed}`).join('、');
	const after = rows.map((r) => `${r.name}×${r.needed}`).join('、');
	return before === after ? null : { before, after };
}

/** Creates a free clinic or lecture for an organizer: the site must be theirs; a series gives it the next number. */
export async function createOrganizerEvent(db: Db, actor: Actor, input: OrganizerEventInput, options: { today: CalendarDate }): Promise<string> {
	return db.transaction(async (tx) => {
		await assertMayUseSite(tx, actor, input.siteId);
		const values = forKind(parseOrThrow(EventInput, input));
		const roles = parseRoles(input.volunteerRoles);
		refusePastDate(values.date, options.today);
		const site = await checkPlace(tx, actor, values);
		await checkPeople(tx, values);
		await refuseUnconfirmedClashes(tx, { id: 'new', ...values, siteName: site.name }, input.confirmClashes === true);
		const id = await createEventIn(tx, actor, values);
		await replaceVolunteerRoles(tx, id, roles);
		return id;
	});
}

/**
 * Saves the edit form. `expectedVersion` is the version the form was opened at: a save on top of
 * someone else's is refused, never silently merged. Each save moves `version` and the calendar's
 * SEQUENCE on. The series and its number stay as given; capacity may not drop below the people
 * already holding a place, and a larger capacity lets the longest-waiting people in at once.
 *
 * `input` may be a function reading the form: its own field errors then come after the access check too.
 */
export async function updateEvent(
	db: Db,
	actor: Actor,
	id: string,
	input: OrganizerEventInput | (() => OrganizerEventInput),
	options: { expectedVersion: number; today: CalendarDate }
): Promise<{ promoted: number }> {
	return db.transaction(async (tx) => {
		await authorize(tx, actor, 'event:edit', 'event', id);
		const current = await tx.select().from(events).where(eq(events.id, id)).get();
		if (!current) throw notFound(dm.events.errors.eventNotFound);
		const form = typeof input === 'function' ? input() : input;
		await assertMayUseSite(tx, actor, form.siteId);
		const values = forKind(parseOrThrow(EventInput, { ...form, seriesId: current.seriesId }));
		const roles = parseRoles(form.volunteerRoles);
		if (current.version !== options.expectedVersion) throw conflict(STALE, 'form');
		if (current.status === 'cancelled') throw conflict(dm.events.errors.eventCancelledNoEdit, 'form');
		if (current.seriesId && values.kind !== current.kind) throw invalid(dm.events.errors.seriesKindFixed, 'kind');
		if (values.date !== current.date) refusePastDate(values.date, options.today);
		const site = await checkPlace(tx, actor, values);
		await checkPeople(tx, values);
		// Asked again only when the time or the people change: editing the description of an event whose
		// clash was confirmed does not ask a second time.
		const storedStaff = await tx.select({ id: eventExperts.expertId }).from(eventExperts).where(eq(eventExperts.eventId, id));
		const samePeople =
			values.speakerExpertId === current.speakerExpertId &&
			[...new Set(values.expertIds)].sort().join() === storedStaff.map((e) => e.id).sort().join();
		const sameTime = values.date === current.date && values.startTime === current.startTime && values.endTime === current.endTime;
		if (!samePeople || !sameTime) await refuseUnconfirmedClashes(tx, { id, ...values, siteName: site.name }, form.confirmClashes === true);
		const taken = await placesTaken(tx, id);
		if (values.capacity !== null && values.capacity < taken) {
			throw conflict(dm.events.errors.capacityBelowTaken(taken), 'capacity');
		}

		const { departmentIds, expertIds, ...row } = values;
		const result = await tx
			.update(events)
			.set({ ...row, organizationId: site.organizationId, version: current.version + 1, sequence: current.sequence + 1 })
			.where(and(eq(events.id, id), eq(events.version, options.expectedVersion)));
		if (result.rowsAffected === 0) throw conflict(STALE, 'form');

		const [oldDepartments, oldExperts] = await Promise.all([
			tx.select({ id: eventDepartments.departmentId }).from(eventDepartments).where(eq(eventDepartments.eventId, id)),
			tx.select({ id: eventExperts.expertId }).from(eventExperts).where(eq(eventExperts.eventId, id))
		]);
		await tx.delete(eventDepartments).where(eq(eventDepartments.eventId, id));
		await tx.delete(eventExperts).where(eq(eventExperts.eventId, id));
		const uniqueDepartments = [...new Set(departmentIds)];
		const uniqueExperts = [...new Set(expertIds)];
		if (uniqueDepartments.length) await tx.insert(eventDepartments).values(uniqueDepartments.map((departmentId) => ({ eventId: id, departmentId })));
		if (uniqueExperts.length) await tx.insert(eventExperts).values(uniqueExperts.map((expertId) => ({ eventId: id, expertId })));
		const roleChange = await replaceVolunteerRoles(tx, id, roles);
		const promoted = await promoteFromWaitlist(tx, id, values.capacity);
		// People who hold a place travel by the date, time and place: tell them when any of those moved.
		if (values.date !== current.date || values.startTime !== current.startTime || values.endTime !== current.endTime || values.siteId !== current.siteId) {
			const oldSite = await tx.select({ name: sites.name }).from(sites).where(eq(sites.id, current.siteId)).get();
			await queueEventChangeMail(tx, id, 'event_moved', { before: `${describeEventTime(current)}，${oldSite?.name ?? ''}` });
			await queueEventChangeSms(tx, id, 'event_moved');
		}

		const diff = changedFields(
			{ ...current, departmentIds: oldDepartments.map((d) => d.id).sort(), expertIds: oldExperts.map((e) => e.id).sort() } as Record<string, unknown>,
			{ ...row, departmentIds: uniqueDepartments.sort(), expertIds: uniqueExperts.sort() }
		);
		if (roleChange) {
			diff.before.volunteerRoles = roleChange.before;
			diff.after.volunteerRoles = roleChange.after;
		}
		await recordAudit(tx, actor, {
			action: 'event.update',
			objectKind: 'event',
			objectId: id,
			organizationId: site.organizationId,
			before: diff.before,
			after: { ...diff.after, ...(promoted ? { promotedFromWaitlist: promoted } : {}) },
			summary: dm.events.audit.eventUpdated(describeChange(Object.keys(diff.after)), promoted ? dm.events.audit.promotedFromWaitlist(promoted) : '')
		});
		return { promoted };
	});
}

const FIELD_LABELS: Record<string, string> = {
	kind: dm.events.labels.changes.kind,
	siteId: dm.events.labels.changes.site,
	title: dm.events.labels.changes.title,
	date: dm.events.fields.date,
	startTime: dm.events.fields.startTime,
	endTime: dm.events.fields.endTime,
	capacity: dm.events.labels.changes.capacity,
	description: dm.events.labels.changes.description,
	services: dm.events.fields.services,
	whatToBring: dm.events.fields.whatToBring,
	topic: dm.events.fields.topic,
	audience: dm.events.labels.changes.audience,
	speakerExpertId: dm.events.fields.speaker,
	speakerName: dm.events.fields.speaker,
	departmentIds: dm.events.labels.changes.departments,
	expertIds: dm.events.labels.changes.experts,
	volunteerRoles: dm.events.labels.changes.volunteerRoles
};

function describeChange(fields: string[]): string {
	const labels = [...new Set(fields.map((f) => FIELD_LABELS[f]).filter(Boolean))];
	return labels.length ? labels.join('、') : dm.events.labels.changes.none;
}

/** People waiting in line get the places a larger (or removed) capacity opened, longest-waiting first. */
async function promoteFromWaitlist(tx: DbOrTx, eventId: string, capacity: number | null, now = new Date()): Promise<number> {
	const waiting = await tx
		.select({ id: registrations.id })
		.from(registrations)
		.where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'waitlisted')))
		.orderBy(asc(registrations.createdAt), asc(registrations.id));
	if (waiting.length === 0) return 0;
	const free = capacity === null ? waiting.length : capacity - (await placesTaken(tx, eventId));
	const lucky = waiting.slice(0, Math.max(0, free)).map((w) => w.id);
	if (lucky.length) await tx.update(registrations).set({ status: 'registered', promotedAt: now }).where(inArray(registrations.id, lucky));
	await queuePromotionMail(tx, lucky, now);
	await queuePromotionSms(tx, lucky, now);
	return lucky.length;
}

/**
 * Copies an event to a new date (and, if chosen, another site): everything the organizer planned —
 * services, departments, experts, speaker, capacity, volunteer roles — but no registrations and no
 * volunteers. A copy in a series takes the series' next number, in the same transaction.
 */
export async function copyEvent(
	db: Db,
	actor: Actor,
	id: string,
	input: { date: string; siteId?: string | null; confirmClashes?: boolean },
	options: { today: CalendarDate }
): Promise<string> {
	return db.transaction(async (tx) => {
		// The event copied and the site it is copied to, both before the form is read.
		await authorize(tx, actor, 'event:edit', 'event', id);
		await assertMayUseSite(tx, actor, input.siteId);
		const target = parseOrThrow(CopyEventInput, input);
		refusePastDate(target.date, options.today);
		const source = await tx.select().from(events).where(eq(events.id, id)).get();
		if (!source) throw notFound(dm.events.errors.eventNotFound);
		const [departmentRows, expertRows, roleRows] = await Promise.all([
			tx.select({ id: eventDepartments.departmentId }).from(eventDepartments).where(eq(eventDepartments.eventId, id)),
			tx.select({ id: eventExperts.expertId }).from(eventExperts).where(eq(eventExperts.eventId, id)),
			tx.select({ name: volunteerRoles.name, needed: volunteerRoles.needed }).from(volunteerRoles).where(eq(volunteerRoles.eventId, id)).orderBy(asc(volunteerRoles.sortOrder))
		]);
		const values = {
			kind: source.kind,
			siteId: target.siteId || source.siteId,
			seriesId: source.seriesId,
			title: source.title,
			date: target.date,
			startTime: source.startTime,
			endTime: source.endTime,
			capacity: source.capacity,
			description: source.description,
			services: source.services,
			whatToBring: source.whatToBring,
			topic: source.topic,
			audience: source.audience,
			speakerExpertId: source.speakerExpertId,
			speakerName: source.speakerName,
			departmentIds: departmentRows.map((d) => d.id),
			expertIds: expertRows.map((e) => e.id)
		};
		const site = await checkPlace(tx, actor, values);
		// The copy takes its speaker and staff to a new date: they must be free then, as for a new event.
		await refuseUnconfirmedClashes(tx, { id: 'new', ...values, siteName: site.name }, input.confirmClashes === true);
		const copyId = await createEventIn(tx, actor, values);
		await replaceVolunteerRoles(tx, copyId, roleRows.map((r) => ({ id: null, ...r })));
		await recordAudit(tx, actor, {
			action: 'event.copy',
			objectKind: 'event',
			objectId: id,
			organizationId: source.organizationId,
			after: { copyId, date: target.date, siteId: values.siteId },
			summary: dm.events.audit.eventCopied(formatSittingWhen(target.date, source.startTime), site.name)
		});
		return copyId;
	});
}
