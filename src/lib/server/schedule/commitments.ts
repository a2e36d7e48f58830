/**
 * An expert cannot be in two places, whatever takes them there. A commitment is anything that
 * occupies an expert for an hour: a sitting as the schedule expands it (after cancellations, moves and
 * substitutions — the substitute is occupied, the expert on leave or replaced is not), a lecture they
 * give, a free clinic they staff, and a volunteer shift their own user account holds. Every place that
 * plans an expert (rotation preview, roster import, one-sitting changes, leave cover, event save, the
 * planning grid) asks this one module, so they all agree on what a clash is.
 *
 * Whether a clash blocks or only warns is decided by each caller, where the reason lives.
 */
import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import type { CalendarDate } from '../../calendar-date';
import { formatDay, formatTimeRange } from '../../format/dates';
import type { DbOrTx } from '../db/client';
import { eventExperts, events, experts, memberships, sites, volunteerRoles, volunteerShifts } from '../db/schema';
import type { Sitting } from './expand';
import { listSittings, type SittingView } from './sittings';
import { dm } from '../../i18n/domain';

export type CommitmentKind = 'sitting' | 'lecture' | 'clinic' | 'volunteer';
export const ALL_KINDS: readonly CommitmentKind[] = ['sitting', 'lecture', 'clinic', 'volunteer'];

export interface Commitment {
	kind: CommitmentKind;
	/** The sitting's id, or the event's (a volunteer shift's too): one occurrence never clashes with itself. */
	ref: string;
	expertId: string;
	expertName: string;
	date: CalendarDate;
	startTime: string;
	endTime: string;
	/** What and where, e.g. 在新桥社区卫生服务中心主讲讲座“高血压的家庭自我管理”. */
	what: string;
}

export interface CommitmentClash {
	expertId: string;
	date: CalendarDate;
	/** The commitment being planned. */
	planned: Commitment;
	/** The one it runs into. */
	other: Commitment;
	message: string;
}

/** A sitting against a sitting is the schedule's own double booking; every other pair crosses kinds. */
export const isCrossKind = (c: CommitmentClash) => c.planned.kind !== 'sitting' || c.other.kind !== 'sitting';

/** Touching ends (12:00–14:00 then 14:00–16:00) are not a clash: the expert goes from one to the next. */
const overlaps = (a: Commitment, b: Commitment) => a.date === b.date && a.startTime < b.endTime && b.startTime < a.endTime;

const sittingWhat = (siteName: string, substituted: boolean) => dm.schedule.commitments.sittingWhat(siteName, substituted ? dm.schedule.commitments.substituting : dm.schedule.commitments.sitting);

/** A sitting that will take place, as a commitment of whoever actually sits; null when it will not. */
export function sittingCommitment(s: Sitting, names: { expert: string; site: string }): Commitment | null {
	if (s.status !== 'scheduled') return null;
	return {
		kind: 'sitting',
		ref: s.id,
		expertId: s.expertId,
		expertName: names.expert,
		date: s.date,
		startTime: s.startTime,
		endTime: s.endTime,
		what: sittingWhat(names.site, s.substituted)
	};
}

export const sittingViewCommitment = (s: SittingView) => sittingCommitment(s, { expert: s.expert.name, site: s.site.name });

export interface EventPeople {
	id: string;
	kind: 'free_clinic' | 'lecture';
	title: string;
	date: CalendarDate;
	startTime: string;
	endTime: string;
	siteName: string;
	speakerExpertId: string | null;
	expertIds: readonly string[];
}

const lectureWhat = (site: string, title: string) => dm.schedule.commitments.lectureWhat(site, title);
const staffWhat = (kind: 'free_clinic' | 'lecture', site: string, title: string) =>
	kind === 'free_clinic' ? dm.schedule.commitments.freeClinicWhat(site, title) : dm.schedule.commitments.attendLectureWhat(site, title);
