/**
 * One sheet row → one rotation, or the reasons it cannot be, each naming its column. Accepts what
 * organizers actually write: 周二、周四 / 二四 / 星期二 / 周一至周五; 上午 / 下午 / 全天; 2026/12/1 /
 * 2026年12月1日; 隔周; 每月第一个周六.
 */
import { parseCalendarDate, parseTimeOfDay } from '../../calendar-date';
import type { RotationInput } from '../schedule/rotations';

export const COLUMNS = {
	expert: ['专家', '专家姓名', '姓名'],
	title: ['职称'],
	department: ['科室'],
	site: ['社区卫生服务中心', '坐诊地点', '中心', '站点'],
	weekdays: ['星期', '坐诊日'],
	slot: ['上午/下午', '时段'],
	startTime: ['开始时间'],
	endTime: ['结束时间'],
	validFrom: ['开始日期', '起始日期'],
	validUntil: ['结束日期', '截止日期'],
	quota: ['号源', '号源数'],
	frequency: ['频次', '规则']
} as const;
export type Column = keyof typeof COLUMNS;
const REQUIRED: Column[] = ['expert', 'department', 'site', 'weekdays', 'slot', 'validFrom'];

const normalize = (s: string) => s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').replace(/／/g, '/');

/** Which sheet column holds which field; throws the list of missing required columns. */
export function mapHeader(header: string[]): { index: Partial<Record<Column, number>>; missing: string[] } {
	const index: Partial<Record<Column, number>> = {};
	header.forEach((name, i) => {
		for (const [column, aliases] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
			if (index[column] === undefined && aliases.some((a) => normalize(a) === normalize(name))) index[column] = i;
		}
	});
	const missing = REQUIRED.filter((c) => index[c] === undefined).map((c) => COLUMNS[c][0]);
	return { index, missing };
}

const DAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const DAY_CHARS = '一二三四五六日';

export function parseWeekdays(text: string): string[] | null {
	const t = normalize(text).replace(/天/g, '日').replace(/星期|礼拜|每周|周/g, '');
	const range = /^([一二三四五六日])[至到~\-—]([一二三四五六日])$/.exec(t);
	if (range) {
		const a = DAY_CHARS.indexOf(range[1]!);
		const b = DAY_CHARS.indexOf(range[2]!);
		return a <= b ? DAY_CODES.slice(a, b + 1) : null;
	}
	const chars = t.replace(/[、，,和及\s]/g, '');
	if (!chars || [...chars].some((c) => !DAY_CHARS.includes(c))) return null;
	return [...new Set([...chars].map((c) => DAY_CODES[DAY_CHARS.indexOf(c)]!))];
}

const SLOTS: Record<string, { startTime: string; endTime: string }> = {
	上午: { startTime: '08:30', endTime: '11:30' },
	下午: { startTime: '14:00', endTime: '17:00' },
	全天: { startTime: '08:30', endTime: '17:00' }
};

export function parseSheetDate(text: string): string | null {
	const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(normalize(text));
	if (!m) return null;
	return parseCalendarDate(`${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`);
}

function parseFrequency(text: string, weekdays: string[]): { rule: string } | { error: string } {
	const t = normalize(text);
	if (!t || t === '每周') return { rule: `FREQ=WEEKLY;BYDAY=${weekdays.join(',')}` };
	if (t === '隔周') return { rule: `FREQ=WEEKLY;INTERVAL=2;BYDAY=${weekdays.join(',')}` };
	const nth = /^每月(第[一二三四]个|最后一个)/.exec(t);
	if (nth) {
		if (weekdays.length !== 1) return { error: '“每月第几个”只能对应一个星期几' };
		const n = nth[1] === '最后一个' ? -1 : '一二三四'.indexOf(nth[1]![1]!) + 1;
		return { rule: `FREQ=MONTHLY;BYDAY=${n}${weekdays[0]}` };
	}
	return { error: `频次“${text}”无法识别，可填 每周、隔周、每月第一个` };
}

export interface Directory {
	experts: { id: string; name: string; title: string; departmentName: string }[];
	sites: { id: string; name: string }[];
	departments: { id: string; name: string }[];
}

export type Interpretation = { ok: true; input: RotationInput; expertName: string; siteName: string } | { ok: false; errors: string[] };

