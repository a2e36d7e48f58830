/**
 * The outreach report health commissions ask for: for an organization's subtree and
 * a date range, month by month, by site and by department.
 *
 * What each figure counts, and the choices made where the words allow more than one reading:
 * - 义诊期数 / 讲座场次: free clinics / lectures at a site of the subtree, not cancelled, dated in the
 *   range and no later than today (a scheduled event still to come has not been held). Events are placed
 *   by their site, like sittings, so a commission's clinic at a hospital's center counts for that center.
 * - 受益人次: people served at those events, counted by `countAttendance` (checked-in registrations plus
 *   walk-ins); visits, not people.
 * - 坐诊（已开展）: sittings of the subtree's sites (from `listSittings`, so moves, cover, leave and
 *   holidays are applied) with status scheduled and dated no later than today.
 * - 停诊: sittings cancelled by an organizer (any date in the range: the cancellation was announced),
 *   plus past sittings whose expert was on leave with no cover (`needs_cover` dated no later than today:
 *   nobody sat, residents found no doctor). A future `needs_cover` may still be covered and is not
 *   counted; a holiday closure is planned, not a cancellation, and is not counted either.
 * - 诊疗人次: patients recorded in sitting_visits for the sittings delivered.
 * - 志愿者 / 志愿服务时长: distinct volunteers with a shift at a held event, and the event's length per
 *   shift in hours (a shift has no times of its own: a volunteer serves the whole event).
 * - 调查人数 / 健康素养水平: submitted sheets of the subtree's surveys, dated by their submission day in
 *   China time; each respondent judged by `scoreResponse` against their own questionnaire version's
 *   threshold (the score stored at submission, surveys/scores.ts). The level across versions pools
 *   those judgements (the share of respondents who reach the threshold is how 健康素养水平 is defined); the per-version table keeps wordings apart as
 *   results.ts does.
 */
import { and, eq, gte, inArray, isNotNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import { addDays, todayIn, type CalendarDate } from '../../calendar-date';
import { countAttendance } from '../attendance/attendance';
import { assertCan, type Actor } from '../auth/policy';
import { loadOrgTree } from '../auth/scope';
import type { DbOrTx } from '../db/client';
import {
	departments,
	eventDepartments,
	events,
	organizations,
	questionnaires,
	questionnaireVersions,
	registrations,
	rotations,
	sites,
	sittingVisits,
	surveyScores,
	surveys,
	volunteerRoles,
	volunteerShifts
} from '../db/schema';
import { invalid, notFound } from '../errors';
import { expandSittings } from '../schedule/sittings';
import { currentGeneration } from '../schedule/view-cache';
import { SMALL_SAMPLE } from '../surveys/results';
import { scoreUnscoredSheets } from '../surveys/scores';
import type { ReportQuery } from './query';
import { comparePinyin } from '../../format/pinyin-order';
import { sittingIdSql } from '../schedule/sitting-id-sql';

export interface OutreachFigures {
	freeClinics: number;
	lectures: number;
	served: number;
	sittingsDelivered: number;
	sittingsCancelled: number;
	patientsSeen: number;
	volunteers: number;
	volunteerHours: number;
	respondents: number;
	literate: number;
	/** literate / respondents, 0–1; null with no respondents. */
	literacyLevel: number | null;
}

export interface MonthRow extends OutreachFigures {
	/** '2026-03' */
	month: string;
	/** '2026年3月' */
	label: string;
}

export interface GroupRow extends OutreachFigures {
	label: string;
}

export interface VersionLiteracy {
	label: string;
	respondents: number;
	literate: number;
	level: number | null;
	smallSample: boolean;
}

export interface OutreachReport {
	organization: { id: string; name: string };
	from: CalendarDate;
	to: CalendarDate;
	/** The day "held" and "delivered" are judged against. */
	today: CalendarDate;
	totals: OutreachFigures;
	byMonth: MonthRow[];
	bySite: GroupRow[];
	byDepartment: GroupRow[];
	literacyByVersion: VersionLiteracy[];
}

const NO_SITE = '未指定站点';
const NO_DEPARTMENT = '未指定科室';

/** Counts that add, and the volunteers of each group as a set (one person in two months is one in the year). */
class Tally {
	freeClinics = 0;
	lectures = 0;
	served = 0;
	sittingsDelivered = 0;
	sittingsCancelled = 0;
	patientsSeen = 0;
	/** Distinct volunteers in the group, counted in SQL. */
	volunteers = 0;
	volunteerMinutes = 0;
	respondents = 0;
	literate = 0;

	figures(): OutreachFigures {
		return {
			freeClinics: this.freeClinics,
			lectures: this.lectures,
			served: this.served,
			sittingsDelivered: this.sittingsDelivered,
			sittingsCancelled: this.sittingsCancelled,
			patientsSeen: this.patientsSeen,
			volunteers: this.volunteers,
			volunteerHours: Math.round(this.volunteerMinutes / 6) / 10,
			respondents: this.respondents,
			literate: this.literate,
			literacyLevel: this.respondents ? this.literate / this.respondents : null
		};
	}
}

class Tallies {
	private map = new Map<string, Tally>();
	get(key: string): Tally {
		let t = this.map.get(key);
		if (!t) this.map.set(key, (t = new Tally()));
		return t;
	}
	entries() {
		return this.map.entries();
	}
}

/** Every month the range touches, '2026-01' … '2026-11'. Pure. */
export function monthsOf(from: CalendarDate, to: CalendarDate): string[] {
	const months: string[] = [];
	let [y, m] = from.split('-').map(Number) as [number, number];
	const last = to.slice(0, 7);
	for (;;) {
		const key = `${y}-${String(m).padStart(2, '0')}`;
		if (key > last) break;
		months.push(key);
		if (++m > 12) {
			m = 1;
			y++;
		}
	}
	return months;
}

/**
 * Each site's row label in the by-site table: its name, and where two sites of the subtree share a
 * name (two hospitals may each run a 中心站), the name with its organization, so neither row swallows
 * the other's figures.
 */
export function siteLabels(rows: readonly { id: string; name: string; organization: string }[]): Map<string, string> {
	const named = new Map<string, number>();
	for (const r of rows) named.set(r.name, (named.get(r.name) ?? 0) + 1);
	const labels = new Map<string, string>();
	const taken = new Set<string>();
	for (const r of rows) {
		let label = named.get(r.name)! > 1 ? `${r.name}（${r.organization}）` : r.name;
		// Same name under the same organization too: the id is all that tells them apart.
		if (taken.has(label)) label = `${label} ${r.id}`;
		taken.add(label);
		labels.set(r.id, label);
	}
	return labels;
}

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
 * The report for an organization's subtree; the actor must organize it (or one of its ancestors).
 * Refuses an unknown organization as a mistake in the query (400, at the organization field) and one
 * outside the actor's reach with 403.
 */
export async function outreachReportFor(db: DbOrTx, actor: Actor, query: ReportQuery, today: CalendarDate = todayIn('Asia/Shanghai')): Promise<OutreachReport> {
	const tree = await loadOrgTree(db);
	const org = await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.id, query.organizationId)).get();
	if (!org) throw invalid('没有找到这个机构，请重新选择', 'org');
	assertCan(actor, 'report:view', { kind: 'organization', orgPath: tree.pathOf(org.id) });
	return outreachReport(db, query, today, org);
}

