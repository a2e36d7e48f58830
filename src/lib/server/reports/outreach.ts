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
import { eq, inArray } from 'drizzle-orm';
import type { CalendarDate } from '../../calendar-date';
import { assertCan, type Actor } from '../auth/policy';
import { loadOrgTree } from '../auth/scope';
import { districtToday } from '../clock';
import type { DbOrTx } from '../db/client';
import { departments, organizations, sites } from '../db/schema';
import { invalid, notFound } from '../errors';
import { comparePinyin } from '../../format/pinyin-order';
import { tallyEvents } from './event-figures';
import type { ReportQuery } from './query';
import { tallySittings } from './sitting-figures';
import { tallySurveys, type VersionLiteracy } from './survey-figures';
import { NO_SITE, Tallies, Tally, type OutreachFigures } from './tally';
import { dm } from '../../i18n/domain';

export type { OutreachFigures } from './tally';
export type { VersionLiteracy } from './survey-figures';

export interface MonthRow extends OutreachFigures {
	/** '2026-03' */
	month: string;
	/** '2026年3月' */
	label: string;
}

export interface GroupRow extends OutreachFigures {
	label: string;
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

/**
 * The report for an organization's subtree; the actor must organize it (or one of its ancestors).
 * Refuses an unknown organization as a mistake in the query (400, at the organization field) and one
 * outside the actor's reach with 403.
 */
export async function outreachReportFor(db: DbOrTx, actor: Actor, query: ReportQuery, today: CalendarDate = districtToday()): Promise<OutreachReport> {
	const tree = await loadOrgTree(db);
	const org = await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.id, query.organizationId)).get();
	if (!org) throw invalid(dm.reports.errors.organizationNotFoundRetry, 'org');
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
	if (!organization) throw notFound(dm.reports.errors.organizationNotFound);
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

	const boxes = { total, byMonth, bySite, byDepartment };
	if (siteIds.length && from <= heldUntil) await tallyEvents(db, siteName, departmentName, { from, heldUntil }, boxes);
	if (siteIds.length)
		await tallySittings(db, organization.id, siteName, departmentName, { from, to, today }, (g) => [total, byMonth.get(g.month), bySite.get(g.site), byDepartment.get(g.department)]);

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
			.map(([month, t]) => ({ month, label: dm.reports.labels.month(month.slice(0, 4), Number(month.slice(5))), ...t.figures() })),
		bySite: [...bySite.entries()].map(([label, t]) => ({ label, ...t.figures() })).sort((a, b) => comparePinyin(a.label, b.label)),
		byDepartment: [...byDepartment.entries()].map(([label, t]) => ({ label, ...t.figures() })).sort((a, b) => comparePinyin(a.label, b.label)),
		literacyByVersion
	};
}
