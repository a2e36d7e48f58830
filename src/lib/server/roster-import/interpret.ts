/**
 * One sheet row → one rotation, or every reason it cannot be, each naming its column by the header
 * the organizer wrote. Lookups are by name, as the sheet knows no ids.
 */
import { EXPERT_TITLES } from '../db/schema';
import { compactName, type ColumnKey } from './columns';
import { closestName, sameName, type Directory, type DirectoryExpert, type DirectorySite } from './directory';
import { buildRule, parseQuota, parseSheetDate, parseSheetTime, parseSlot, parseWeekdays, splitCadence, type Cadence, type Weekday } from './formats';
import type { RawRow } from './parse';

/** A complete rotation input: what `createRotation` takes, with nothing left to defaults but policy. */
export interface ImportedRotation {
	expertId: string;
	siteId: string;
	departmentId: string;
	rrule: string;
	startTime: string;
	endTime: string;
	validFrom: string;
	validUntil: string | null;
	quota: number | null;
}

export interface InterpretedRow {
	input: ImportedRotation;
	expertName: string;
	siteName: string;
	siteOrganizationId: string;
}

export type Interpretation = { ok: true; row: InterpretedRow } | { ok: false; errors: string[] };

const MAX_QUOTA = 500;

/** Reads one row; `errors` collects messages, so one pass reports everything wrong with it. */
class RowReader {
	readonly errors: string[] = [];
	constructor(private readonly raw: RawRow) {}
	text(column: ColumnKey): string {
		return this.raw.values[column] ?? '';
	}
	/** “科室” — the column as this sheet calls it. */
	col(column: ColumnKey): string {
		return `“${this.raw.labels[column]}”`;
	}
	/** “科室”中的“骨科” */
	cell(column: ColumnKey): string {
		return `${this.col(column)}中的“${this.text(column)}”`;
	}
	error(message: string): null {
		this.errors.push(message);
		return null;
	}
}

function readDepartment(r: RowReader, dir: Directory): { id: string; name: string } | null | undefined {
	const written = r.text('department');
	if (!written) return undefined;
	const found = dir.departments.find((d) => sameName(d.name, written));
	if (found) return found;
	const guess = closestName(written, dir.departments.map((d) => d.name));
	return r.error(`${r.cell('department')}不存在${guess ? `，是不是“${guess}”？` : ''}`);
}

function readExpert(r: RowReader, dir: Directory, department: { id: string; name: string } | null | undefined): DirectoryExpert | null {
	const name = compactName(r.text('expert'));
	if (!name) return r.error(`${r.col('expert')}没有填写`);
	const namesakes = dir.experts.filter((e) => sameName(e.name, name));
	if (namesakes.length === 0) return r.error(`${r.cell('expert')}不存在，请先在工作台添加这位专家`);
	let candidates = namesakes.filter((e) => e.active);
	if (candidates.length === 0) return r.error(`${r.cell('expert')}已停用，不能再安排坐诊`);

	if (department) {
		const inDepartment = candidates.filter((e) => e.departmentId === department.id);
		if (inDepartment.length === 0) {
			const theirs = [...new Set(candidates.map((e) => e.departmentName))].join('、');
			return r.error(`${r.cell('expert')}属于${theirs}，与${r.cell('department')}不一致`);
		}
		candidates = inDepartment;
	}
	const title = compactName(r.text('title'));
	if (title) {
		if (!(EXPERT_TITLES as readonly string[]).includes(title)) {
			return r.error(`${r.cell('title')}无法识别，应为 ${EXPERT_TITLES.join('、')} 之一`);
		}
		const withTitle = candidates.filter((e) => e.title === title);
		if (withTitle.length === 0) {
			const theirs = [...new Set(candidates.map((e) => e.title))].join('、');
			return r.error(`${r.cell('expert')}的职称是${theirs}，与${r.cell('title')}不一致`);
		}
		candidates = withTitle;
	}
	const hospital = r.text('hospital');
	if (hospital) {
		const atHospital = candidates.filter((e) => e.hospitalNames.some((h) => sameName(h, hospital)));
		if (atHospital.length === 0) return r.error(`${r.cell('hospital')}没有名叫“${name}”的专家`);
		candidates = atHospital;
	}
	if (candidates.length > 1) {
		const where = department ? department.name : [...new Set(candidates.map((e) => e.departmentName))].join('、');
		return r.error(`${where}有 ${candidates.length} 位专家叫“${name}”，请填写“职称”或“医院”加以区分`);
	}
	return candidates[0]!;
}

function readSite(r: RowReader, dir: Directory): DirectorySite | null {
	const written = r.text('site');
	if (!written) return r.error(`${r.col('site')}没有填写`);
	const found = dir.sites.find((s) => sameName(s.name, written));
	if (found && !found.active) return r.error(`${r.cell('site')}已停用，不能再安排坐诊`);
	if (found) return found;
	const guess = closestName(written, dir.sites.filter((s) => s.active).map((s) => s.name));
	return r.error(`${r.cell('site')}不存在${guess ? `，是不是“${guess}”？` : '，请填写中心的全称'}`);
}

