/**
 * Registrants as the organizer who owns the event sees them, and a resident's rights over their own
 * data. Phone numbers are masked on every screen; the full number leaves the system only in the
 * owning organizer's downloads (the event's list, or one person's data), and each download is
 * written to the audit log. Erasing a person removes their name, number, community and email from
 * every registration in the organizer's reach; the rows stay, anonymous, so attendance and the
 * figures reports add up (受益人次, age bands) do not change. A place they still held in an event
 * that has not happened yet is given up, and the waitlist moves.
 *
 * Each function takes the signed-in actor and checks `event:people` on the event the organizer is
 * looking at before anything else; a registration is found only through that event, and the same
 * person's other registrations only in events the actor may also see.
 */
import { and, asc, eq, inArray, isNull, like, lt, or } from 'drizzle-orm';
import { formatDateTime } from '../../format/dates';
import { m } from '../../i18n';
import { recordAudit } from '../audit/audit';
import { assertCan, type Actor } from '../auth/policy';
import { loadOrgTree, organizedOrgIds, scopedObject } from '../auth/scope';
import type { Db, DbOrTx } from '../db/client';
import { calendarFeedTokens, events, registrationAttempts, registrations, sites } from '../db/schema';
import { invalid, notFound } from '../errors';
import { csvFile, csvRecord } from '../export/cells';
import { maskPhone } from './phone';
import { promoteNext } from './registration';
import { surveySheetsOfRegistrations, unlinkSurveySheets } from '../surveys/privacy';
import { dm } from '../../i18n/domain';

const ERASED_NAME = dm.events.labels.erasedName;
const STATUS_LABELS = m.events.statusLabel;
const AGE_BAND_LABELS = m.events.ageBands;

export interface RegistrantRow {
	id: string;
	name: string;
	phone: string;
	ageBand: string;
	community: string | null;
	status: 'registered' | 'waitlisted' | 'cancelled';
	statusLabel: string;
	walkIn: boolean;
	checkedInAt: Date | null;
	createdAt: Date;
	erased: boolean;
}

/**
 * The stored phone when it is a number: erased rows hold `erased:<id>` and walk-ins who gave none
 * `none:<id>` (placeholders that keep the one-place-per-phone index meaningful).
 */
function realPhone(stored: string): string | null {
	return /^\d{11}$/.test(stored) ? stored : null;
}

function shownPhone(stored: string): string {
	const phone = realPhone(stored);
	return phone ? maskPhone(phone) : dm.events.labels.noPhone;
}

function masked(row: typeof registrations.$inferSelect): RegistrantRow {
	const erased = row.erasedAt !== null;
	return {
		id: row.id,
		name: row.name,
		phone: erased ? '—' : shownPhone(row.phone),
		ageBand: AGE_BAND_LABELS[row.ageBand] ?? row.ageBand,
		community: row.community,
		status: row.status,
		statusLabel: STATUS_LABELS[row.status] ?? row.status,
		walkIn: row.walkIn,
		checkedInAt: row.checkedInAt,
		createdAt: row.createdAt,
		erased
	};
}

/**
 * `event:people` on the event (404 when there is none, 403 outside the actor's reach); then where the
 * same person may be looked for: the events of the actor's organizations (null: all, an admin).
 */
async function assertMaySeePeople(db: DbOrTx, actor: Actor, eventId: string): Promise<OrgReach> {
	const tree = await loadOrgTree(db);
	assertCan(actor, 'event:people', await scopedObject(db, tree, 'event', eventId));
	return organizedOrgIds(actor, tree);
}

/** The event's registrants, places first, then the waitlist in order, then cancellations; masked. */
export async function listRegistrants(db: DbOrTx, actor: Actor, eventId: string, search = ''): Promise<RegistrantRow[]> {
	await assertMaySeePeople(db, actor, eventId);
	const q = search.trim();
	const digits = /^\d{4}$/.test(q) ? q : null;
	const rows = await db
		.select()
		.from(registrations)
		.where(
			and(
				eq(registrations.eventId, eventId),
				q ? (digits ? like(registrations.phone, `%${digits}`) : or(like(registrations.name, `%${q}%`), like(registrations.community, `%${q}%`))) : undefined
			)
		)
		.orderBy(asc(registrations.createdAt), asc(registrations.id));
	const order = { registered: 0, waitlisted: 1, cancelled: 2 } as const;
	return rows.map(masked).sort((a, b) => order[a.status] - order[b.status]);
}

function csv(rows: string[][]): string {
	return csvFile(rows.map((row) => csvRecord(row)));
}

