/**
 * The compliance report: after a month, a quarter or a year, what each coverage
 * target asked of each center (or expert), what the schedule planned, what took place, and the weeks
 * that missed; per center and per expert the sittings delivered, 诊疗人次 and 教学及指导 sessions; and
 * the last 12 months' compliance per target for the chart.
 *
 * The counting is the outlook's: the sittings go through coverageRows (shortfalls.ts), so a day, a
 * half-day, a title, a substitute and a holiday count exactly as they do in the 4-week warnings. What
 * differs is only which sittings are handed to it:
 * - planned: every occurrence the schedule holds for the period (moves and substitutes applied), also
 *   those later cancelled or left without cover by leave, but not a holiday closure (planned as closed).
 *   It is the schedule as recorded now, not a snapshot of an earlier day's plan.
 * - delivered: sittings that took place: status scheduled (not cancelled, not a holiday closure, not
 *   left without cover) and dated no later than today, as the outreach report counts 坐诊（已开展）.
 *   Recorded 诊疗人次 are not required: recording them is optional, and a sitting held with nobody
 *   recorded still happened.
 *
 * Periods: a week runs Monday to Sunday and belongs to the month (and so the quarter and year) of its
 * Thursday, counted whole, so every week is in exactly one month; a monthly rule is counted over its
 * calendar month. Only weeks and months that have ended by today are judged. A week's (or month's)
 * delivered count is credited up to what that period required, so the percentage (Σ credited / Σ
 * required) is not lifted by a busy week hiding an empty one; periods the rule exempts for holidays
 * are left out of every sum and counted apart.
 */
import { eq, sql } from 'drizzle-orm';
import { addDays, mondayOf, type CalendarDate } from '../../calendar-date';
import { m } from '../../i18n';
import type { Actor } from '../auth/policy';
import { loadOrgTree } from '../auth/scope';
import type { DbOrTx } from '../db/client';
import { organizations, SITTING_TEACHING_KINDS, sittingTeaching, sittingVisits } from '../db/schema';
import { invalid } from '../errors';
import { MAX_MOVE_DAYS, type Sitting } from '../schedule/expand';
import type { TeachingKind } from '../schedule/sitting-teaching';
import { expandSittings, loadHolidayCalendar } from '../schedule/sittings';
import { byPinyin } from '../../format/pinyin-order';
import { centersOfOrganization } from './centers';
import { countedSitting, expertsWhoSit, withoutRepeats } from './counted';
import { firstOfMonth, lastOfMonth } from './periods';
import { coverageRows, type CountedSitting, type CoverageRow } from './shortfalls';
import { listCoverageTargets, type CoverageTargetView } from './targets';
import { sittingIdSql } from '../schedule/sitting-id-sql';
import { dm } from '../../i18n/domain';

export const COMPLIANCE_PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type CompliancePeriodKind = (typeof COMPLIANCE_PERIOD_KINDS)[number];

export interface CompliancePeriod {
	kind: CompliancePeriodKind;
	/** '2026-10', '2026-Q4' or '2026' */
	key: string;
	/** 2026年10月, 2026年第4季度, 2026年 */
	label: string;
	from: CalendarDate;
	to: CalendarDate;
}

/** How many months the chart looks back over, ending with the report's last month. */
export const TREND_MONTHS = 12;

const words = m.console.coverage.report;

/** The month, quarter or year a key names; null when the key is not one. Pure. */
export function compliancePeriod(kind: CompliancePeriodKind, key: string): CompliancePeriod | null {
	const pad = (n: number) => String(n).padStart(2, '0');
	const yearOk = (y: number) => y >= 2000 && y <= 2100;
	if (kind === 'month') {
		const match = /^(\d{4})-(\d{2})$/.exec(key);
		const [y, mo] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
		if (!yearOk(y) || mo < 1 || mo > 12) return null;
		const from = `${y}-${pad(mo)}-01`;
		return { kind, key, label: words.monthOption(y, mo), from, to: lastOfMonth(from) };
	}
	if (kind === 'quarter') {
		const match = /^(\d{4})-Q([1-4])$/.exec(key);
		if (!match || !yearOk(Number(match[1]))) return null;
		const [y, q] = [Number(match[1]), Number(match[2])];
		const from = `${y}-${pad(q * 3 - 2)}-01`;
		return { kind, key, label: words.quarterOption(y, q), from, to: lastOfMonth(`${y}-${pad(q * 3)}-01`) };
	}
	const y = /^\d{4}$/.test(key) ? Number(key) : 0;
	if (!yearOk(y)) return null;
	return { kind, key, label: words.yearOption(y), from: `${y}-01-01`, to: `${y}-12-31` };
}

