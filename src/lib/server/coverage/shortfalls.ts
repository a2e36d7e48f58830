/**
 * Counts the planned sittings against each coverage target, per center and week or per month, and
 * says where the plan falls short. Pure: the sittings come in already expanded (cancellations, moves,
 * leave and substitutions applied by listSittings), so a sitting counts only if someone will sit, and
 * it counts by who sits: a substitute by their own title and department.
 */
import { mondayOf, type CalendarDate } from '../../calendar-date';
import { formatDateRange, slotOf } from '../../format/dates';
import { m } from '../../i18n';
import type { SittingStatus } from '../../schedule-views';
import { EXPERT_TITLES, type COVERAGE_TARGET_KINDS } from '../db/schema';
import { monthsTouching, requiredIn, weeksCovering, workingDaysOf, type HolidayDays, type HolidayRule, type Period, type WorkingDays } from './periods';

export type ExpertTitle = (typeof EXPERT_TITLES)[number];
export type CoverageTargetKind = (typeof COVERAGE_TARGET_KINDS)[number];

export interface CoverageRule {
	id: string;
	kind: CoverageTargetKind;
	siteId: string | null;
	departmentId: string | null;
	expertId: string | null;
	minTitle: ExpertTitle | null;
	minimum: number;
	holidayRule: HolidayRule;
	departmentName: string | null;
	expertName: string | null;
}

export interface Center {
	id: string;
	name: string;
}

/** A sitting as a target sees it: where, when, and who actually sits. */
export interface CountedSitting {
	date: CalendarDate;
	startTime: string;
	endTime: string;
	siteId: string;
	status: SittingStatus;
	expertId: string;
	title: string;
	/** The department of whoever sits: a substitute's own, which may differ from the rotation's. */
	departmentId: string;
}

export interface CoverageInput {
	/** A Monday and a Sunday: weekly rules are counted for each week between them, monthly rules for each month they touch. */
	from: CalendarDate;
	to: CalendarDate;
	rules: CoverageRule[];
	/** The organization's centers; a site rule with no site covers each of them. */
	centers: Center[];
	sittings: CountedSitting[];
	holidays: HolidayDays;
}

export interface CoverageRow {
	targetId: string;
	kind: CoverageTargetKind;
	period: Period & { label: string };
	site: Center | null;
	expert: { id: string; name: string } | null;
	planned: number;
	/** The target as set. */
	minimum: number;
	/** What this period needs after holidays; null when the rule exempts it. */
	required: number | null;
	shortfall: number;
	words: string;
}

const words = m.console.coverage;

export function coverageRows(input: CoverageInput): CoverageRow[] {
	const weeks = labelled(weeksCovering(input.from, input.to));
	const months = labelled(monthsTouching(input.from, input.to));
	const workingDays = memoWorkingDays(input.holidays);
	const siteRuled = (kinds: CoverageTargetKind[]) => new Set(input.rules.filter((r) => kinds.includes(r.kind)).map((r) => r.siteId));
	const weekly = siteRuled(['site_days_per_week', 'site_senior_days_per_week']);
	const everyCenterWeekly = weekly.has(null);
	const monthly = siteRuled(['department_halfdays_per_month']);
	const experts = new Set(input.rules.flatMap((r) => (r.kind === 'expert_sittings_per_month' ? [r.expertId] : [])));
	// Each sitting is filed once, in one pass, under its center and week (or month) and its expert
	// and month; a rule then reads the few sittings of one center and period. A district's year is
	// 100,000 sittings and 60,000 rows, and on a 2-core server each pass over them costs milliseconds.
	const siteWeeks = new Filed();
	const siteMonths = new Filed();
	const expertMonths = new Filed();
	const mondays = new Map<CalendarDate, CalendarDate>();
	for (const s of input.sittings) {
		if (s.status !== 'scheduled') continue;
		if (everyCenterWeekly || weekly.has(s.siteId)) {
			let monday = mondays.get(s.date);
			if (monday === undefined) mondays.set(s.date, (monday = mondayOf(s.date)));
			siteWeeks.add(s.siteId, monday, s);
		}
		if (monthly.has(s.siteId)) siteMonths.add(s.siteId, s.date.slice(0, 7), s);
		if (experts.has(s.expertId)) expertMonths.add(s.expertId, s.date.slice(0, 7), s);
	}
	const rows: CoverageRow[] = [];

	for (const rule of input.rules) {
		// What a period requires depends on the rule and the period's holidays, never on the center.
		const required = new Map<LabelledPeriod, number | null>();
		const row = (period: LabelledPeriod, site: Center | null, expert: CoverageRow['expert'], planned: number) => {
			let needed = required.get(period);
			if (needed === undefined) required.set(period, (needed = requiredIn(rule.minimum, rule.holidayRule, workingDays(period))));
			return new Row(rule, period, site, expert, planned, needed);
		};
		switch (rule.kind) {
			case 'site_days_per_week':
			case 'site_senior_days_per_week': {
				const counts = rule.kind === 'site_days_per_week' ? null : (s: CountedSitting) => titleAtLeast(s.title, rule.minTitle);
				for (const site of input.centers) {
					if (rule.siteId !== null && site.id !== rule.siteId) continue;
					for (const week of weeks) rows.push(row(week, site, null, daysOf(siteWeeks.get(site.id, week.from), counts)));
				}
				break;
			}
			case 'department_halfdays_per_month': {
				const site = input.centers.find((c) => c.id === rule.siteId);
				if (!site) break;
				for (const month of months) {
					const ofDepartment = siteMonths.get(site.id, month.from.slice(0, 7)).filter((s) => s.departmentId === rule.departmentId);
					rows.push(row(month, site, null, new Set(ofDepartment.flatMap(halfDaysOf)).size));
				}
				break;
			}
			case 'expert_sittings_per_month': {
				const expert = { id: rule.expertId!, name: rule.expertName ?? '' };
				for (const month of months) rows.push(row(month, null, expert, expertMonths.get(expert.id, month.from.slice(0, 7)).length));
				break;
			}
		}
	}
	return rows;
}