/** The owning organizer's download of an event's list, with full numbers; audited. */
export async function exportEventRegistrants(db: Db, actor: Actor, eventId: string, now = new Date()) {
	return db.transaction(async (tx) => {
		await assertMaySeePeople(tx, actor, eventId);
		const event = await tx.select().from(events).where(eq(events.id, eventId)).get();
		if (!event) throw notFound(dm.events.errors.eventNotFound);
		const rows = await tx.select().from(registrations).where(eq(registrations.eventId, eventId)).orderBy(asc(registrations.createdAt), asc(registrations.id));
		const body = csv([
			[dm.events.labels.csv.name, dm.events.labels.csv.phone, dm.events.labels.csv.ageBand, dm.events.labels.csv.community, dm.events.labels.csv.status, dm.events.labels.csv.walkIn, dm.events.labels.csv.checkedInAt, dm.events.labels.csv.registeredAt],
			...rows.map((r) => [
				r.name,
				realPhone(r.phone) ?? '',
				AGE_BAND_LABELS[r.ageBand] ?? r.ageBand,
				r.community ?? '',
				STATUS_LABELS[r.status] ?? r.status,
				r.walkIn ? dm.events.labels.csv.yes : '',
				r.checkedInAt ? formatDateTime(r.checkedInAt) : '',
				formatDateTime(r.createdAt)
			])
		]);
		await recordAudit(
			tx,
			actor,
			{
				action: 'event.export-registrants',
				objectKind: 'event',
				objectId: eventId,
				organizationId: event.organizationId,
				summary: dm.events.audit.registrantsExported(rows.length)
			},
			now
		);
		return { filename: dm.events.labels.registrantsFilename(event.title, event.date), body };
	});
}

/** Where one person's data may be looked for: the events of these organizations (null: all, an admin). */
export type OrgReach = Set<string> | null;

/** A person, found through one of their registrations at the event the organizer is looking at. */
export interface PersonRef {
	eventId: string;
	registrationId: string;
}

async function personRows(db: DbOrTx, actor: Actor, ref: PersonRef) {
	const reach = await assertMaySeePeople(db, actor, ref.eventId);
	// Only through the event that was checked: a registration id of another event is not found here.
	const anchor = await db
		.select()
		.from(registrations)
		.where(and(eq(registrations.id, ref.registrationId), eq(registrations.eventId, ref.eventId)))
		.get();
	if (!anchor) throw notFound(dm.events.errors.registrationNotFound);
	const rows = await db
		.select({ registration: registrations, event: events, siteName: sites.name })
		.from(registrations)
		.innerJoin(events, eq(events.id, registrations.eventId))
		.innerJoin(sites, eq(sites.id, events.siteId))
		.where(anchor.erasedAt ? eq(registrations.id, anchor.id) : eq(registrations.phone, anchor.phone))
		.orderBy(asc(events.date));
	return { anchor, rows: rows.filter((r) => reach === null || reach.has(r.event.organizationId)) };
}

/** One person (known by the phone of one of their registrations) across the organizer's events; masked. */
export async function personOverview(db: DbOrTx, actor: Actor, ref: PersonRef) {
	const { anchor, rows } = await personRows(db, actor, ref);
	return {
		name: anchor.name,
		phone: anchor.erasedAt ? '—' : shownPhone(anchor.phone),
		erased: anchor.erasedAt !== null,
		registrations: rows.map((r) => ({
			...masked(r.registration),
			eventId: r.event.id,
			eventTitle: r.event.title,
			eventDate: r.event.date,
			siteName: r.siteName
		}))
	};
}

/** Everything stored about the person, as a file they can be given; audited. */
export async function exportPersonData(db: Db, actor: Actor, ref: PersonRef, now = new Date()) {
	return db.transaction(async (tx) => {
		const { anchor, rows } = await personRows(tx, actor, ref);
		const data = {
			exportedAt: now.toISOString(),
			person: anchor.erasedAt ? null : { name: anchor.name, phone: anchor.phone },
			registrations: rows.map(({ registration: r, event, siteName }) => ({
				event: event.title,
				date: event.date,
				time: `${event.startTime}–${event.endTime}`,
				site: siteName,
				name: r.name,
				phone: realPhone(r.phone),
				ageBand: AGE_BAND_LABELS[r.ageBand] ?? r.ageBand,
				community: r.community,
				email: r.email,
				status: STATUS_LABELS[r.status] ?? r.status,
				consentAt: r.consentAt.toISOString(),
				registeredAt: r.createdAt.toISOString(),
				checkedInAt: r.checkedInAt?.toISOString() ?? null,
				walkIn: r.walkIn,
				cancelledAt: r.cancelledAt?.toISOString() ?? null
			})),
			// Survey answers only where the person chose to link them to a registration.
			surveys: await surveySheetsOfRegistrations(tx, rows.map((r) => r.registration.id))
		};
		await recordAudit(
			tx,
			actor,
			{
				action: 'person.export',
				objectKind: 'event',
				objectId: anchor.eventId,
				summary: dm.events.audit.personalDataExported(rows.length)
			},
			now
		);
		return { filename: dm.events.labels.personalDataFilename(anchor.id), body: JSON.stringify(data, null, 2) };
	});
}

