/**
 * Counts the planned sittings against each coverage target, per center and week or per month, and
 * says where the plan falls short. Pure: the sittings come in already expanded (cancellations, moves,
 * leave and substitutions applied by listSittings), so a sitting counts only if someone will sit, and
 * it counts by who sits: a substitute by their own title and department.
 */
import type { CalendarDate } from '../../calendar-date';
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
	const sitting = input.sittings.filter((s) => s.status === 'scheduled').sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
	const atSite = groupBy(sitting, (s) => s.siteId);
	const byExpert = groupBy(sitting, (s) => s.expertId);
	const weeks = weeksCovering(input.from, input.to);
	const months = monthsTouching(input.from, input.to);
	const workingDays = memoWorkingDays(input.holidays);
	// Each period's label once, not once per center and rule.
	const labels = new Map<string, string>();
	const labelOf = (period: Period) => {
		const key = `${period.kind}|${period.from}`;
		let label = labels.get(key);
		if (label === undefined) labels.set(key, (label = periodLabel(period)));
		return label;
	};
	const rows: CoverageRow[] = [];

	for (const rule of input.rules) {
		const row = (period: Period, subject: Pick<CoverageRow, 'site' | 'expert'>, planned: number): CoverageRow => {
			const required = requiredIn(rule.minimum, rule.holidayRule, workingDays(period));
			return {
				targetId: rule.id,
				kind: rule.kind,
				period: { ...period, label: labelOf(period) },
				...subject,
				planned,
				minimum: rule.minimum,
				required,
				shortfall: required === null ? 0 : Math.max(0, required - planned),
				words: inWords(rule, period, planned, required)
			};
		};
		switch (rule.kind) {
			case 'site_days_per_week':
			case 'site_senior_days_per_week': {
				const counts = rule.kind === 'site_days_per_week' ? () => true : (s: CountedSitting) => titleAtLeast(s.title, rule.minTitle);
				for (const site of input.centers.filter((c) => rule.siteId === null || c.id === rule.siteId)) {
					for (const week of weeks) {
						const days = new Set(within(atSite.get(site.id), week).filter(counts).map((s) => s.date));
						rows.push(row(week, { site, expert: null }, days.size));
					}
				}
				break;
			}
			case 'department_halfdays_per_month': {
				const site = input.centers.find((c) => c.id === rule.siteId);
				if (!site) break;
				for (const month of months) {
					const ofDepartment = within(atSite.get(site.id), month).filter((s) => s.departmentId === rule.departmentId);
					rows.push(row(month, { site, expert: null }, new Set(ofDepartment.flatMap(halfDaysOf)).size));
				}
				break;
			}
			case 'expert_sittings_per_month': {
				const expert = { id: rule.expertId!, name: rule.expertName ?? '' };
				for (const month of months) rows.push(row(month, { site: null, expert }, within(byExpert.get(expert.id), month).length));
				break;
			}
		}
	}
	return rows;
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

function periodLabel(period: Period): string {
	return period.kind === 'week' ? formatDateRange(period.from, period.to) : words.monthLabel(Number(period.from.slice(0, 4)), Number(period.from.slice(5, 7)));
}

/** The sittings of a list in date order (coverageRows sorts them before grouping) from the period's first day to its last. */
function within(sittings: CountedSitting[] | undefined, period: Period): CountedSitting[] {
	if (!sittings) return [];
	// Binary search for the first on or after `from`: a district's year is 600 centers × 53 weeks of lookups.
	let lo = 0;
	let hi = sittings.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (sittings[mid]!.date < period.from) lo = mid + 1;
		else hi = mid;
	}
	let end = lo;
	while (end < sittings.length && sittings[end]!.date <= period.to) end++;
	return sittings.slice(lo, end);
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const item of items) {
		const list = groups.get(key(item));
		if (list) list.push(item);
		else groups.set(key(item), [item]);
	}
	return groups;
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
