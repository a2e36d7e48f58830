/**
 * One sheet row → one rotation, or every reason it cannot be, each naming its column by the header
 * the organizer wrote. Lookups are by name, as the sheet knows no ids.
 */
import { EXPERT_TITLES } from '../db/schema';
import { compactName, type ColumnKey } from './columns';
import { closestName, sameName, type Directory, type DirectoryExpert, type DirectorySite } from './directory';
import { buildRule, parseQuota, parseSheetDate, parseSheetTime, parseSlot, parseWeekdays, splitCadence, type Cadence, type Weekday } from './formats';
import type { RawRow } from './parse';
import type { RotationRule } from '../schedule/expand';
import { dm } from '../../i18n/domain';

/** A complete rotation input: what `createRotation` takes, with nothing left to defaults but policy. */
export type ImportedRotation = Omit<RotationRule, 'id' | 'holidayPolicy' | 'countSwapDays'>;

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
		return dm.rosterImport.row.column(this.raw.labels[column]);
	}
	/** “科室”中的“骨科” */
	cell(column: ColumnKey): string {
		return dm.rosterImport.row.cell(this.col(column), this.text(column));
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
	return r.error(dm.rosterImport.row.departmentMissing(r.cell('department'), guess));
}

function readExpert(r: RowReader, dir: Directory, department: { id: string; name: string } | null | undefined): DirectoryExpert | null {
	const name = compactName(r.text('expert'));
	if (!name) return r.error(dm.rosterImport.row.notFilled(r.col('expert')));
	const namesakes = dir.experts.filter((e) => sameName(e.name, name));
	if (namesakes.length === 0) return r.error(dm.rosterImport.row.expertMissing(r.cell('expert')));
	let candidates = namesakes.filter((e) => e.active);
	if (candidates.length === 0) return r.error(dm.rosterImport.row.inactive(r.cell('expert')));

	if (department) {
		const inDepartment = candidates.filter((e) => e.departmentId === department.id);
		if (inDepartment.length === 0) {
			const theirs = [...new Set(candidates.map((e) => e.departmentName))].join('、');
			return r.error(dm.rosterImport.row.expertOtherDepartment(r.cell('expert'), theirs, r.cell('department')));
		}
		candidates = inDepartment;
	}
	const title = compactName(r.text('title'));
	if (title) {
		if (!(EXPERT_TITLES as readonly string[]).includes(title)) {
			return r.error(dm.rosterImport.row.titleUnknown(r.cell('title'), EXPERT_TITLES.join('、')));
		}
		const withTitle = candidates.filter((e) => e.title === title);
		if (withTitle.length === 0) {
			const theirs = [...new Set(candidates.map((e) => e.title))].join('、');
			return r.error(dm.rosterImport.row.titleMismatch(r.cell('expert'), theirs, r.cell('title')));
		}
		candidates = withTitle;
	}
	const hospital = r.text('hospital');
	if (hospital) {
		const atHospital = candidates.filter((e) => e.hospitalNames.some((h) => sameName(h, hospital)));
		if (atHospital.length === 0) return r.error(dm.rosterImport.row.noExpertAtHospital(r.cell('hospital'), name));
		candidates = atHospital;
	}
	if (candidates.length > 1) {
		const where = department ? department.name : [...new Set(candidates.map((e) => e.departmentName))].join('、');
		return r.error(dm.rosterImport.row.namesakes(where, candidates.length, name));
	}
	return candidates[0]!;
}

function readSite(r: RowReader, dir: Directory): DirectorySite | null {
	const written = r.text('site');
	if (!written) return r.error(dm.rosterImport.row.notFilled(r.col('site')));
	const found = dir.sites.find((s) => sameName(s.name, written));
	if (found && !found.active) return r.error(dm.rosterImport.row.inactive(r.cell('site')));
	if (found) return found;
	const guess = closestName(written, dir.sites.filter((s) => s.active).map((s) => s.name));
	return r.error(dm.rosterImport.row.siteMissing(r.cell('site'), guess));
}