/** The closest site name by shared characters, for "did you mean". */
function closest(name: string, candidates: string[]): string | null {
	let best: string | null = null;
	let bestScore = 0;
	for (const c of candidates) {
		const score = [...new Set(name)].filter((ch) => c.includes(ch)).length / Math.max(name.length, 1);
		if (score > bestScore) [best, bestScore] = [c, score];
	}
	return bestScore >= 0.5 ? best : null;
}

export function interpretRow(cells: string[], index: Partial<Record<Column, number>>, dir: Directory): Interpretation {
	const get = (c: Column) => (index[c] === undefined ? '' : (cells[index[c]!] ?? '').trim());
	const errors: string[] = [];

	const department = dir.departments.find((d) => d.name === get('department'));
	if (!get('department')) errors.push('“科室”没有填写');
	else if (!department) errors.push(`“科室”中的“${get('department')}”不存在`);

	let expertId = '';
	const name = get('expert');
	if (!name) errors.push('“专家”没有填写');
	else {
		let matches = dir.experts.filter((e) => e.name === name);
		if (department) matches = matches.filter((e) => e.departmentName === department.name);
		if (get('title')) matches = matches.filter((e) => e.title === get('title'));
		if (matches.length === 0) errors.push(`“专家”中的“${name}”${department ? `在${department.name}` : ''}找不到，请先在工作台添加这位专家`);
		else if (matches.length > 1) errors.push(`有 ${matches.length} 位同名的“${name}”，请填写“职称”区分`);
		else expertId = matches[0]!.id;
	}

	const siteName = get('site');
	const site = dir.sites.find((s) => s.name === siteName);
	if (!siteName) errors.push('“社区卫生服务中心”没有填写');
	else if (!site) {
		const guess = closest(siteName, dir.sites.map((s) => s.name));
		errors.push(`“社区卫生服务中心”中的“${siteName}”不存在${guess ? `，是不是“${guess}”？` : ''}`);
	}

	const weekdays = parseWeekdays(get('weekdays'));
	if (!weekdays) errors.push(`“星期”中的“${get('weekdays')}”无法识别，可填 周二、周四 或 周一至周五`);

	let slot = SLOTS[normalize(get('slot'))];
	if (get('startTime') || get('endTime')) {
		const start = parseTimeOfDay(get('startTime'));
		const end = parseTimeOfDay(get('endTime'));
		if (!start) errors.push(`“开始时间”中的“${get('startTime')}”不是有效时间，应如 08:30`);
		if (!end) errors.push(`“结束时间”中的“${get('endTime')}”不是有效时间，应如 11:30`);
		if (start && end) {
			if (start >= end) errors.push(`“结束时间”${end} 应晚于“开始时间”${start}`);
			slot = { startTime: start, endTime: end };
		}
	} else if (!slot) errors.push(`“上午/下午”中的“${get('slot')}”无法识别，可填 上午、下午 或 全天`);

	const validFrom = parseSheetDate(get('validFrom'));
	if (!validFrom) errors.push(`“开始日期”中的“${get('validFrom')}”不是有效日期，应如 2026-12-01`);
	const validUntil = get('validUntil') ? parseSheetDate(get('validUntil')) : null;
	if (get('validUntil') && !validUntil) errors.push(`“结束日期”中的“${get('validUntil')}”不是有效日期，应如 2027-06-30`);
	if (validFrom && validUntil && validUntil < validFrom) errors.push('“结束日期”早于“开始日期”');

	const quotaText = get('quota');
	const quota = quotaText ? Number(quotaText) : null;
	if (quotaText && (!Number.isInteger(quota) || quota! < 0 || quota! > 500)) errors.push(`“号源”中的“${quotaText}”应为 0 到 500 的整数`);

	const frequency = weekdays ? parseFrequency(get('frequency'), weekdays) : null;
	if (frequency && 'error' in frequency) errors.push(frequency.error);

	if (errors.length > 0 || !weekdays || !slot || !validFrom || !frequency || 'error' in frequency) return { ok: false, errors };
	return {
		ok: true,
		expertName: name,
		siteName,
		input: {
			expertId,
			siteId: site!.id,
			departmentId: department!.id,
			rrule: frequency.rule,
			startTime: slot.startTime,
			endTime: slot.endTime,
			validFrom,
			validUntil,
			quota
		}
	};
}
