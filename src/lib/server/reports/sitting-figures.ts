/**
 * 坐诊（已开展）, 停诊 and 诊疗人次 for the outreach report (see outreach.ts for what each counts).
 */
import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { addDays, type CalendarDate } from '../../calendar-date';
import type { DbOrTx } from '../db/client';
import { rotations, sittingVisits } from '../db/schema';
import { expandSittings } from '../schedule/sittings';
import { sittingIdSql } from '../schedule/sitting-id-sql';
import { currentGeneration } from '../schedule/view-cache';
import { NO_DEPARTMENT, NO_SITE, type Tally } from './tally';

interface SittingTally {
	/** Sittings delivered and cancelled by month, site name and department name. */
	groups: { month: string; site: string; department: string; delivered: number; cancelled: number }[];
	/** Each delivered sitting's id → its index in `groups`, to place the patients seen. */
	delivered: Map<string, number>;
}

/**
 * Per database handle, the last few sitting tallies with the schedule generation they were made at.
 * Expanding a district's year of rotations is most of the report's time (some 100,000 sittings);
 * every write that could change a sitting bumps the generation (triggers), so a tally made at the
 * current generation is what listSittings would give now. Patients seen are not cached: recording
 * them does not bump the generation.
 */
const sittingTallies = new WeakMap<DbOrTx, Map<string, { generation: number; tally: SittingTally }>>();
const SITTING_TALLIES_KEPT = 8;

async function sittingTally(
	db: DbOrTx,
	organizationId: string,
	siteName: ReadonlyMap<string, string>,
	departmentName: ReadonlyMap<string, string>,
	from: CalendarDate,
	to: CalendarDate,
	today: CalendarDate
): Promise<SittingTally> {
	const generation = await currentGeneration(db);
	let cache = sittingTallies.get(db);
	if (!cache) sittingTallies.set(db, (cache = new Map()));
	// The subtree's sites come from organizations and sites, both under the generation too.
	const key = `${organizationId}|${from}|${to}|${today}`;
	const hit = cache.get(key);
	if (hit && hit.generation === generation) return hit.tally;

	const { sittings } = await expandSittings(db, { from, to, siteIds: [...siteName.keys()] });
	const tally: SittingTally = { groups: [], delivered: new Map() };
	const groupIndex = new Map<string, number>();
	for (const s of sittings) {
		const past = s.date <= today;
		const cancelled = s.status === 'cancelled' || (s.status === 'needs_cover' && past);
		const done = s.status === 'scheduled' && past;
		if (!cancelled && !done) continue;
		const month = s.date.slice(0, 7);
		const site = siteName.get(s.siteId) ?? NO_SITE;
		const department = departmentName.get(s.departmentId) ?? NO_DEPARTMENT;
		const groupKey = `${month}|${site}|${department}`;
		let k = groupIndex.get(groupKey);
		if (k === undefined) {
			groupIndex.set(groupKey, (k = tally.groups.length));
			tally.groups.push({ month, site, department, delivered: 0, cancelled: 0 });
		}
		if (done) {
			tally.groups[k]!.delivered++;
			tally.delivered.set(s.id, k);
		} else tally.groups[k]!.cancelled++;
	}
	cache.delete(key);
	cache.set(key, { generation, tally });
	if (cache.size > SITTING_TALLIES_KEPT) cache.delete(cache.keys().next().value!);
	return tally;
}

/**
 * Adds the subtree's sittings delivered and cancelled, and the patients seen at those delivered, to
 * the tallies `boxesOf` names for each group (its month, site label and department name).
 */
export async function tallySittings(
	db: DbOrTx,
	organizationId: string,
	siteName: ReadonlyMap<string, string>,
	departmentName: ReadonlyMap<string, string>,
	range: { from: CalendarDate; to: CalendarDate; today: CalendarDate },
	boxesOf: (group: { month: string; site: string; department: string }) => Tally[]
): Promise<void> {
	const { from, to, today } = range;
	const sittingGroups = await sittingTally(db, organizationId, siteName, departmentName, from, to, today);
	const tallies = sittingGroups.groups.map(boxesOf);
	sittingGroups.groups.forEach((g, k) => {
		for (const t of tallies[k]!) {
			t.sittingsDelivered += g.delivered;
			t.sittingsCancelled += g.cancelled;
		}
	});
	const delivered = sittingGroups.delivered;
	if (!delivered.size) return;
	// Visits are keyed by the occurrence's original date, which may lie outside the range when the
	// sitting was moved into it: read by rotation and match on the sitting id.
	// Read as one JSON array rather than one row each: a district year is some 90,000 visits, and
	// the driver's cost per row (not SQLite's) was about a second of the report (bench:reports).
	const siteIds = [...siteName.keys()];
	const [packed] = await db
		.select({
			visits: sql<string>`coalesce(json_group_array(json_array(${sittingIdSql(sittingVisits.rotationId, sittingVisits.originalDate)}, ${sittingVisits.patientsSeen})), '[]')`
		})
		.from(sittingVisits)
		.innerJoin(rotations, eq(rotations.id, sittingVisits.rotationId))
		.where(and(inArray(rotations.siteId, siteIds), gte(sittingVisits.originalDate, addDays(from, -62)), lte(sittingVisits.originalDate, addDays(to, 62))));
	for (const [sittingId, patientsSeen] of JSON.parse(packed?.visits ?? '[]') as [string, number][]) {
		const group = delivered.get(sittingId);
		if (group === undefined) continue;
		for (const t of tallies[group]!) t.patientsSeen += patientsSeen;
	}
}