/** The rule from 星期 and 频次 together: either may carry the cadence (“隔周周三”, “每月第一个周六”). */
function readRule(r: RowReader): string | null {
	const inWeekdays = splitCadence(r.text('weekdays'));
	const inFrequency = splitCadence(r.text('frequency'));
	const days = inWeekdays.rest ? parseWeekdays(inWeekdays.rest) : null;
	const frequencyDays = inFrequency.rest ? parseWeekdays(inFrequency.rest) : null;
	const before = r.errors.length;
	if (inWeekdays.rest && !days) r.error(`${r.cell('weekdays')}无法识别，可填 周二、周四 或 周一至周五`);
	if (inFrequency.rest && (!inFrequency.cadence || !frequencyDays)) {
		r.error(`${r.cell('frequency')}无法识别，可填 每周、隔周、每月第一个 或 每月最后一个`);
	}
	if (r.errors.length > before) return null;
	if (days && frequencyDays && days.join() !== frequencyDays.join()) {
		return r.error(`${r.cell('frequency')}与${r.cell('weekdays')}的星期几不一致`);
	}
	const weekdays: Weekday[] | null = days ?? frequencyDays;
	if (!weekdays) return r.error(`${r.col('weekdays')}没有填写`);
	if (inWeekdays.cadence && inFrequency.cadence && !sameCadence(inWeekdays.cadence, inFrequency.cadence)) {
		return r.error(`${r.cell('weekdays')}与${r.cell('frequency')}不一致`);
	}
	const cadence = inFrequency.cadence ?? inWeekdays.cadence ?? { kind: 'weekly', interval: 1 };
	if (cadence.kind === 'monthly' && weekdays.length !== 1) {
		return r.error(`“每月第几个”只能对应一个星期几，${r.cell('weekdays')}有 ${weekdays.length} 天`);
	}
	return buildRule(cadence, weekdays);
}

const sameCadence = (a: Cadence, b: Cadence) => JSON.stringify(a) === JSON.stringify(b);

/** 开始时间/结束时间 win over 上午/下午; a single time given is completed from the slot. */
function readTimes(r: RowReader): { startTime: string; endTime: string } | null {
	const slotText = r.text('slot');
	const slot = slotText ? parseSlot(slotText) : null;
	const startText = r.text('startTime');
	const endText = r.text('endTime');
	if (!startText && !endText) {
		if (!slotText) return r.error(`${r.col('slot')}没有填写：可填 上午、下午 或 全天，或者填写“开始时间”和“结束时间”`);
		return slot ?? r.error(`${r.cell('slot')}无法识别，可填 上午、下午 或 全天`);
	}
	const start = startText ? parseSheetTime(startText) : (slot?.startTime ?? null);
	const end = endText ? parseSheetTime(endText) : (slot?.endTime ?? null);
	if (startText && !start) r.error(`${r.cell('startTime')}不是有效时间，应如 08:30`);
	if (endText && !end) r.error(`${r.cell('endTime')}不是有效时间，应如 11:30`);
	if (!startText && !start) r.error(`填写了${r.col('endTime')}，也请填写${r.col('startTime')}`);
	if (!endText && !end) r.error(`填写了${r.col('startTime')}，也请填写${r.col('endTime')}`);
	if (!start || !end) return null;
	if (end <= start) return r.error(`${r.col('endTime')}${end} 应晚于${r.col('startTime')}${start}`);
	return { startTime: start, endTime: end };
}

function readDates(r: RowReader): { validFrom: string; validUntil: string | null } | null {
	const fromText = r.text('validFrom');
	const untilText = r.text('validUntil');
	const validFrom = fromText ? parseSheetDate(fromText) : null;
	const validUntil = untilText ? parseSheetDate(untilText) : null;
	if (!fromText) r.error(`${r.col('validFrom')}没有填写`);
	else if (!validFrom) r.error(`${r.cell('validFrom')}不是有效日期，应如 2026-12-01`);
	if (untilText && !validUntil) r.error(`${r.cell('validUntil')}不是有效日期，应如 2027-06-30；长期有效请留空`);
	if (!validFrom || (untilText && !validUntil)) return null;
	if (validUntil && validUntil < validFrom) return r.error(`${r.col('validUntil')}${validUntil} 早于${r.col('validFrom')}${validFrom}`);
	return { validFrom, validUntil };
}

function readQuota(r: RowReader): { value: number | null } | null {
	const quota = parseQuota(r.text('quota'));
	if (!quota || (quota.value !== null && quota.value > MAX_QUOTA)) {
		return r.error(`${r.cell('quota')}应为 0 到 ${MAX_QUOTA} 的整数；不限号源请留空`);
	}
	return quota;
}

export function interpretRow(raw: RawRow, dir: Directory): Interpretation {
	const r = new RowReader(raw);
	const department = readDepartment(r, dir);
	const expert = readExpert(r, dir, department);
	const site = readSite(r, dir);
	const rrule = readRule(r);
	const times = readTimes(r);
	const dates = readDates(r);
	const quota = readQuota(r);
	if (!expert || !site || !rrule || !times || !dates || !quota || department === null || r.errors.length > 0) {
		return { ok: false, errors: r.errors };
	}
	return {
		ok: true,
		row: {
			expertName: expert.name,
			siteName: site.name,
			siteOrganizationId: site.organizationId,
			input: {
				expertId: expert.id,
				siteId: site.id,
				departmentId: department?.id ?? expert.departmentId,
				rrule,
				...times,
				...dates,
				quota: quota.value
			}
		}
	};
}