export interface ErasureResult {
	erased: number;
	/** Places given up in events that had not happened yet. */
	cancelled: number;
	/** People moved up from a waitlist into those places. */
	promoted: number;
}

/**
 * Removes the person's identifying data from every registration in reach, in one transaction, once
 * the organizer has ticked the confirmation (asked for after access, so a stranger learns nothing).
 * The audit entry records how many rows changed, never who the person was.
 */
export async function erasePerson(db: Db, actor: Actor, ref: PersonRef, options: { confirmed: boolean; today: string }, now = new Date()): Promise<ErasureResult> {
	const { today } = options;
	return db.transaction(async (tx) => {
		const { anchor, rows } = await personRows(tx, actor, ref);
		if (!options.confirmed) throw invalid(m.console.person.confirmFirst, 'confirm');
		const live = rows.filter((r) => r.registration.erasedAt === null);
		const result: ErasureResult = { erased: 0, cancelled: 0, promoted: 0 };
		if (live.length === 0) return result;
		for (const { registration: r, event } of live) {
			const givesUpPlace = r.status !== 'cancelled' && event.date >= today;
			await tx
				.update(registrations)
				.set({
					name: ERASED_NAME,
					// Unique per row, so the one-live-registration-per-phone index never meets two erased rows.
					phone: `erased:${r.id}`,
					community: null,
					email: null,
					erasedAt: now,
					...(givesUpPlace ? { status: 'cancelled' as const, cancelledAt: now } : {})
				})
				.where(eq(registrations.id, r.id));
			result.erased++;
			if (givesUpPlace) {
				result.cancelled++;
				if (r.status === 'registered' && (await promoteNext(tx, r.eventId, now))) result.promoted++;
			}
		}
		await unlinkSurveySheets(tx, live.map((r) => r.registration.id));
		await tx.delete(registrationAttempts).where(inArray(registrationAttempts.key, [`phone:${anchor.phone}`]));
		// Their calendar addresses go too: an erased person's sign-ups are nobody's calendar.
		await tx
			.delete(calendarFeedTokens)
			.where(and(eq(calendarFeedTokens.kind, 'resident'), inArray(calendarFeedTokens.subjectId, live.map((r) => r.registration.id))));
		await recordAudit(
			tx,
			actor,
			{
				action: 'person.erase',
				objectKind: 'event',
				objectId: anchor.eventId,
				after: { ...result },
				summary: dm.events.audit.personErased(result.erased, result.cancelled ? dm.events.audit.personErasedCancelled(result.cancelled) : '')
			},
			now
		);
		return result;
	});
}

/**
 * Keeps the promise made on the registration form: a year after an event, its registrants' identifying
 * data is erased (the anonymous rows stay for the figures). Idempotent; run daily.
 */
export async function eraseExpiredRegistrations(db: Db, today: string, now = new Date()): Promise<number> {
	const cutoff = addYears(today, -1);
	return db.transaction(async (tx) => {
		const expired = await tx
			.select({ id: registrations.id })
			.from(registrations)
			.innerJoin(events, eq(events.id, registrations.eventId))
			.where(and(lt(events.date, cutoff), isNull(registrations.erasedAt)));
		for (const { id } of expired) {
			await tx
				.update(registrations)
				.set({ name: ERASED_NAME, phone: `erased:${id}`, community: null, email: null, erasedAt: now })
				.where(eq(registrations.id, id));
		}
		await unlinkSurveySheets(tx, expired.map((r) => r.id));
		return expired.length;
	});
}

function addYears(date: string, years: number): string {
	const [y, rest] = [Number(date.slice(0, 4)), date.slice(4)];
	// 2月29日 a year on is 2月28日: never later than a year.
	return rest === '-02-29' ? `${y + years}-02-28` : `${y + years}${rest}`;
}
