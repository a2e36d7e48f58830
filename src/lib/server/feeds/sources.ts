/**
 * Which sittings and events each feed holds. Sittings come from the schedule engine's listSittings —
 * the same expansion the web pages show — so holidays, swapped working days, overrides, leave and
 * substitutions appear in a calendar exactly as on the page. Each source returns plain items; the
 * ledger and the renderer do the rest.
 *
 * Expanded instances, not RRULE + EXDATE + RECURRENCE-ID: a rotation's dates depend on holiday data,
 * swapped working days chosen per organization, leave and moves of up to two weeks, none of which an
 * RRULE can say; and Google, Outlook and Apple each mishandle some exception shapes. One VEVENT per
 * sitting is what every client shows the same way; the window keeps the feed small.
 */
import { and, asc, eq, gte, inArray, lte, or, type SQL } from 'drizzle-orm';
import { addDays, type CalendarDate } from '../../calendar-date';
import type { DbOrTx } from '../db/client';
import { departments, eventDepartments, eventExperts, events, experts, organizations, registrations, rotations, sites } from '../db/schema';
import { loadOrgTree } from '../auth/scope';
import { findExpertProfile } from '../experts/experts';
import { listSittings, type SittingFilter } from '../schedule/sittings';
import { m } from '../../i18n';
import { eventItem, feedEventOf, sittingItem, type EventPerspective, type FeedItem, type FeedPlace, type SittingPerspective } from './items';
import { parseSittingId } from '../../sitting-id';
import { DISTRICT_TIME_ZONE } from '../../time-zone';

export interface FeedWindow {
	from: CalendarDate;
	to: CalendarDate;
}

export interface FeedConfig {
	daysBack: number;
	daysAhead: number;
}

/** FEED_DAYS_BACK / FEED_DAYS_AHEAD, defaulting to 30 days back and six months ahead. */
export function feedConfigFromEnv(env: Record<string, string | undefined> = process.env): FeedConfig {
	const days = (value: string | undefined, fallback: number, max: number) => {
		const n = Number(value);
		return value && Number.isInteger(n) && n >= 0 && n <= max ? n : fallback;
	};
	return { daysBack: days(env.FEED_DAYS_BACK, 30, 366), daysAhead: days(env.FEED_DAYS_AHEAD, 183, 731) };
}

export function feedWindow(today: CalendarDate, config: FeedConfig): FeedWindow {
	return { from: addDays(today, -config.daysBack), to: addDays(today, config.daysAhead) };
}

export interface FeedSource {
	/** Names the feed in the ledger: the subject, never a private token. */
	key: string;
	name: string;
	timeZone: string;
	items: FeedItem[];
}

const sittingPage = (origin: string, siteId: string, date: CalendarDate) => `${origin}/centers/${siteId}?week=${date}`;
const eventPage = (origin: string, eventId: string) => `${origin}/events/${eventId}`;

async function placesOf(db: DbOrTx, siteIds: string[]): Promise<Map<string, FeedPlace>> {
	if (siteIds.length === 0) return new Map();
	const rows = await db
		.select({ id: sites.id, name: sites.name, address: sites.address, timeZone: sites.timeZone })
		.from(sites)
		.where(inArray(sites.id, siteIds));
	return new Map(rows.map((r) => [r.id, { name: r.name, address: r.address, timeZone: r.timeZone }]));
}

async function sittingItems(
	db: DbOrTx,
	filter: SittingFilter,
	perspective: SittingPerspective,
	origin: string
): Promise<FeedItem[]> {
	const { sittings } = await listSittings(db, filter);
	const places = await placesOf(db, [...new Set(sittings.map((s) => s.siteId))]);
	return sittings.map((s) => {
		const place = places.get(s.siteId) ?? { name: s.site.name, address: '', timeZone: s.site.timeZone };
		return sittingItem(s, place, perspective, sittingPage(origin, s.siteId, s.date));
	});
}

async function eventRows(db: DbOrTx, where: SQL | undefined) {
	const rows = await db
		.select({ e: events, speakerName: experts.name, speakerTitle: experts.title })
		.from(events)
		.leftJoin(experts, eq(experts.id, events.speakerExpertId))
		.where(where)
		.orderBy(asc(events.date), asc(events.startTime));
	return rows.map(({ e, speakerName, speakerTitle }) => ({
		siteId: e.siteId,
		event: feedEventOf(e, speakerName && speakerTitle ? { name: speakerName, title: speakerTitle } : null)
	}));
}

