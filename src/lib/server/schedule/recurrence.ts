/**
 * Rotation rules are RFC 5545 RRULEs expanded by `rrule`. rrule has no real time-zone support, so it
 * works on "floating" dates: UTC midnights that stand for local calendar dates at the site. Times of
 * day are applied afterwards, in the site's zone.
 */
import * as rruleModule from 'rrule';
import type { Options, RRule as RRuleType } from 'rrule';
import { fromUtcMidnight, toUtcMidnight, type CalendarDate } from '../../calendar-date';
import { invalid } from '../errors';
import { dm } from '../../i18n/domain';

// rrule ships CommonJS as `main`; Node exposes it as a default export, Vite as named exports.
const RRule: typeof RRuleType =
	(rruleModule as { RRule?: typeof RRuleType }).RRule ??
	(rruleModule as unknown as { default: { RRule: typeof RRuleType } }).default.RRule;

const ALLOWED_FREQ = ['DAILY', 'WEEKLY', 'MONTHLY'] as const;
const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const WEEKDAY_NAMES = [dm.schedule.labels.weekdays.mo, dm.schedule.labels.weekdays.tu, dm.schedule.labels.weekdays.we, dm.schedule.labels.weekdays.th, dm.schedule.labels.weekdays.fr, dm.schedule.labels.weekdays.sa, dm.schedule.labels.weekdays.su] as const;
const ORDINALS: Record<string, string> = { '1': dm.schedule.labels.ordinals.first, '2': dm.schedule.labels.ordinals.second, '3': dm.schedule.labels.ordinals.third, '4': dm.schedule.labels.ordinals.fourth, '-1': dm.schedule.labels.ordinals.last };

export interface ParsedRecurrence {
	freq: (typeof ALLOWED_FREQ)[number];
	interval: number;
	/** BYDAY entries, e.g. [{ day: 'TU', nth: null }] or [{ day: 'SA', nth: 1 }] */
	byDay: { day: (typeof WEEKDAY_CODES)[number]; nth: number | null }[];
	byMonthDay: number[];
	/** The normalized rule text stored in the database. */
	text: string;
}

/**
 * Validates a rotation rule strictly: rrule's own parser accepts nonsense (`BYDAY=XX`, `INTERVAL=0`)
 * silently, and a rotation that expands to nothing would vanish from every page without a word.
 * Throws a DomainError with a Chinese reason.
 */