/** The report itself, access already checked (benchmarks and tests call it directly). */
export async function outreachReport(
	db: DbOrTx,
	query: ReportQuery,
	today: CalendarDate,
	org?: { id: string; name: string }
): Promise<OutreachReport> {
	const organization =
		org ?? (await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.id, query.organizationId)).get());
	if (!organization) throw notFound('没有找到这个机构');
	const orgIds = [...(await loadOrgTree(db)).subtreeOf(organization.id)];
	const { from, to } = query;
	// "Held" and "delivered" stop at today: a range reaching into next month counts what happened.
	const heldUntil = to < today ? to : today;

	const siteRows = await db
		.select({ id: sites.id, name: sites.name, organization: organizations.name })
		.from(sites)
		.innerJoin(organizations, eq(organizations.id, sites.organizationId))
		.where(inArray(sites.organizationId, orgIds));
	const siteIds = siteRows.map((s) => s.id);
	// The by-site table's row label for each site (the site's own name unless another has it too).
	const siteName = siteLabels(siteRows);
	const departmentName = new Map((await db.select({ id: departments.id, name: departments.name }).from(departments)).map((d) => [d.id, d.name]));

	const total = new Tally();
	const byMonth = new Tallies();
	const bySite = new Tallies();
	const byDepartment = new Tallies();
	for (const m of monthsOf(from, to)) byMonth.get(m);
	for (const label of siteName.values()) bySite.get(label);

	// ——— Events held, people served, volunteers ———
	// Counted in SQL, grouped by site and month: a district's year is over ten thousand events and a
	// hundred thousand registrations, and reading them row by row cost seconds (bench:reports). Rows are
	// read by joining on this condition rather than by a list of event ids, which cost seconds as well.
	if (siteIds.length && from <= heldUntil) {
		const heldEvent = and(inArray(events.siteId, siteIds), ne(events.status, 'cancelled'), gte(events.date, from), lte(events.date, heldUntil));
		const month = sql<string>`substr(${events.date}, 1, 7)`;
		const groupsOf = (siteId: string | null, m: string) => [total, byMonth.get(m), bySite.get((siteId && siteName.get(siteId)) ?? NO_SITE)];
		const held = await db
			.select({ siteId: events.siteId, month, kind: events.kind, n: sql<number>`count(*)` })
			.from(events)
			.where(heldEvent)
			.groupBy(events.siteId, month, events.kind);
		for (const g of held) for (const t of groupsOf(g.siteId, g.month)) g.kind === 'free_clinic' ? (t.freeClinics += g.n) : (t.lectures += g.n);

		// countAttendance's `served` is attended plus walk-ins: every registration not cancelled that
		// checked in or walked in. The others add nothing to it.
		const served = await db
			.select({ siteId: events.siteId, month, n: sql<number>`count(*)` })
			.from(registrations)
			.innerJoin(events, eq(events.id, registrations.eventId))
			.where(and(heldEvent, ne(registrations.status, 'cancelled'), or(eq(registrations.walkIn, true), isNotNull(registrations.checkedInAt))))
			.groupBy(events.siteId, month);
		for (const g of served) for (const t of groupsOf(g.siteId, g.month)) t.served += g.n;

		const clinicDepartments = await db
			.select({ departmentId: eventDepartments.departmentId, kind: events.kind, n: sql<number>`count(*)` })
			.from(eventDepartments)
			.innerJoin(events, eq(events.id, eventDepartments.eventId))
			.where(heldEvent)
			.groupBy(eventDepartments.departmentId, events.kind);
		for (const g of clinicDepartments) {
			const t = byDepartment.get(departmentName.get(g.departmentId) ?? NO_DEPARTMENT);
			g.kind === 'free_clinic' ? (t.freeClinics += g.n) : (t.lectures += g.n);
		}

		// A shift lasts its event ('HH:MM' to 'HH:MM'). Volunteers are counted distinct within each group
		// (one person in two months is one in the year), so each grouping is its own count(distinct).
		const minutes = sql<number>`coalesce(sum((substr(${events.endTime}, 1, 2) * 60 + substr(${events.endTime}, 4, 2)) - (substr(${events.startTime}, 1, 2) * 60 + substr(${events.startTime}, 4, 2))), 0)`;
		const volunteers = sql<number>`count(distinct ${volunteerShifts.userId})`;
		const byGroup = await db
			.select({ siteId: events.siteId, month, minutes })
			.from(volunteerShifts)
			.innerJoin(volunteerRoles, eq(volunteerRoles.id, volunteerShifts.roleId))
			.innerJoin(events, eq(events.id, volunteerRoles.eventId))
			.where(heldEvent)
			.groupBy(events.siteId, month);
		for (const g of byGroup) for (const t of groupsOf(g.siteId, g.month)) t.volunteerMinutes += g.minutes;
		const [everyone] = await db
			.select({ n: volunteers })
			.from(volunteerShifts)
			.innerJoin(volunteerRoles, eq(volunteerRoles.id, volunteerShifts.roleId))
			.innerJoin(events, eq(events.id, volunteerRoles.eventId))
			.where(heldEvent);
		total.volunteers = everyone?.n ?? 0;
		const perMonth = await db
			.select({ month, n: volunteers })
			.from(volunteerShifts)
			.innerJoin(volunteerRoles, eq(volunteerRoles.id, volunteerShifts.roleId))
			.innerJoin(events, eq(events.id, volunteerRoles.eventId))
			.where(heldEvent)
			.groupBy(month);
		for (const g of perMonth) byMonth.get(g.month).volunteers = g.n;
		const perSite = await db
			.select({ siteId: events.siteId, n: volunteers })
			.from(volunteerShifts)
			.innerJoin(volunteerRoles, eq(volunteerRoles.id, volunteerShifts.roleId))
			.innerJoin(events, eq(events.id, volunteerRoles.eventId))
			.where(heldEvent)
			.groupBy(events.siteId);
		for (const g of perSite) bySite.get((g.siteId && siteName.get(g.siteId)) ?? NO_SITE).volunteers = g.n;
	}

	// ——— Expert sittings and patients seen ———
	if (siteIds.length) {
		const sittingGroups = await sittingTally(db, organization.id, siteName, departmentName, from, to, today);
		const tallies = sittingGroups.groups.map((g) => [total, byMonth.get(g.month), bySite.get(g.site), byDepartment.get(g.department)]);
		sittingGroups.groups.forEach((g, k) => {
			for (const t of tallies[k]!) {
				t.sittingsDelivered += g.delivered;
				t.sittingsCancelled += g.cancelled;
			}
		});
		const delivered = sittingGroups.delivered;
		if (delivered.size) {
			// Visits are keyed by the occurrence's original date, which may lie outside the range when the
			// sitting was moved into it: read by rotation and match on the sitting id.
			// Read as one JSON array rather than one row each: a district year is some 90,000 visits, and
			// the driver's cost per row (not SQLite's) was about a second of the report (bench:reports).
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
	}

	// ——— Survey respondents and literacy ———
	const literacyByVersion = await tallySurveys(db, orgIds, from, to, (month, site, respondents, literate) => {
		const label = site ? (siteName.get(site.id) ?? site.name) : NO_SITE;
		for (const t of [total, byMonth.get(month), bySite.get(label)]) {
			t.respondents += respondents;
			t.literate += literate;
		}
	});

	return {
		organization,
		from,
		to,
		today,
		totals: total.figures(),
		byMonth: [...byMonth.entries()]
			.filter(([month]) => month >= from.slice(0, 7) && month <= to.slice(0, 7))
			.sort(([a], [b]) => a.localeCompare(b))
			.map(([month, t]) => ({ month, label: `${month.slice(0, 4)}年${Number(month.slice(5))}月`, ...t.figures() })),
		bySite: [...bySite.entries()].map(([label, t]) => ({ label, ...t.figures() })).sort((a, b) => comparePinyin(a.label, b.label)),
		byDepartment: [...byDepartment.entries()].map(([label, t]) => ({ label, ...t.figures() })).sort((a, b) => comparePinyin(a.label, b.label)),
		literacyByVersion
	};
}