/** The rule from 星期 and 频次 together: either may carry the cadence (“隔周周三”, “每月第一个周六”). */
function readRule(r: RowReader): string | null {
	const inWeekdays = splitCadence(r.text('weekdays'));
	const inFrequency = splitCadence(r.text('frequency'));
	const days = inWeekdays.rest ? parseWeekdays(inWeekdays.rest) : null;
	const frequencyDays = inFrequency.rest ? parseWeekdays(inFrequency.rest) : null;
	const before = r.errors.length;
	if (inWeekdays.rest && !days) r.error(dm.rosterImport.row.weekdaysUnknown(r.cell('weekdays')));
	if (inFrequency.rest && (!inFrequency.cadence || !frequencyDays)) {
		r.error(dm.rosterImport.row.frequencyUnknown(r.cell('frequency')));
	}
	if (r.errors.length > before) return null;
	if (days && frequencyDays && days.join() !== frequencyDays.join()) {
		return r.error(dm.rosterImport.row.frequencyWeekdaysDiffer(r.cell('frequency'), r.cell('weekdays')));
	}
	const weekdays: Weekday[] | null = days ?? frequencyDays;
	if (!weekdays) return r.error(dm.rosterImport.row.notFilled(r.col('weekdays')));
	if (inWeekdays.cadence && inFrequency.cadence && !sameCadence(inWeekdays.cadence, inFrequency.cadence)) {
		return r.error(dm.rosterImport.row.weekdaysFrequencyDiffer(r.cell('weekdays'), r.cell('frequency')));
	}
	const cadence = inFrequency.cadence ?? inWeekdays.cadence ?? { kind: 'weekly', interval: 1 };
	if (cadence.kind === 'monthly' && weekdays.length !== 1) {
		return r.error(dm.rosterImport.row.monthlyOneDay(r.cell('weekdays'), weekdays.length));
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
		if (!slotText) return r.error(dm.rosterImport.row.slotNotFilled(r.col('slot')));
		return slot ?? r.error(dm.rosterImport.row.slotUnknown(r.cell('slot')));
	}
	const start = startText ? parseSheetTime(startText) : (slot?.startTime ?? null);
	const end = endText ? parseSheetTime(endText) : (slot?.endTime ?? null);
	if (startText && !start) r.error(dm.rosterImport.row.startTimeInvalid(r.cell('startTime')));
	if (endText && !end) r.error(dm.rosterImport.row.endTimeInvalid(r.cell('endTime')));
	if (!startText && !start) r.error(dm.rosterImport.row.fillBoth(r.col('endTime'), r.col('startTime')));
	if (!endText && !end) r.error(dm.rosterImport.row.fillBoth(r.col('startTime'), r.col('endTime')));
	if (!start || !end) return null;
	if (end <= start) return r.error(dm.rosterImport.row.endNotAfterStart(r.col('endTime'), end, r.col('startTime'), start));
	return { startTime: start, endTime: end };
}

function readDates(r: RowReader): { validFrom: string; validUntil: string | null } | null {
	const fromText = r.text('validFrom');
	const untilText = r.text('validUntil');
	const validFrom = fromText ? parseSheetDate(fromText) : null;
	const validUntil = untilText ? parseSheetDate(untilText) : null;
	if (!fromText) r.error(dm.rosterImport.row.notFilled(r.col('validFrom')));
	else if (!validFrom) r.error(dm.rosterImport.row.validFromInvalid(r.cell('validFrom')));
	if (untilText && !validUntil) r.error(dm.rosterImport.row.validUntilInvalid(r.cell('validUntil')));
	if (!validFrom || (untilText && !validUntil)) return null;
	if (validUntil && validUntil < validFrom) return r.error(dm.rosterImport.row.untilBeforeFrom(r.col('validUntil'), validUntil, r.col('validFrom'), validFrom));
	return { validFrom, validUntil };
}

function readQuota(r: RowReader): { value: number | null } | null {
	const quota = parseQuota(r.text('quota'));
	if (!quota || (quota.value !== null && quota.value > MAX_QUOTA)) {
		return r.error(dm.rosterImport.row.quotaInvalid(r.cell('quota'), MAX_QUOTA));
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