export function parseRecurrence(input: string): ParsedRecurrence {
	const raw = input.trim().replace(/^RRULE:/i, '');
	if (!raw) throw invalid(dm.schedule.rrule.required, 'rrule');
	const parts = new Map<string, string>();
	for (const part of raw.split(';')) {
		if (!part) continue;
		const [key, value, ...rest] = part.split('=');
		if (!key || value === undefined || rest.length) throw invalid(dm.schedule.rrule.unreadable(part), 'rrule');
		const name = key.toUpperCase();
		if (parts.has(name)) throw invalid(dm.schedule.rrule.duplicatePart(name), 'rrule');
		parts.set(name, value.toUpperCase());
	}
	for (const name of parts.keys()) {
		if (name === 'UNTIL' || name === 'COUNT') {
			throw invalid(dm.schedule.rrule.untilInRule, 'rrule');
		}
		if (!['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'WKST'].includes(name)) {
			throw invalid(dm.schedule.rrule.unsupportedPart(name), 'rrule');
		}
	}
	const freq = parts.get('FREQ');
	if (!freq) throw invalid(dm.schedule.rrule.missingFreq, 'rrule');
	if (!(ALLOWED_FREQ as readonly string[]).includes(freq)) {
		throw invalid(dm.schedule.rrule.badFreq, 'rrule');
	}
	const intervalText = parts.get('INTERVAL') ?? '1';
	if (!/^\d{1,2}$/.test(intervalText) || Number(intervalText) < 1 || Number(intervalText) > 12) {
		throw invalid(dm.schedule.rrule.badInterval, 'rrule');
	}
	const byDay: ParsedRecurrence['byDay'] = [];
	for (const entry of (parts.get('BYDAY') ?? '').split(',').filter(Boolean)) {
		const m = /^([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)$/.exec(entry);
		if (!m) throw invalid(dm.schedule.rrule.badWeekday(entry), 'rrule');
		const nth = m[1] ? Number(m[1]) : null;
		if (nth !== null && (freq !== 'MONTHLY' || !(String(nth) in ORDINALS))) {
			throw invalid(dm.schedule.rrule.ordinalMonthlyOnly(entry), 'rrule');
		}
		byDay.push({ day: m[2] as ParsedRecurrence['byDay'][number]['day'], nth });
	}
	const byMonthDay: number[] = [];
	for (const entry of (parts.get('BYMONTHDAY') ?? '').split(',').filter(Boolean)) {
		const n = Number(entry);
		if (!/^-?\d{1,2}$/.test(entry) || n === 0 || n < -31 || n > 31) {
			throw invalid(dm.schedule.rrule.badMonthDay(entry), 'rrule');
		}
		byMonthDay.push(n);
	}
	if (freq === 'WEEKLY' && byDay.length === 0) throw invalid(dm.schedule.rrule.weeklyNeedsDay, 'rrule');
	if (freq === 'MONTHLY' && byDay.length === 0 && byMonthDay.length === 0) {
		throw invalid(dm.schedule.rrule.monthlyNeedsDay, 'rrule');
	}
	const wkst = parts.get('WKST');
	if (wkst && !(WEEKDAY_CODES as readonly string[]).includes(wkst)) throw invalid(dm.schedule.rrule.badWkst, 'rrule');

	const text = [
		`FREQ=${freq}`,
		intervalText !== '1' ? `INTERVAL=${Number(intervalText)}` : null,
		byDay.length ? `BYDAY=${byDay.map((d) => `${d.nth ?? ''}${d.day}`).join(',')}` : null,
		byMonthDay.length ? `BYMONTHDAY=${byMonthDay.join(',')}` : null
	]
		.filter(Boolean)
		.join(';');
	return { freq: freq as ParsedRecurrence['freq'], interval: Number(intervalText), byDay, byMonthDay, text };
}

const ruleCache = new Map<string, RRuleType>();

function ruleFor(text: string, validFrom: CalendarDate): RRuleType {
	const key = `${validFrom}|${text}`;
	let rule = ruleCache.get(key);
	if (!rule) {
		const options: Partial<Options> = RRule.parseString(text);
		// Weeks start on Monday, so "every other week" counts Chinese weeks.
		rule = new RRule({ ...options, wkst: RRule.MO, dtstart: toUtcMidnight(validFrom) });
		if (ruleCache.size > 20_000) ruleCache.clear();
		ruleCache.set(key, rule);
	}
	return rule;
}

/**
 * The local dates a rule falls on within [from, to], clipped to the rotation's validity.
 * The rule must already be validated with `parseRecurrence`.
 */
export function occurrenceDates(
	ruleText: string,
	validity: { validFrom: CalendarDate; validUntil: CalendarDate | null },
	from: CalendarDate,
	to: CalendarDate
): CalendarDate[] {
	const start = from > validity.validFrom ? from : validity.validFrom;
	const end = validity.validUntil && validity.validUntil < to ? validity.validUntil : to;
	if (start > end) return [];
	return ruleFor(ruleText, validity.validFrom)
		.between(toUtcMidnight(start), toUtcMidnight(end), true)
		.map(fromUtcMidnight);
}

/** A rule in words a resident understands: 每周二、周四 · 隔周周三 · 每月第一个周六. */
export function describeRecurrence(ruleText: string): string {
	let rule: ParsedRecurrence;
	try {
		rule = parseRecurrence(ruleText);
	} catch {
		return ruleText;
	}
	const dayName = (code: string) => WEEKDAY_NAMES[WEEKDAY_CODES.indexOf(code as (typeof WEEKDAY_CODES)[number])];
	if (rule.freq === 'DAILY') return rule.interval === 1 ? dm.schedule.rrule.words.daily : dm.schedule.rrule.words.everyNDays(rule.interval - 1);
	if (rule.freq === 'WEEKLY') {
		const days = sortByWeekday(rule.byDay.map((d) => d.day));
		const isWorkweek = days.join(',') === 'MO,TU,WE,TH,FR';
		const list = isWorkweek ? dm.schedule.rrule.words.workweek : days.map(dayName).join('、');
		if (rule.interval === 1) return dm.schedule.rrule.words.weekly(list);
		if (rule.interval === 2) return dm.schedule.rrule.words.biweekly(list);
		return dm.schedule.rrule.words.everyNWeeks(rule.interval, list);
	}
	const prefix = rule.interval === 1 ? dm.schedule.rrule.words.monthly : dm.schedule.rrule.words.everyNMonths(rule.interval);
	const days = [
		...rule.byDay.map((d) => `${d.nth !== null ? ORDINALS[String(d.nth)] : dm.schedule.rrule.words.every}${dayName(d.day)}`),
		...rule.byMonthDay.map((n) => (n > 0 ? dm.schedule.rrule.words.monthDay(n) : n === -1 ? dm.schedule.rrule.words.lastDay : dm.schedule.rrule.words.nthLastDay(-n)))
	];
	return `${prefix}${days.join('、')}`;
}

function sortByWeekday(codes: string[]): string[] {
	return [...codes].sort(
		(a, b) =>
			WEEKDAY_CODES.indexOf(a as (typeof WEEKDAY_CODES)[number]) -
			WEEKDAY_CODES.indexOf(b as (typeof WEEKDAY_CODES)[number])
	);
}