/** China time: the submission instant's calendar date there. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/**
 * Submitted sheets of the subtree's 健康素养 surveys in the range (a lecture quiz's score or a satisfaction
 * survey is not a literacy level), counted from the scores stored at submission
 * (surveys/scores.ts) by version, site and month in one grouped query; `add` receives each group's
 * month, site, respondents and how many of them reach the threshold. Returns the per-version figures.
 */
async function tallySurveys(
	db: DbOrTx,
	orgIds: string[],
	from: CalendarDate,
	to: CalendarDate,
	add: (month: string, site: { id: string; name: string } | null, respondents: number, literate: number) => void
): Promise<VersionLiteracy[]> {
	await scoreUnscoredSheets(db);
	const start = new Date(Date.parse(`${from}T00:00:00+08:00`));
	const end = new Date(Date.parse(`${addDays(to, 1)}T00:00:00+08:00`));
	const sc = surveyScores;
	// Counted per survey and month over the range first, reading survey_scores straight through (the
	// unary + keeps SQLite off the survey index, whose row-by-row lookups took twice as long over a
	// district year), then the few thousand groups joined to their survey, version and site.
	// A sheet with nothing scored (literate null) has no level to count: it is left out, as in results.ts.
	const groups = await db.all<{ versionId: string; title: string; version: number; siteId: string | null; siteName: string | null; month: string; respondents: number; literate: number }>(sql`
		select ${surveys.versionId} as versionId, ${questionnaireVersions.title} as title, ${questionnaireVersions.version} as version, ${sites.id} as siteId, ${sites.name} as siteName,
			g.month as month, sum(g.respondents) as respondents, sum(g.literate) as literate
		from (
			select ${sc.surveyId} as survey_id, strftime('%Y-%m', (${sc.submittedAt} + ${SHANGHAI_OFFSET_MS}) / 1000, 'unixepoch') as month,
				count(${sc.literate}) as respondents, coalesce(sum(${sc.literate}), 0) as literate
			from ${sc}
			where ${sc.submittedAt} >= ${start.getTime()} and ${sc.submittedAt} < ${end.getTime()}
			group by +${sc.surveyId}, month
		) g
		join ${surveys} on ${surveys.id} = g.survey_id
		join ${questionnaireVersions} on ${questionnaireVersions.id} = ${surveys.versionId}
		join ${questionnaires} on ${questionnaires.id} = ${questionnaireVersions.questionnaireId}
		left join ${sites} on ${sites.id} = ${surveys.siteId}
		where ${inArray(surveys.organizationId, orgIds)} and ${questionnaires.kind} = 'literacy'
		group by ${surveys.versionId}, ${sites.id}, g.month
		order by ${questionnaireVersions.title}, ${questionnaireVersions.version}`);
	const versions = new Map<string, { label: string; respondents: number; literate: number }>();
	for (const g of groups) {
		let v = versions.get(g.versionId);
		if (!v) versions.set(g.versionId, (v = { label: `${g.title}（第 ${g.version} 版）`, respondents: 0, literate: 0 }));
		if (g.respondents === 0) continue;
		v.respondents += g.respondents;
		v.literate += g.literate;
		add(g.month, g.siteId ? { id: g.siteId, name: g.siteName ?? NO_SITE } : null, g.respondents, g.literate);
	}
	return [...versions.values()].map((v) => ({
		label: v.label,
		respondents: v.respondents,
		literate: v.literate,
		level: v.respondents ? v.literate / v.respondents : null,
		smallSample: v.respondents < SMALL_SAMPLE
	}));
}
