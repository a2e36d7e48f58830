/** Events as residents see them: upcoming by site, type and date; one event with its seats left. */
import { and, asc, eq, gte, inArray, lte } from 'drizzle-orm';
import { addDays, type CalendarDate } from '../../calendar-date';
import { formatDay, formatSittingWhen, formatTimeRange } from '../../format/dates';
import type { DbOrTx } from '../db/client';
import { departments, eventDepartments, eventExperts, events, experts, sites } from '../db/schema';
import { mapUrl } from '../sites/sites';
import { placesTaken } from './registration';
import { dm } from '../../i18n/domain';

export const KIND_LABEL = { free_clinic: dm.events.labels.kinds.freeClinic, lecture: dm.events.labels.kinds.lectureLong } as const;

export interface EventCard {
	id: string;
	kind: keyof typeof KIND_LABEL;
	kindLabel: string;
	title: string;
	issueLabel: string | null;
	when: string;
	timeRange: string;
	date: CalendarDate;
	site: { id: string; name: string };
	cancelled: boolean;
	cancelReason: string | null;
}

export async function upcomingEvents(
	db: DbOrTx,
	filter: { today: CalendarDate; from?: CalendarDate | null; siteId?: string | null; kind?: 'free_clinic' | 'lecture' | null; days?: number }
): Promise<EventCard[]> {
	// Past events are not offered for signing up: a start before today starts today.
	const from = filter.from && filter.from > filter.today ? filter.from : filter.today;
	const rows = await db
		.select({ e: events, siteName: sites.name })
		.from(events)
		.innerJoin(sites, eq(sites.id, events.siteId))
		.where(
			and(
				gte(events.date, from),
				lte(events.date, addDays(from, filter.days ?? 60)),
				filter.siteId ? eq(events.siteId, filter.siteId) : undefined,
				filter.kind ? eq(events.kind, filter.kind) : undefined
			)
		)
		.orderBy(asc(events.date), asc(events.startTime));
	return rows.map(({ e, siteName }) => ({
		id: e.id,
		kind: e.kind,
		kindLabel: KIND_LABEL[e.kind],
		title: e.title,
		issueLabel: e.issueNumber ? dm.events.labels.issue(e.issueNumber) : null,
		when: formatSittingWhen(e.date, e.startTime),
		timeRange: formatTimeRange(e.startTime, e.endTime),
		date: e.date,
		site: { id: e.siteId, name: siteName },
		cancelled: e.status === 'cancelled',
		cancelReason: e.cancelReason
	}));
}

export async function eventDetail(db: DbOrTx, id: string, today: CalendarDate) {
	const row = await db
		.select({ e: events, site: sites })
		.from(events)
		.innerJoin(sites, eq(sites.id, events.siteId))
		.where(eq(events.id, id))
		.get();
	if (!row) return null;
	const { e, site } = row;
	const [deptRows, expertRows, taken] = await Promise.all([
		db.select({ name: departments.name }).from(eventDepartments).innerJoin(departments, eq(departments.id, eventDepartments.departmentId)).where(eq(eventDepartments.eventId, id)),
		db
			.select({ id: experts.id, name: experts.name, title: experts.title })
			.from(eventExperts)
			.innerJoin(experts, eq(experts.id, eventExperts.expertId))
			.where(eq(eventExperts.eventId, id)),
		placesTaken(db, id)
	]);
	const speaker = e.speakerExpertId
		? ((await db.select({ id: experts.id, name: experts.name, title: experts.title }).from(experts).where(inArray(experts.id, [e.speakerExpertId])).get()) ?? null)
		: null;
	const past = e.date < today;
	return {
		id: e.id,
		kind: e.kind,
		kindLabel: KIND_LABEL[e.kind],
		title: e.title,
		issueLabel: e.issueNumber ? dm.events.labels.issue(e.issueNumber) : null,
		day: formatDay(e.date),
		when: formatSittingWhen(e.date, e.startTime),
		timeRange: formatTimeRange(e.startTime, e.endTime),
		site: { id: site.id, name: site.name, address: site.address, phone: site.phone, directions: site.directions, mapUrl: mapUrl(site) },
		description: e.description,
		services: e.services,
		whatToBring: e.whatToBring,
		topic: e.topic,
		audience: e.audience,
		speaker: speaker ? `${speaker.name} ${speaker.title}` : e.speakerName,
		departments: deptRows.map((d) => d.name),
		experts: expertRows,
		capacity: e.capacity,
		seatsLeft: e.capacity === null ? null : Math.max(0, e.capacity - taken),
		cancelled: e.status === 'cancelled',
		cancelReason: e.cancelReason,
		past,
		open: e.status !== 'cancelled' && !past
	};
}