async function eventItems(
	db: DbOrTx,
	window: FeedWindow,
	where: SQL | undefined,
	origin: string,
	perspectiveOf: (eventId: string) => EventPerspective = () => ({ kind: 'public' })
): Promise<FeedItem[]> {
	const rows = await eventRows(db, and(gte(events.date, window.from), lte(events.date, window.to), where));
	const places = await placesOf(db, [...new Set(rows.map((r) => r.siteId))]);
	return rows.flatMap(({ siteId, event }) => {
		const place = places.get(siteId);
		return place ? [eventItem(event, place, perspectiveOf(event.id), eventPage(origin, event.id))] : [];
	});
}

function byStart(a: FeedItem, b: FeedItem): number {
	return a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime) || a.uid.localeCompare(b.uid);
}

/** A center's sittings and its events (public). */
export async function siteFeed(db: DbOrTx, siteId: string, window: FeedWindow, origin: string): Promise<FeedSource | null> {
	const site = await db.select({ name: sites.name, timeZone: sites.timeZone, active: sites.active }).from(sites).where(eq(sites.id, siteId)).get();
	if (!site || !site.active) return null;
	const [sittings, evts] = await Promise.all([
		sittingItems(db, { ...window, siteIds: [siteId] }, { kind: 'site' }, origin),
		eventItems(db, window, eq(events.siteId, siteId), origin)
	]);
	return { key: `site:${siteId}`, name: m.feed.siteCalendar(site.name), timeZone: site.timeZone, items: [...sittings, ...evts].sort(byStart) };
}

/** Everything at the sites of an organization and the organizations below it (public). */
export async function organizationFeed(db: DbOrTx, orgId: string, window: FeedWindow, origin: string): Promise<FeedSource | null> {
	const org = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, orgId)).get();
	if (!org) return null;
	const subtree = [...(await loadOrgTree(db)).subtreeOf(orgId)];
	const siteRows = await db
		.select({ id: sites.id })
		.from(sites)
		.where(and(inArray(sites.organizationId, subtree), eq(sites.active, true)));
	const siteIds = siteRows.map((s) => s.id);
	const [sittings, evts] = await Promise.all([
		sittingItems(db, { ...window, siteIds }, { kind: 'organization' }, origin),
		eventItems(db, window, or(inArray(events.organizationId, subtree), siteIds.length ? inArray(events.siteId, siteIds) : undefined), origin)
	]);
	return { key: `organization:${orgId}`, name: m.feed.organizationCalendar(org.name), timeZone: DISTRICT_TIME_ZONE, items: [...sittings, ...evts].sort(byStart) };
}

/** An expert's own sittings (as rostered or as substitute) and the events they speak or serve at. */
export async function expertFeed(db: DbOrTx, expertId: string, window: FeedWindow, origin: string): Promise<FeedSource | null> {
	const expert = await db.select({ name: experts.name }).from(experts).where(eq(experts.id, expertId)).get();
	if (!expert) return null;
	const serving = db.select({ id: eventExperts.eventId }).from(eventExperts).where(eq(eventExperts.expertId, expertId));
	const [sittings, evts] = await Promise.all([
		sittingItems(db, { ...window, expertId }, { kind: 'expert', expertId }, origin),
		eventItems(db, window, or(eq(events.speakerExpertId, expertId), inArray(events.id, serving)), origin)
	]);
	return { key: `expert:${expertId}`, name: m.feed.expertCalendar(expert.name), timeZone: DISTRICT_TIME_ZONE, items: [...sittings, ...evts].sort(byStart) };
}

/**
 * What an expert's public page shows, for residents who follow their doctor: the sittings the expert
 * is rostered for or covers, nothing of their own feed's events, no leave reason. Null for an unknown
 * or deactivated expert, as the page is a 404 for them.
 */
export async function expertPublicFeed(db: DbOrTx, expertId: string, window: FeedWindow, origin: string): Promise<FeedSource | null> {
	const expert = await findExpertProfile(db, expertId);
	if (!expert) return null;
	const items = await sittingItems(db, { ...window, expertId }, { kind: 'follower', expertId }, origin);
	// Its own ledger key: the private feed names the same sittings differently.
	return { key: `expert-public:${expertId}`, name: m.feed.expertPublicCalendar(expert.name, expert.title), timeZone: DISTRICT_TIME_ZONE, items };
}

export interface EventFilter {
	kind: 'free_clinic' | 'lecture' | null;
	siteId: string | null;
	departmentId: string | null;
}

/** 义诊 · 新桥社区卫生服务中心 · 心内科: what a filter shows, or null when it names a site or department that is not there. */
export async function eventFilterLabel(db: DbOrTx, filter: EventFilter): Promise<string | null> {
	const labels: string[] = [];
	if (filter.kind) labels.push(m.events.kinds[filter.kind] ?? filter.kind);
	if (filter.siteId) {
		const site = await db.select({ name: sites.name }).from(sites).where(and(eq(sites.id, filter.siteId), eq(sites.active, true))).get();
		if (!site) return null;
		labels.push(site.name);
	}
	if (filter.departmentId) {
		const dept = await db.select({ name: departments.name }).from(departments).where(eq(departments.id, filter.departmentId)).get();
		if (!dept) return null;
		labels.push(dept.name);
	}
	return labels.join(' · ');
}