/** The last whole month before today's, as a month period: the report's default. Pure. */
export function lastFullMonth(today: CalendarDate): CompliancePeriod {
	return compliancePeriod('month', addDays(firstOfMonth(today), -1).slice(0, 7))!;
}

/** The key of the period of `kind` that holds `date`. Pure. */
export function periodKeyOf(kind: CompliancePeriodKind, date: CalendarDate): string {
	if (kind === 'month') return date.slice(0, 7);
	if (kind === 'quarter') return `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;
	return date.slice(0, 4);
}

/** The month a counted period belongs to: a week's Thursday's, a month's own. Pure. */
export function monthOfPeriod(period: { kind: 'week' | 'month'; from: CalendarDate }): string {
	return (period.kind === 'week' ? addDays(period.from, 3) : period.from).slice(0, 7);
}

/** The Monday-to-Sunday weeks whose Thursday lies between `from` and `to`, as one range. Pure. */
export function weeksByThursday(from: CalendarDate, to: CalendarDate): { from: CalendarDate; to: CalendarDate } {
	const first = mondayOf(addDays(from, 3));
	const last = mondayOf(addDays(to, -3));
	return { from: first, to: addDays(last, 6) };
}

export interface MissedPeriod {
	label: string;
	delivered: number;
	required: number;
}

/** One target at one center (or for one expert) over the report's period. */
export interface ComplianceLine {
	targetId: string;
	ruleWords: string;
	kind: CoverageTargetView['kind'];
	subject: { id: string; name: string };
	/** Weeks (or months) judged: ended by today and not exempted. */
	periodsCounted: number;
	/** Weeks (or months) the rule exempts for holidays, left out of the sums. */
	periodsExempt: number;
	planned: number;
	required: number;
	delivered: number;
	/** Σ min(delivered, required) per period. */
	credited: number;
	/** credited / required, 0–1; null when nothing was required. */
	percent: number | null;
	missed: MissedPeriod[];
}

export interface TeachingCounts {
	teaching: number;
	ward_round: number;
	guidance: number;
	/** Sittings with at least one of them. */
	sittings: number;
}

export interface CenterFigures {
	id: string;
	name: string;
	delivered: number;
	patientsSeen: number;
	visitsRecorded: number;
	teaching: TeachingCounts;
}

export interface ExpertFigures {
	id: string;
	name: string;
	title: string;
	/** Σ of what the expert's sittings-a-month targets required; null without such a target. */
	committed: number | null;
	/** credited / committed; null without a target. */
	percent: number | null;
	delivered: number;
	patientsSeen: number;
	visitsRecorded: number;
	teaching: TeachingCounts;
}

export interface TrendSeries {
	targetId: string;
	ruleWords: string;
	/** Per month of `trendMonths`: Σ credited / Σ required over every center, or null with nothing judged. */
	points: (number | null)[];
}

export interface ComplianceReport {
	organization: { id: string; name: string };
	period: CompliancePeriod;
	today: CalendarDate;
	targetCount: number;
	lines: ComplianceLine[];
	centers: CenterFigures[];
	experts: ExpertFigures[];
	trendMonths: { key: string; label: string }[];
	trend: TrendSeries[];
	unknownHolidayYears: number[];
}

/**
 * The report for an organization's targets and centers; the actor must be allowed its reports
 * (listCoverageTargets checks, before anything else is read).
 */
export async function complianceReport(db: DbOrTx, actor: Actor, organizationId: string, period: CompliancePeriod, today: CalendarDate): Promise<ComplianceReport> {
	const targets = await listCoverageTargets(db, actor, organizationId);
	const organization = await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.id, organizationId)).get();
	if (!organization) throw invalid(dm.coverage.errors.organizationNotFoundRetry, 'org');
	const centers = await centersOfOrganization(db, await loadOrgTree(db), organizationId);

	// The months charted and the report's own, as one window of whole months.
	const trendStart = `${addMonths(period.to, -(TREND_MONTHS - 1))}-01`;
	const windowFrom = period.from < trendStart ? period.from : trendStart;
	const windowTo = period.to;
	const weeks = weeksByThursday(windowFrom, windowTo);
	const scan = { from: weeks.from < windowFrom ? weeks.from : windowFrom, to: weeks.to > windowTo ? weeks.to : windowTo };

	const expertRuled = [...new Set(targets.flatMap((t) => (t.expertId ? [t.expertId] : [])))];
	// The centers' sittings, and the sittings of experts with a sittings-a-month target wherever they sit.
	const results = await Promise.all([expandSittings(db, { ...scan, siteIds: centers.map((c) => c.id) }), expandSittings(db, { ...scan, expertIds: expertRuled })]);
	const sittings = withoutRepeats(results.map((r) => r.sittings));

	const people = await expertsWhoSit(db, sittings, expertRuled);
	const isDelivered = (s: Sitting) => s.status === 'scheduled' && s.date <= today;
	// Planned sittings are handed over as if they were held, so coverageRows counts them; a holiday
	// closure is not planned. A delivered one is the same sitting as counted, so it is shared.
	const planned: CountedSitting[] = [];
	const delivered: CountedSitting[] = [];
	for (const s of sittings) {
		if (s.status === 'holiday') continue;
		const counted = countedSitting(s, people.get(s.expertId), 'scheduled');
		planned.push(counted);
		if (isDelivered(s)) delivered.push(counted);
	}

	const holidays = await loadHolidayCalendar(db);
	const input = { from: weeks.from, to: weeks.to, rules: targets, centers, holidays };
	const plannedRows = coverageRows({ ...input, sittings: planned });
	const deliveredRows = coverageRows({ ...input, sittings: delivered });

	// Judged rows: ended by today, in the window, paired planned with delivered (coverageRows orders
	// rows by rule, subject and period alone, so the two runs line up row for row).
	const judged: { month: string; planned: CoverageRow; delivered: CoverageRow }[] = [];
	// coverageRows hands every row of a period the same period object.
	const months = new Map<CoverageRow['period'], string>();
	deliveredRows.forEach((row, i) => {
		let month = months.get(row.period);
		if (month === undefined) months.set(row.period, (month = monthOfPeriod(row.period)));
		if (row.period.to > today || month < windowFrom.slice(0, 7) || month > windowTo.slice(0, 7)) return;
		judged.push({ month, planned: plannedRows[i]!, delivered: row });
	});

	const inPeriod = (month: string) => month >= period.from.slice(0, 7) && month <= period.to.slice(0, 7);
	const ruleWords = new Map(targets.map((t) => [t.id, t.words]));
	const lines = new Map<string, ComplianceLine>();
	for (const { month, planned: p, delivered: d } of judged) {
		if (!inPeriod(month)) continue;
		const subject = d.site ?? d.expert!;
		const key = `${d.targetId}|${subject.id}`;
		let line = lines.get(key);
		if (!line) {
			line = { targetId: d.targetId, ruleWords: ruleWords.get(d.targetId) ?? '', kind: d.kind, subject: { id: subject.id, name: subject.name }, periodsCounted: 0, periodsExempt: 0, planned: 0, required: 0, delivered: 0, credited: 0, percent: null, missed: [] };
			lines.set(key, line);
		}
		if (d.required === null) {
			line.periodsExempt++;
			continue;
		}
		line.periodsCounted++;
		line.planned += p.planned;
		line.required += d.required;
		line.delivered += d.planned;
		line.credited += Math.min(d.planned, d.required);
		if (d.planned < d.required) line.missed.push({ label: d.period.label, delivered: d.planned, required: d.required });
	}
	for (const line of lines.values()) line.percent = line.required ? line.credited / line.required : null;
	const order = new Map(targets.map((t, i) => [t.id, i]));
	const sortedLines = [...lines.values()].sort((a, b) => order.get(a.targetId)! - order.get(b.targetId)! || byPinyin.compare(a.subject.name, b.subject.name));

	const trendMonths = monthKeys(trendStart, period.to);
	// Σ credited and Σ required per target and month, in one pass over the judged rows.
	const sums = new Map<string, { credited: number; required: number }>();
	for (const { month, delivered: d } of judged) {
		if (d.required === null) continue;
		const key = `${d.targetId}|${month}`;
		let sum = sums.get(key);
		if (!sum) sums.set(key, (sum = { credited: 0, required: 0 }));
		sum.credited += Math.min(d.planned, d.required);
		sum.required += d.required;
	}
	const trend: TrendSeries[] = targets.map((t) => ({
		targetId: t.id,
		ruleWords: t.words,
		points: trendMonths.map((month) => {
			const sum = sums.get(`${t.id}|${month}`);
			return sum && sum.required ? sum.credited / sum.required : null;
		})
	}));

	// ——— Per center and per expert: what took place in the period's dates ———
	const held = sittings.filter((s) => isDelivered(s) && s.date >= period.from && s.date <= period.to);
	const { visits, teaching } = await visitsAndTeaching(db, addDays(period.from, -MAX_MOVE_DAYS), addDays(period.to, MAX_MOVE_DAYS));
	const centerIds = new Set(centers.map((c) => c.id));
	const ruledExperts = new Set(expertRuled);
	const byCenter = new Map<string, CenterFigures>(centers.map((c) => [c.id, { id: c.id, name: c.name, ...emptyFigures() }]));
	const byExpert = new Map<string, ExpertFigures>();
	const expertRow = (id: string) => {
		let row = byExpert.get(id);
		if (!row) {
			const who = people.get(id);
			byExpert.set(id, (row = { id, name: who?.name ?? '', title: who?.title ?? '', committed: null, percent: null, ...emptyFigures() }));
		}
		return row;
	};
	for (const id of expertRuled) expertRow(id);
	for (const s of held) {
		const rows: (CenterFigures | ExpertFigures)[] = [];
		if (centerIds.has(s.siteId)) rows.push(byCenter.get(s.siteId)!);
		// An expert's row counts their sittings at the organization's centers, and for an expert with a
		// sittings-a-month target every sitting wherever it is, as the target counts them.
		if (centerIds.has(s.siteId) || ruledExperts.has(s.expertId)) rows.push(expertRow(s.expertId));
		const seen = visits.get(s.id);
		const kinds = teaching.get(s.id);
		for (const row of rows) {
			row.delivered++;
			if (seen !== undefined) {
				row.patientsSeen += seen;
				row.visitsRecorded++;
			}
			if (kinds) {
				row.teaching.sittings++;
				for (const k of kinds) row.teaching[k]++;
			}
		}
	}
	const creditedOf = new Map<string, number>();
	for (const line of sortedLines) {
		if (line.kind !== 'expert_sittings_per_month') continue;
		const row = expertRow(line.subject.id);
		row.committed = (row.committed ?? 0) + line.required;
		creditedOf.set(row.id, (creditedOf.get(row.id) ?? 0) + line.credited);
		row.percent = row.committed ? creditedOf.get(row.id)! / row.committed : null;
	}

	return {
		organization,
		period,
		today,
		targetCount: targets.length,
		lines: sortedLines,
		centers: [...byCenter.values()],
		experts: [...byExpert.values()].sort((a, b) => b.delivered - a.delivered || byPinyin.compare(a.name, b.name)),
		trendMonths: trendMonths.map((key) => ({ key, label: words.monthOption(Number(key.slice(0, 4)), Number(key.slice(5, 7))) })),
		trend,
		unknownHolidayYears: [...new Set(results.flatMap((r) => r.unknownHolidayYears))].sort((a, b) => a - b)
	};
}

function emptyFigures() {
	return { delivered: 0, patientsSeen: 0, visitsRecorded: 0, teaching: { teaching: 0, ward_round: 0, guidance: 0, sittings: 0 } };
}

/** '2026-10' moved by `n` months. Pure. */
function addMonths(date: CalendarDate, n: number): string {
	const total = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + n;
	return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

function monthKeys(from: CalendarDate, to: CalendarDate): string[] {
	const keys: string[] = [];
	for (let month = from.slice(0, 7); month <= to.slice(0, 7); month = addMonths(`${month}-01`, 1)) keys.push(month);
	return keys;
}

/**
 * 诊疗人次 and 教学及指导 of the occurrences whose original date lies in the range, by sitting id.
 * Read as one JSON array each: a district year is some 90,000 visits, and the driver's cost per row
 * was most of the time (as in the outreach report).
 */
async function visitsAndTeaching(db: DbOrTx, from: CalendarDate, to: CalendarDate) {
	const [packedVisits] = await db.all<{ v: string }>(sql`
		select coalesce(json_group_array(json_array(${sittingIdSql(sittingVisits.rotationId, sittingVisits.originalDate)}, ${sittingVisits.patientsSeen})), '[]') as v
		from ${sittingVisits} where ${sittingVisits.originalDate} between ${from} and ${to}`);
	const [packedTeaching] = await db.all<{ v: string }>(sql`
		select coalesce(json_group_array(json_array(${sittingIdSql(sittingTeaching.rotationId, sittingTeaching.originalDate)}, ${sittingTeaching.kind})), '[]') as v
		from ${sittingTeaching} where ${sittingTeaching.originalDate} between ${from} and ${to}`);
	const visits = new Map(JSON.parse(packedVisits?.v ?? '[]') as [string, number][]);
	const teaching = new Map<string, TeachingKind[]>();
	for (const [id, kind] of JSON.parse(packedTeaching?.v ?? '[]') as [string, TeachingKind][]) {
		if (!(SITTING_TEACHING_KINDS as readonly string[]).includes(kind)) continue;
		const list = teaching.get(id);
		if (list) list.push(kind);
		else teaching.set(id, [kind]);
	}
	return { visits, teaching };
}