const volunteerWhat = (site: string, title: string, role: string) => dm.schedule.commitments.volunteerWhat(site, title, role);

/** What an event asks of its speaker and its staff, for checking an event before it is saved. */
export function eventCommitments(event: EventPeople, expertNames: ReadonlyMap<string, string>): Commitment[] {
	const base = { ref: event.id, date: event.date, startTime: event.startTime, endTime: event.endTime };
	const name = (id: string) => expertNames.get(id) ?? dm.schedule.labels.thisExpert;
	const result: Commitment[] = [];
	if (event.speakerExpertId) {
		result.push({ ...base, kind: 'lecture', expertId: event.speakerExpertId, expertName: name(event.speakerExpertId), what: lectureWhat(event.siteName, event.title) });
	}
	for (const expertId of new Set(event.expertIds)) {
		if (expertId === event.speakerExpertId) continue;
		result.push({ ...base, kind: 'clinic', expertId, expertName: name(expertId), what: staffWhat(event.kind, event.siteName, event.title) });
	}
	return result;
}

/**
 * Everything that occupies these experts between `from` and `to` (inclusive), of the kinds asked for.
 * Cancelled events and sittings that will not take place occupy nobody.
 */
export async function loadCommitments(
	db: DbOrTx,
	filter: { expertIds: readonly string[]; from: CalendarDate; to: CalendarDate; kinds?: readonly CommitmentKind[] }
): Promise<Commitment[]> {
	const ids = [...new Set(filter.expertIds)];
	if (ids.length === 0 || filter.from > filter.to) return [];
	const kinds = new Set(filter.kinds ?? ALL_KINDS);
	const nameRows = await db.select({ id: experts.id, name: experts.name }).from(experts).where(inArray(experts.id, ids));
	const nameOf = new Map(nameRows.map((r) => [r.id, r.name]));
	const name = (id: string) => nameOf.get(id) ?? dm.schedule.labels.thisExpert;
	const inRange = and(eq(events.status, 'scheduled'), gte(events.date, filter.from), lte(events.date, filter.to));
	const eventColumns = { id: events.id, kind: events.kind, title: events.title, date: events.date, startTime: events.startTime, endTime: events.endTime, site: sites.name };
	const result: Commitment[] = [];

	if (kinds.has('sitting')) {
		for (const expertId of ids) {
			const { sittings } = await listSittings(db, { from: filter.from, to: filter.to, expertId });
			// listSittings also returns the sittings this expert is rostered for but someone else covers.
			for (const s of sittings) {
				const c = s.expertId === expertId ? sittingViewCommitment(s) : null;
				if (c) result.push(c);
			}
		}
	}
	if (kinds.has('lecture')) {
		const rows = await db
			.select({ ...eventColumns, expertId: events.speakerExpertId })
			.from(events)
			.innerJoin(sites, eq(sites.id, events.siteId))
			.where(and(inRange, inArray(events.speakerExpertId, ids)));
		for (const r of rows) {
			result.push({ kind: 'lecture', ref: r.id, expertId: r.expertId!, expertName: name(r.expertId!), date: r.date, startTime: r.startTime, endTime: r.endTime, what: lectureWhat(r.site, r.title) });
		}
	}
	if (kinds.has('clinic')) {
		const rows = await db
			.select({ ...eventColumns, expertId: eventExperts.expertId })
			.from(eventExperts)
			.innerJoin(events, eq(events.id, eventExperts.eventId))
			.innerJoin(sites, eq(sites.id, events.siteId))
			.where(and(inRange, inArray(eventExperts.expertId, ids)));
		for (const r of rows) {
			result.push({ kind: 'clinic', ref: r.id, expertId: r.expertId, expertName: name(r.expertId), date: r.date, startTime: r.startTime, endTime: r.endTime, what: staffWhat(r.kind, r.site, r.title) });
		}
	}
	if (kinds.has('volunteer')) {
		// An expert volunteers through the user account that is that expert (an expert membership).
		const rows = await db
			.select({ ...eventColumns, expertId: memberships.expertId, role: volunteerRoles.name })
			.from(memberships)
			.innerJoin(volunteerShifts, eq(volunteerShifts.userId, memberships.userId))
			.innerJoin(volunteerRoles, eq(volunteerRoles.id, volunteerShifts.roleId))
			.innerJoin(events, eq(events.id, volunteerRoles.eventId))
			.innerJoin(sites, eq(sites.id, events.siteId))
			.where(and(eq(memberships.role, 'expert'), inArray(memberships.expertId, ids), inRange));
		for (const r of rows) {
			result.push({ kind: 'volunteer', ref: r.id, expertId: r.expertId!, expertName: name(r.expertId!), date: r.date, startTime: r.startTime, endTime: r.endTime, what: volunteerWhat(r.site, r.title, r.role) });
		}
	}
	return result;
}

