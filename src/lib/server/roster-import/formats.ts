/**
 * What organizers write in a roster sheet, read into rule parts. Pure functions that return null for
 * what they cannot read; interpret.ts turns that into a message naming the column.
 */
import { parseCalendarDate, parseTimeOfDay, type CalendarDate } from '../../calendar-date';
import { compactName } from './columns';

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
const DAY_CHARS = '一二三四五六日';

/** “周二、周四”, “二、四”, “二四”, “星期二”, “周一至周五”, “周1-5”, “工作日”, “周末”. */
export function parseWeekdays(text: string): Weekday[] | null {
	const t = compactName(text)
		.replace(/工作日/g, '一至五')
		.replace(/^每/, '')
		.replace(/周末/g, '六、日')
		.replace(/(星期|礼拜|周)天/g, '$1日')
		.replace(/每周|每星期|星期|礼拜|周/g, '')
		.replace(/[1-7]/g, (d) => DAY_CHARS[Number(d) - 1]!);
	if (!t) return null;
	const days = new Set<number>();
	for (const part of t.split(/[、,;和及与/]/)) {
		if (!part) continue;
		const range = /^(.)(?:至|到|~|-|—|–|－)(.)$/.exec(part);
		if (range) {
			const from = DAY_CHARS.indexOf(range[1]!);
			const to = DAY_CHARS.indexOf(range[2]!);
			if (from < 0 || to < 0 || from > to) return null;
			for (let d = from; d <= to; d++) days.add(d);
			continue;
		}
		for (const c of part) {
			const d = DAY_CHARS.indexOf(c);
			if (d < 0) return null;
			days.add(d);
		}
	}
	if (days.size === 0) return null;
	return [...days].sort((a, b) => a - b).map((d) => WEEKDAYS[d]!);
}

/** “2026-12-01”, “2026/12/1”, “2026.12.1”, “2026年12月1日”, “20261201”. */
export function parseSheetDate(text: string): CalendarDate | null {
	const t = compactName(text);
	const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
	if (!m) return null;
	return parseCalendarDate(`${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`);
}

/** “08:30”, “8:30”, “08:30:00”, “8点半”, “8点30分”, “下午2:30”, “2:30 PM”. */
export function parseSheetTime(text: string): string | null {
	let t = compactName(text).toLowerCase();
	let afternoon = false;
	const prefix = /^(上午|早上|中午|下午|晚上)/.exec(t);
	if (prefix) {
		afternoon = prefix[1] === '下午' || prefix[1] === '晚上';
		t = t.slice(prefix[1]!.length);
	}
	const suffix = /(am|pm)$/.exec(t);
	if (suffix) {
		afternoon = suffix[1] === 'pm';
		t = t.slice(0, -2);
	}
	const m = /^(\d{1,2})(?:[:点时](\d{1,2})?分?(?::\d{2})?|点半)?$/.exec(t);
	if (!m) return null;
	let hour = Number(m[1]);
	const minute = t.endsWith('点半') ? 30 : Number(m[2] ?? 0);
	if (afternoon && hour < 12) hour += 12;
	return parseTimeOfDay(`${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`);
}

/** The slots organizers name instead of times; the hours are those of the district's centers. */
export const SLOTS = {
	上午: { startTime: '08:30', endTime: '11:30' },
	下午: { startTime: '14:00', endTime: '17:00' },
	全天: { startTime: '08:30', endTime: '17:00' }
} as const;
const SLOT_WORDS: Record<string, keyof typeof SLOTS> = {
	上午: '上午',
	早上: '上午',
	上半天: '上午',
	am: '上午',
	下午: '下午',
	下半天: '下午',
	pm: '下午',
	全天: '全天',
	全日: '全天',
	整天: '全天',
	上下午: '全天',
	'上午、下午': '全天',
	'上午,下午': '全天'
};

export function parseSlot(text: string): { startTime: string; endTime: string } | null {
	const word = SLOT_WORDS[compactName(text).toLowerCase()];
	return word ? SLOTS[word] : null;
}

/** A word for the time of day in summaries: 上午 / 下午 / 晚上 / 全天. */
export function slotLabel(startTime: string, endTime: string): string {
	if (endTime <= '12:30') return '上午';
	if (startTime >= '18:00') return '晚上';
	if (startTime >= '12:00') return '下午';
	return '全天';
}

export type Cadence = { kind: 'weekly'; interval: number } | { kind: 'monthly'; nth: 1 | 2 | 3 | 4 | -1 };

const ORDINAL: Record<string, 1 | 2 | 3 | 4> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };
const COUNT: Record<string, number> = { 两: 2, 二: 2, 三: 3, 四: 4, '2': 2, '3': 3, '4': 4 };

/**
 * How often, from the start of a text: “每周”, “隔周” / “双周” / “每两周”, “每三周”, “每月第一个”,
 * “每月最后一个”. The rest is returned, because organizers write “隔周周三” or “每月第一个周六” in one
 * cell. An empty text is every week; null means the start is not a cadence this import knows.
 */
export function splitCadence(text: string): { cadence: Cadence | null; rest: string } {
	const t = compactName(text);
	// “每周末” is a weekday list, not “每周” + “末”.
	const weekly = /^(?:每周(?!末)|每星期|每个星期|每礼拜)/.exec(t);
	if (weekly) return { cadence: { kind: 'weekly', interval: 1 }, rest: t.slice(weekly[0].length) };
	const everyOther = /^(?:隔周|隔一周|双周|每隔一周|每隔1周)/.exec(t);
	if (everyOther) return { cadence: { kind: 'weekly', interval: 2 }, rest: t.slice(everyOther[0].length) };
	const everyN = /^每([两二三四234])周/.exec(t);
	if (everyN) return { cadence: { kind: 'weekly', interval: COUNT[everyN[1]!]! }, rest: t.slice(everyN[0].length) };
	const monthly = /^每个?月的?(?:第([一二三四1-4])个?周?|(最后一|倒数第一)个?周?)/.exec(t);
	if (monthly) {
		const nth = monthly[1] ? ORDINAL[monthly[1]]! : -1;
		return { cadence: { kind: 'monthly', nth }, rest: t.slice(monthly[0].length) };
	}
	return { cadence: null, rest: t };
}

export function buildRule(cadence: Cadence, days: readonly Weekday[]): string {
	if (cadence.kind === 'monthly') return `FREQ=MONTHLY;BYDAY=${cadence.nth}${days[0]}`;
	return cadence.interval === 1 ? `FREQ=WEEKLY;BYDAY=${days.join(',')}` : `FREQ=WEEKLY;INTERVAL=${cadence.interval};BYDAY=${days.join(',')}`;
}

/** “20”, “20个”, “20 人”; blank or “不限” is no limit. Null when it is not a whole number. */
export function parseQuota(text: string): { value: number | null } | null {
	const t = compactName(text);
	if (!t || t === '不限' || t === '不限号') return { value: null };
	const m = /^(\d{1,6})(?:个|人|号|人次)?$/.exec(t);
	return m ? { value: Number(m[1]) } : null;
}
