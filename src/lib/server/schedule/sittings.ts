/**
 * Reads rotations, overrides, leave, holidays and swapped-day rosters from the database and expands
 * them into the sittings pages show. The rules live in expand.ts; this file only gathers their inputs.
 */
import { and, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { addDays, type CalendarDate } from '../../calendar-date';
import type { DbOrTx } from '../db/client';
import { inList } from '../db/in-list';
import { selectJsonRows } from '../db/json-rows';
import { byPinyin } from '../../format/pinyin-order';
import {
	departments,
	expertLeaves,
	experts,
	holidayDays,
	holidayYears,
	organizations,
	rotations,
	sites,
	sittingOverrides,
	swapDayRosters
} from '../db/schema';
import { expandRotation, MAX_MOVE_DAYS, type LeaveRange, type OccurrenceOverride, type RotationRule, type Sitting } from './expand';
import { buildHolidayCalendar, chineseDaysData, unknownHolidayYears, type HolidayCalendar } from './holidays';

export async function loadHolidayCalendar(db: DbOrTx): Promise<HolidayCalendar> {
	const [days, years] = await Promise.all([
		db.select({ date: holidayDays.date, kind: holidayDays.kind, name: holidayDays.name }).from(holidayDays),
		db.select({ year: holidayYears.year }).from(holidayYears)
	]);
	return buildHolidayCalendar(
		chineseDaysData(),
		days,
		years.map((y) => y.year)
	);
}

/**
 * Which weekday's roster a site follows on a swapped working day: the date-specific choice of its
 * organization or the nearest ancestor that made one, else the nearest default, else none.
 */
export async function loadSwapDayResolver(
	db: DbOrTx
): Promise<(siteId: string, date: CalendarDate) => number | null> {
	const [orgs, choices, siteOrgs] = await Promise.all([
		db
			.select({ id: organizations.id, parentId: organizations.parentId, weekday: organizations.swapDayFollowsWeekday })
			.from(organizations),
		db.select().from(swapDayRosters),
		db.select({ id: sites.id, organizationId: sites.organizationId }).from(sites)
	]);
	const orgById = new Map(orgs.map((o) => [o.id, o]));
	const choiceByKey = new Map(choices.map((c) => [`${c.organizationId}|${c.date}`, c.followsWeekday]));
	const orgOfSite = new Map(siteOrgs.map((s) => [s.id, s.organizationId]));
	return (siteId, date) => {
		let fallback: number | null = null;
		for (let org = orgById.get(orgOfSite.get(siteId) ?? ''); org; org = org.parentId ? orgById.get(org.parentId) : undefined) {
			const chosen = choiceByKey.get(`${org.id}|${date}`);
			if (chosen !== undefined) return chosen;
			fallback ??= org.weekday;
		}
		return fallback;
	};
}

const noSwapDays = () => null;

function hasSwappedWorkday(holidays: HolidayCalendar, from: CalendarDate, to: CalendarDate): boolean {
	for (let date = from; date <= to; date = addDays(date, 1)) if (holidays.day(date).kind === 'workday') return true;
	return false;
}

export interface SittingFilter {
	from: CalendarDate;
	to: CalendarDate;
	siteIds?: string[];
	/** Sittings this expert is rostered for or covers as a substitute. */
	expertId?: string;
	/** The same for several experts at once (the coverage targets of a district's experts). */
	expertIds?: string[];
	departmentId?: string;
}

export interface SittingView extends Sitting {
	/** Who sits, with their own department: a substitute's may differ from the sitting's. */
	expert: { id: string; name: string; title: string; departmentName: string };
	rosteredExpert: { id: string; name: string; title: string; departmentName: string };
	site: { id: string; name: string; timeZone: string };
	department: { id: string; name: string };
}

export interface SittingsResult {
	sittings: SittingView[];
	/** Years in the range with no holiday data: pages show a warning instead of guessing. */
	unknownHolidayYears: number[];
}

/** What expanding a rotation reads of it: a department's rotations across a district are hundreds of rows. */
const RULE_FIELDS = {
	id: rotations.id,
	expertId: rotations.expertId,
	siteId: rotations.siteId,
	departmentId: rotations.departmentId,
	rrule: rotations.rrule,
	startTime: rotations.startTime,
	endTime: rotations.endTime,
	validFrom: rotations.validFrom,
	validUntil: rotations.validUntil,
	quota: rotations.quota,
	holidayPolicy: rotations.holidayPolicy,
	countSwapDays: rotations.countSwapDays
};

/** Every sitting matching the filter, sorted by date, time and site. */
export async function listSittings(db: DbOrTx, filter: SittingFilter): Promise<SittingsResult> {
	const { sittings, unknownHolidayYears } = await expandSittings(db, filter);
	return { sittings: await attachNames(db, sittings), unknownHolidayYears };
}

/**
 * The same sittings as listSittings, unsorted and without names: for a caller that only counts them
 * (the outreach report over a district year), naming and sorting 100,000 sittings was half the cost.
 */
export async function expandSittings(db: DbOrTx, filter: SittingFilter): Promise<{ sittings: Sitting[]; unknownHolidayYears: number[] }> {
	const scanFrom = addDays(filter.from, -MAX_MOVE_DAYS);
	const scanTo = addDays(filter.to, MAX_MOVE_DAYS);
	// A sitting moved into the range may have been moved from anywhere in the scan, either way.
	const overrideScanned = and(gte(sittingOverrides.originalDate, scanFrom), lte(sittingOverrides.originalDate, scanTo));
	const conditions: (SQL | undefined)[] = [
		eq(rotations.active, true),
		lte(rotations.validFrom, scanTo),
		or(isNull(rotations.validUntil), gte(rotations.validUntil, scanFrom))
	];
	if (filter.siteIds) {
		if (filter.siteIds.length === 0) return { sittings: [], unknownHolidayYears: [] };
		conditions.push(inList(rotations.siteId, filter.siteIds));
	}
	if (filter.departmentId) conditions.push(eq(rotations.departmentId, filter.departmentId));
	const byExperts = filter.expertIds ?? (filter.expertId ? [filter.expertId] : null);
	if (byExperts) {
		if (byExperts.length === 0) return { sittings: [], unknownHolidayYears: [] };
		const covering = db
			.select({ id: sittingOverrides.rotationId })
			.from(sittingOverrides)
			.where(and(inList(sittingOverrides.substituteExpertId, byExperts), overrideScanned));
		conditions.push(or(inList(rotations.expertId, byExperts), inArray(rotations.id, covering)));
	}

	const [rows, holidays] = await Promise.all([selectJsonRows(db, RULE_FIELDS, rotations, and(...conditions)), loadHolidayCalendar(db)]);
	// Most weeks have no swapped working day: then the organization tree is not needed at all.
	const swapDayWeekday = hasSwappedWorkday(holidays, scanFrom, scanTo) ? await loadSwapDayResolver(db) : noSwapDays;
	const unknownYears = unknownHolidayYears(holidays, filter.from, filter.to);
	if (rows.length === 0) return { sittings: [], unknownHolidayYears: unknownYears };

	const rotationIds = rows.map((r) => r.id);
	const overrideRows = await db
		.select()
		.from(sittingOverrides)
		.where(and(inList(sittingOverrides.rotationId, rotationIds), overrideScanned));
	const overridesByRotation = new Map<string, Map<CalendarDate, OccurrenceOverride>>();
	for (const o of overrideRows) {
		let map = overridesByRotation.get(o.rotationId);
		if (!map) overridesByRotation.set(o.rotationId, (map = new Map()));
		map.set(o.originalDate, o);
	}
	const expertIds = new Set<string>(rows.map((r) => r.expertId));
	for (const o of overrideRows) if (o.substituteExpertId) expertIds.add(o.substituteExpertId);
	const leaves: LeaveRange[] = await db
		.select({
			expertId: expertLeaves.expertId,
			startDate: expertLeaves.startDate,
			endDate: expertLeaves.endDate,
			reason: expertLeaves.reason
		})
		.from(expertLeaves)
		.where(
			and(
				inList(expertLeaves.expertId, [...expertIds]),
				// A request still waiting for an organizer does not yet take the expert away.
				eq(expertLeaves.status, 'approved'),
				lte(expertLeaves.startDate, filter.to),
				gte(expertLeaves.endDate, filter.from)
			)
		);
	const leavesByExpert = groupLeaves(leaves);

	const expanded: Sitting[] = [];
	const wanted = byExperts ? new Set(byExperts) : null;
	const noOverrides = new Map<CalendarDate, OccurrenceOverride>();
	for (const row of rows) {
		const overrides = overridesByRotation.get(row.id) ?? noOverrides;
		const relevantLeaves = [row.expertId, ...[...overrides.values()].map((o) => o.substituteExpertId)]
			.flatMap((id) => (id ? (leavesByExpert.get(id) ?? []) : []));
		for (const sitting of expandRotation(row, filter.from, filter.to, {
			holidays,
			swapDayWeekday,
			overrides,
			leaves: relevantLeaves
		})) {
			if (wanted && !wanted.has(sitting.expertId) && !wanted.has(sitting.rosteredExpertId)) continue;
			expanded.push(sitting);
		}
	}
	return { sittings: expanded, unknownHolidayYears: unknownYears };
}

function groupLeaves(leaves: LeaveRange[]): Map<string, LeaveRange[]> {
	const map = new Map<string, LeaveRange[]>();
	for (const l of leaves) {
		const list = map.get(l.expertId);
		if (list) list.push(l);
		else map.set(l.expertId, [l]);
	}
	return map;
}


/**
 * Each name's place in pinyin order, names the collator holds equal sharing a place: comparing two
 * numbers is what lets a district year's 100,000 sittings sort in a few milliseconds, where calling
 * the collator for every comparison took most of a second.
 */
export function pinyinRanks(names: Iterable<string>): Map<string, number> {
	const sorted = [...new Set(names)].sort(byPinyin.compare);
	const ranks = new Map<string, number>();
	let rank = 0;
	sorted.forEach((name, i) => {
		if (i > 0 && byPinyin.compare(sorted[i - 1]!, name) !== 0) rank = i;
		ranks.set(name, rank);
	});
	return ranks;
}

/** Dates and HH:MM times are fixed-width ASCII, so plain comparison is their order. */
const compareAscii = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function attachNames(db: DbOrTx, list: Sitting[]): Promise<SittingView[]> {
	if (list.length === 0) return [];
	const expertIds = [...new Set(list.flatMap((s) => [s.expertId, s.rosteredExpertId]))];
	const siteIds = [...new Set(list.map((s) => s.siteId))];
	const departmentIds = [...new Set(list.map((s) => s.departmentId))];
	const [expertRows, siteRows, departmentRows] = await Promise.all([
		selectJsonRows(
			db,
			{ id: experts.id, name: experts.name, title: experts.title, departmentName: departments.name },
			sql`${experts} inner join ${departments} on ${eq(departments.id, experts.departmentId)}`,
			inList(experts.id, expertIds)
		),
		selectJsonRows(db, { id: sites.id, name: sites.name, timeZone: sites.timeZone }, sites, inList(sites.id, siteIds)),
		db
			.select({ id: departments.id, name: departments.name })
			.from(departments)
			.where(inArray(departments.id, departmentIds))
	]);
	const expertById = new Map(expertRows.map((e) => [e.id, e]));
	const siteById = new Map(siteRows.map((s) => [s.id, s]));
	const departmentById = new Map(departmentRows.map((d) => [d.id, d]));
	const siteRank = pinyinRanks(siteRows.map((r) => r.name));
	const expertRank = pinyinRanks(expertRows.map((r) => r.name));
	// The order's keys are worked out once per sitting, not once per comparison: a department's week
	// across a district is several hundred sittings, most of them at the same day and hour.
	const keyed = list.map((s) => {
		const view = {
			...s,
			expert: expertById.get(s.expertId)!,
			rosteredExpert: expertById.get(s.rosteredExpertId)!,
			site: siteById.get(s.siteId)!,
			department: departmentById.get(s.departmentId)!
		};
		return { view, when: `${s.date} ${s.startTime}`, site: siteRank.get(view.site.name)!, expert: expertRank.get(view.expert.name)! };
	});
	keyed.sort((a, b) => compareAscii(a.when, b.when) || a.site - b.site || a.expert - b.expert);
	return keyed.map((k) => k.view);
}