/** Free clinics and lectures, filtered by type, site and department (public). */
export async function eventsFeed(db: DbOrTx, filter: EventFilter, window: FeedWindow, origin: string): Promise<FeedSource | null> {
	const label = await eventFilterLabel(db, filter);
	if (label === null) return null;
	const where = and(
		filter.kind ? eq(events.kind, filter.kind) : undefined,
		filter.siteId ? eq(events.siteId, filter.siteId) : undefined,
		filter.departmentId
			? inArray(events.id, db.select({ id: eventDepartments.eventId }).from(eventDepartments).where(eq(eventDepartments.departmentId, filter.departmentId)))
			: undefined
	);
	const key = `events:${filter.kind ?? '*'}:${filter.siteId ?? '*'}:${filter.departmentId ?? '*'}`;
	return { key, name: m.feed.eventsCalendar(label), timeZone: DISTRICT_TIME_ZONE, items: await eventItems(db, window, where, origin) };
}

/**
 * A resident's registrations: every registration made with the same phone number as the one whose
 * manage page issued the feed (the person's own sign-ups, found the way the organizer would find
 * them). Erased registrations and walk-ins without a number stand alone.
 */
export async function residentFeed(db: DbOrTx, registrationId: string, window: FeedWindow, origin: string): Promise<FeedSource | null> {
	const own = await db
		.select({ phone: registrations.phone, erasedAt: registrations.erasedAt })
		.from(registrations)
		.where(eq(registrations.id, registrationId))
		.get();
	if (!own || own.erasedAt) return null;
	const samePerson = own.phone.startsWith('none:') ? eq(registrations.id, registrationId) : eq(registrations.phone, own.phone);
	const rows = await db
		.select({ eventId: registrations.eventId, status: registrations.status, code: registrations.checkInCode, createdAt: registrations.createdAt })
		.from(registrations)
		.innerJoin(events, eq(events.id, registrations.eventId))
		.where(and(samePerson, gte(events.date, window.from), lte(events.date, window.to)))
		.orderBy(asc(registrations.createdAt));
	// One item per event: a live registration wins over a cancelled one, the latest over older ones.
	const byEvent = new Map<string, EventPerspective & { kind: 'registration' }>();
	for (const r of rows) {
		const current = byEvent.get(r.eventId);
		if (current && current.status !== 'cancelled' && r.status === 'cancelled') continue;
		byEvent.set(r.eventId, { kind: 'registration', status: r.status, checkInCode: r.code });
	}
	const eventIds = [...byEvent.keys()];
	const items = eventIds.length
		? await eventItems(db, window, inArray(events.id, eventIds), origin, (id) => byEvent.get(id) ?? { kind: 'public' })
		: [];
	return { key: `resident:${registrationId}`, name: m.feed.residentCalendar, timeZone: DISTRICT_TIME_ZONE, items };
}

/** One sitting as a downloadable .ics; the id is `<rotation>_<original date>` as on the pages. */
export async function singleSitting(db: DbOrTx, sittingId: string, origin: string): Promise<FeedSource | null> {
	const parsed = parseSittingId(sittingId);
	if (!parsed) return null;
	const { rotationId, originalDate } = parsed;
	const rotation = await db.select({ siteId: rotations.siteId }).from(rotations).where(eq(rotations.id, rotationId)).get();
	if (!rotation) return null;
	// A moved sitting can be up to two weeks from its original date.
	const window = { from: addDays(originalDate, -14), to: addDays(originalDate, 14) };
	const items = (await sittingItems(db, { ...window, siteIds: [rotation.siteId] }, { kind: 'organization' }, origin)).filter(
		(item) => item.uid === `${sittingId}@sitting.yizhen`
	);
	if (items.length === 0) return null;
	return { key: `sitting:${sittingId}`, name: items[0]!.summary, timeZone: items[0]!.timeZone, items };
}

/** One event as a downloadable .ics. */
export async function singleEvent(db: DbOrTx, eventId: string, origin: string): Promise<FeedSource | null> {
	const event = await db.select({ date: events.date }).from(events).where(eq(events.id, eventId)).get();
	if (!event) return null;
	const items = await eventItems(db, { from: event.date, to: event.date }, eq(events.id, eventId), origin);
	if (items.length === 0) return null;
	return { key: `event:${eventId}`, name: items[0]!.summary, timeZone: items[0]!.timeZone, items };
}