type LabelledPeriod = CoverageRow['period'];

/**
 * A row's words are built when read: the compliance report counts some 130,000 rows a year and reads
 * the words of none of them, the outlook those of its few shortfalls.
 */
class Row implements CoverageRow {
	readonly targetId: string;
	readonly kind: CoverageTargetKind;
	readonly minimum: number;
	readonly shortfall: number;
	constructor(
		private readonly rule: CoverageRule,
		readonly period: LabelledPeriod,
		readonly site: Center | null,
		readonly expert: { id: string; name: string } | null,
		readonly planned: number,
		readonly required: number | null
	) {
		this.targetId = rule.id;
		this.kind = rule.kind;
		this.minimum = rule.minimum;
		this.shortfall = required === null ? 0 : Math.max(0, required - planned);
	}
	get words(): string {
		return inWords(this.rule, this.period, this.planned, this.required);
	}
}

/** EXPERT_TITLES runs from the highest title down. */
export function titleAtLeast(title: string, lowest: ExpertTitle | null): boolean {
	const rank = EXPERT_TITLES.indexOf(title as ExpertTitle);
	return rank >= 0 && rank <= EXPERT_TITLES.indexOf(lowest ?? '副主任医师');
}

/** A morning sitting is one half-day, an afternoon (or evening) one another, a full-day sitting both. */
export function halfDaysOf(s: Pick<CountedSitting, 'date' | 'startTime' | 'endTime'>): string[] {
	const slot = slotOf(s.startTime, s.endTime);
	if (slot === '全天') return [`${s.date} 上午`, `${s.date} 下午`];
	return [`${s.date} ${slot === '上午' ? '上午' : '下午'}`];
}

function inWords(rule: CoverageRule, period: Period, planned: number, required: number | null): string {
	const month = Number(period.from.slice(5, 7));
	if (required === null) return period.kind === 'week' ? words.exemptWeek : words.exemptMonth(month);
	const scaled = required < rule.minimum ? words.proRata(rule.minimum) : '';
	switch (rule.kind) {
		case 'site_days_per_week':
			return words.weekDays(words.specialist, planned, required) + scaled;
		case 'site_senior_days_per_week':
			return words.weekDays(words.titleShort[rule.minTitle ?? '副主任医师'], planned, required) + scaled;
		case 'department_halfdays_per_month':
			return words.monthHalfDays(month, rule.departmentName ?? '', planned, required) + scaled;
		case 'expert_sittings_per_month':
			return words.monthSittings(month, rule.expertName ?? '', planned, required) + scaled;
	}
}

/** Each period with its label, made once and shared by every row of that period. */
function labelled(periods: Period[]): LabelledPeriod[] {
	return periods.map((period) => ({
		...period,
		label: period.kind === 'week' ? formatDateRange(period.from, period.to) : words.monthLabel(Number(period.from.slice(0, 4)), Number(period.from.slice(5, 7)))
	}));
}

/** The distinct dates among a center's sittings of one week that the rule counts (all, without `counts`). */
function daysOf(sittings: CountedSitting[], counts: ((s: CountedSitting) => boolean) | null): number {
	// A center's week holds a handful of sittings: comparing with the earlier ones beats building a
	// Set for each of a district year's 70,000 center-weeks.
	let days = 0;
	for (let i = 0; i < sittings.length; i++) {
		const s = sittings[i]!;
		if (counts && !counts(s)) continue;
		let seen = false;
		for (let j = 0; j < i && !seen; j++) seen = sittings[j]!.date === s.date && (!counts || counts(sittings[j]!));
		if (!seen) days++;
	}
	return days;
}

/** Sittings filed by two keys: who or where, then which week or month. */
class Filed {
	private readonly filed = new Map<string, Map<string, CountedSitting[]>>();
	add(first: string, second: string, s: CountedSitting) {
		let inner = this.filed.get(first);
		if (!inner) this.filed.set(first, (inner = new Map()));
		const list = inner.get(second);
		if (list) list.push(s);
		else inner.set(second, [s]);
	}
	get(first: string, second: string): CountedSitting[] {
		return this.filed.get(first)?.get(second) ?? [];
	}
}

/** A 600-center district asks the same few weeks once per center and rule. */
function memoWorkingDays(holidays: HolidayDays): (period: Period) => WorkingDays {
	const known = new Map<string, WorkingDays>();
	return (period) => {
		const key = `${period.from}|${period.to}`;
		let days = known.get(key);
		if (!days) known.set(key, (days = workingDaysOf(period, holidays)));
		return days;
	};
}