const when = (c: Commitment) => `${formatDay(c.date)} ${formatTimeRange(c.startTime, c.endTime)}`;

/** 陈志明 时间冲突：12月16日 周三 14:00–17:00 在小龙坎…坐诊，与 12月16日 周三 14:30–16:00 在新桥…主讲讲座“…”重叠 */
export function clashMessage(planned: Commitment, other: Commitment): string {
	return dm.schedule.commitments.clash(planned.expertName, when(planned), planned.what, when(other), other.what);
}

/**
 * Each planned commitment against everything else the same expert has, in date order. A pair is
 * reported once; an occurrence is never compared with itself (a moved sitting with where it was, an
 * edited event with its stored version).
 */
export function findCommitmentClashes(planned: readonly Commitment[], existing: readonly Commitment[]): CommitmentClash[] {
	const byExpertDay = new Map<string, Commitment[]>();
	for (const c of existing) {
		const key = `${c.expertId}|${c.date}`;
		const list = byExpertDay.get(key);
		if (list) list.push(c);
		else byExpertDay.set(key, [c]);
	}
	const seen = new Set<string>();
	const clashes: CommitmentClash[] = [];
	for (const p of planned) {
		for (const o of byExpertDay.get(`${p.expertId}|${p.date}`) ?? []) {
			if (o.ref === p.ref || !overlaps(p, o)) continue;
			const pair = [`${p.kind}:${p.ref}`, `${o.kind}:${o.ref}`].sort().join('|') + `|${p.expertId}`;
			if (seen.has(pair)) continue;
			seen.add(pair);
			clashes.push({ expertId: p.expertId, date: p.date, planned: p, other: o, message: clashMessage(p, o) });
		}
	}
	return clashes.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.planned.startTime < b.planned.startTime ? -1 : 1));
}

/**
 * What the planned commitments run into, loaded for their experts and dates. `crossKindOnly` leaves
 * sitting against sitting to `findConflicts`, which already checks it with the schedule's own rules.
 */
export async function clashesOf(db: DbOrTx, planned: readonly Commitment[], options: { crossKindOnly?: boolean } = {}): Promise<CommitmentClash[]> {
	if (planned.length === 0) return [];
	const from = planned.map((c) => c.date).reduce((a, b) => (a < b ? a : b));
	const to = planned.map((c) => c.date).reduce((a, b) => (a > b ? a : b));
	const onlySittings = planned.every((c) => c.kind === 'sitting');
	// Sittings need the schedule expanded per expert: skip that when no pair with a sitting can count.
	const kinds = options.crossKindOnly && onlySittings ? ALL_KINDS.filter((k) => k !== 'sitting') : ALL_KINDS;
	const existing = await loadCommitments(db, { expertIds: planned.map((c) => c.expertId), from, to, kinds });
	const clashes = findCommitmentClashes(planned, [...existing, ...planned]);
	return options.crossKindOnly ? clashes.filter(isCrossKind) : clashes;
}
