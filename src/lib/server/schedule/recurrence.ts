/**
 * Rotation rules are RFC 5545 RRULEs expanded by `rrule`. rrule has no real time-zone support, so it
 * works on "floating" dates: UTC midnights that stand for local calendar dates at the site. Times of
 * day are applied afterwards, in the site's zone.
 */
import * as rruleModule from 'rrule';
import type { Options, RRule as RRuleType } from 'rrule';
import { fromUtcMidnight, toUtcMidnight, type CalendarDate } from '../../calendar-date';
import { invalid } from '../errors';

// rrule ships CommonJS as `main`; Node exposes it as a default export, Vite as named exports.
const RRule: typeof RRuleType =
	(rruleModule as { RRule?: typeof RRuleType }).RRule ??
	(rruleModule as unknown as { default: { RRule: typeof RRuleType } }).default.RRule;

const ALLOWED_FREQ = ['DAILY', 'WEEKLY', 'MONTHLY'] as const;
const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const WEEKDAY_NAMES = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;
const ORDINALS: Record<string, string> = { '1': '第一个', '2': '第二个', '3': '第三个', '4': '第四个', '-1': '最后一个' };

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
	if (!raw) throw invalid('请填写重复规则', 'rrule');
	const parts = new Map<string, string>();
	for (const part of raw.split(';')) {
		if (!part) continue;
		const [key, value, ...rest] = part.split('=');
		if (!key || value === undefined || rest.length) throw invalid(`重复规则无法识别：“${part}”`, 'rrule');
		const name = key.toUpperCase();
		if (parts.has(name)) throw invalid(`重复规则中 ${name} 出现了两次`, 'rrule');
		parts.set(name, value.toUpperCase());
	}
	for (const name of parts.keys()) {
		if (name === 'UNTIL' || name === 'COUNT') {
			throw invalid('结束日期请填在“结束日期”里，不要写在重复规则里', 'rrule');
		}
		if (!['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'WKST'].includes(name)) {
			throw invalid(`重复规则不支持 ${name}`, 'rrule');
		}
	}
	const freq = parts.get('FREQ');
	if (!freq) throw invalid('重复规则缺少频率（FREQ）', 'rrule');
	if (!(ALLOWED_FREQ as readonly string[]).includes(freq)) {
		throw invalid('频率只能是每天、每周或每月（DAILY / WEEKLY / MONTHLY）', 'rrule');
	}
	const intervalText = parts.get('INTERVAL') ?? '1';
	if (!/^\d{1,2}$/.test(intervalText) || Number(intervalText) < 1 || Number(intervalText) > 12) {
		throw invalid('间隔必须是 1 到 12 之间的整数', 'rrule');
	}
	const byDay: ParsedRecurrence['byDay'] = [];
	for (const entry of (parts.get('BYDAY') ?? '').split(',').filter(Boolean)) {
		const m = /^([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)$/.exec(entry);
		if (!m) throw invalid(`星期写法无法识别：“${entry}”`, 'rrule');
		const nth = m[1] ? Number(m[1]) : null;
		if (nth !== null && (freq !== 'MONTHLY' || !(String(nth) in ORDINALS))) {
			throw invalid(`“${entry}”只能用于每月规则，且序号为 1–4 或 -1`, 'rrule');
		}
		byDay.push({ day: m[2] as ParsedRecurrence['byDay'][number]['day'], nth });
	}
	const byMonthDay: number[] = [];
	for (const entry of (parts.get('BYMONTHDAY') ?? '').split(',').filter(Boolean)) {
		const n = Number(entry);
		if (!/^-?\d{1,2}$/.test(entry) || n === 0 || n < -31 || n > 31) {
			throw invalid(`每月日期无法识别：“${entry}”`, 'rrule');
		}
		byMonthDay.push(n);
	}
	if (freq === 'WEEKLY' && byDay.length === 0) throw invalid('每周规则需要指定星期几（BYDAY）', 'rrule');
	if (freq === 'MONTHLY' && byDay.length === 0 && byMonthDay.length === 0) {
		throw invalid('每月规则需要指定第几个星期几或几号', 'rrule');
	}
	const wkst = parts.get('WKST');
	if (wkst && !(WEEKDAY_CODES as readonly string[]).includes(wkst)) throw invalid('WKST 无法识别', 'rrule');

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
	if (rule.freq === 'DAILY') return rule.interval === 1 ? '每天' : `每隔 ${rule.interval - 1} 天`;
	if (rule.freq === 'WEEKLY') {
		const days = sortByWeekday(rule.byDay.map((d) => d.day));
		const isWorkweek = days.join(',') === 'MO,TU,WE,TH,FR';
		const list = isWorkweek ? '周一至周五' : days.map(dayName).join('、');
		if (rule.interval === 1) return `每${list}`;
		if (rule.interval === 2) return `隔周${list}`;
		return `每 ${rule.interval} 周的${list}`;
	}
	const prefix = rule.interval === 1 ? '每月' : `每 ${rule.interval} 个月的`;
	const days = [
		...rule.byDay.map((d) => `${d.nth !== null ? ORDINALS[String(d.nth)] : '每个'}${dayName(d.day)}`),
		...rule.byMonthDay.map((n) => (n > 0 ? `${n}日` : n === -1 ? '最后一天' : `倒数第 ${-n} 天`))
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
