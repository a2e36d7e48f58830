/**
 * The downloadable roster template: the header the import reads, two example rows, dropdowns for the
 * columns with fixed choices, and a second sheet “填写说明” explaining every column.
 */
import ExcelJS from 'exceljs';
import { addDays, type CalendarDate } from '../../calendar-date';
import { districtToday } from '../clock';
import { EXPERT_TITLES } from '../db/schema';
import { canonicalLabel, COLUMN_ALIASES, type ColumnKey } from './columns';
import { SLOTS } from './formats';
import { MAX_FILE_BYTES, MAX_ROWS } from './parse';
import { dm } from '../../i18n/domain';

const TEMPLATE_COLUMNS: { key: ColumnKey; width: number }[] = [
	{ key: 'expert', width: 10 },
	{ key: 'title', width: 12 },
	{ key: 'department', width: 10 },
	{ key: 'site', width: 26 },
	{ key: 'weekdays', width: 14 },
	{ key: 'slot', width: 11 },
	{ key: 'startTime', width: 10 },
	{ key: 'endTime', width: 10 },
	{ key: 'validFrom', width: 12 },
	{ key: 'validUntil', width: 12 },
	{ key: 'quota', width: 8 },
	{ key: 'frequency', width: 14 }
];

const FREQUENCY_CHOICES = ['每周', '隔周', '每月第一个', '每月第二个', '每月第三个', '每月第四个', '每月最后一个'];
const slotHours = (slot: keyof typeof SLOTS) => `${SLOTS[slot].startTime}–${SLOTS[slot].endTime}`;
const otherNames = (key: ColumnKey) => (COLUMN_ALIASES[key].length > 1 ? dm.rosterImport.template.otherNames(COLUMN_ALIASES[key].slice(1).join('、')) : '');

const HELP: { key: ColumnKey; required: string; how: string; example: string }[] = [
	{ key: 'expert', required: dm.rosterImport.template.required, how: dm.rosterImport.template.how.expert, example: '陈志明' },
	{ key: 'title', required: dm.rosterImport.template.optional, how: dm.rosterImport.template.how.title(EXPERT_TITLES.join('、')), example: '主任医师' },
	{ key: 'department', required: dm.rosterImport.template.optional, how: dm.rosterImport.template.how.department, example: '心内科' },
	{ key: 'site', required: dm.rosterImport.template.required, how: dm.rosterImport.template.how.site, example: '天星桥社区卫生服务中心' },
	{ key: 'weekdays', required: dm.rosterImport.template.required, how: dm.rosterImport.template.how.weekdays, example: '周二、周四' },
	{ key: 'slot', required: dm.rosterImport.template.eitherOr, how: dm.rosterImport.template.how.slot(slotHours('上午'), slotHours('下午'), slotHours('全天')), example: '上午' },
	{ key: 'startTime', required: dm.rosterImport.template.eitherOr, how: dm.rosterImport.template.how.startTime, example: '09:00' },
	{ key: 'endTime', required: dm.rosterImport.template.eitherOr, how: dm.rosterImport.template.how.endTime, example: '11:30' },
	{ key: 'validFrom', required: dm.rosterImport.template.required, how: dm.rosterImport.template.how.validFrom, example: '2026-12-01' },
	{ key: 'validUntil', required: dm.rosterImport.template.optional, how: dm.rosterImport.template.how.validUntil, example: '2027-06-30' },
	{ key: 'quota', required: dm.rosterImport.template.optional, how: dm.rosterImport.template.how.quota, example: '20' },
	{ key: 'frequency', required: dm.rosterImport.template.optional, how: dm.rosterImport.template.how.frequency, example: '隔周' }
];

const NOTES = [
	dm.rosterImport.template.notes.rows,
	dm.rosterImport.template.notes.checks,
	dm.rosterImport.template.notes.allOrNothing,
	dm.rosterImport.template.notes.repeatable,
	dm.rosterImport.template.notes.limits(MAX_ROWS, MAX_FILE_BYTES / 1024 / 1024),
	dm.rosterImport.template.notes.examples
];

/** The first day of the month after `today`: example dates that are always ahead. */
function nextMonthStart(today: CalendarDate): CalendarDate {
	const [y, m] = today.split('-').map(Number) as [number, number];
	return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** A filled-in row: text as typed, numbers, and dates or times (on Excel's day zero) as Date cells. */
export type TemplateRow = Partial<Record<ColumnKey, string | number | Date>>;

/**
 * The template, with its two grey example rows — or, given `rows`, filled in with those instead (the
 * sample sheet in docs/samples is written this way).
 */
export async function buildRosterTemplate(options: { today?: CalendarDate; rows?: readonly TemplateRow[] } = {}): Promise<Buffer> {
	const start = nextMonthStart(options.today ?? districtToday());
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet(dm.rosterImport.template.rosterSheet, { views: [{ state: 'frozen', ySplit: 1 }] });
	sheet.columns = TEMPLATE_COLUMNS.map((c) => ({ header: canonicalLabel(c.key), key: c.key, width: c.width }));
	const header = sheet.getRow(1);
	header.font = { bold: true };
	header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0FE' } };

	// Demo-district names, so the examples import cleanly into the demo; organizers replace them.
	const examples: Partial<Record<ColumnKey, string | number>>[] = [
		{ expert: '陈志明', title: '主任医师', department: '心内科', site: '天星桥社区卫生服务中心', weekdays: '周四', slot: '下午', validFrom: start, quota: 30, frequency: '每周' },
		{ expert: '黄秀英', title: '主任医师', department: '内分泌科', site: '新桥社区卫生服务中心', weekdays: '周五', startTime: '08:30', endTime: '11:30', validFrom: start, validUntil: addDays(start, 181), quota: 20, frequency: '隔周' }
	];
	if (options.rows) {
		for (const values of options.rows) {
			sheet.addRow(values).eachCell((cell) => {
				if (cell.value instanceof Date) cell.numFmt = cell.value.getUTCFullYear() === 1899 ? 'hh:mm' : 'yyyy/m/d';
			});
		}
	} else {
		for (const example of examples) sheet.addRow(example).font = { italic: true, color: { argb: 'FF808080' } };
		sheet.getCell('A2').note = dm.rosterImport.template.exampleNote;
	}

	// Dropdowns suggest the usual choices without forbidding others (“每月第一个周六” stays allowed).
	// One range per column: exceljs's typings omit `dataValidations`, and per-cell validations come out
	// as overlapping ranges (it sorts “B10” before “B2”), which Excel may flag as damaged.
	const { dataValidations } = sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } };
	const suggest = (key: ColumnKey, choices: readonly string[]) => {
		const letter = sheet.getColumn(key).letter;
		dataValidations.add(`${letter}2:${letter}${MAX_ROWS + 1}`, { type: 'list', allowBlank: true, showErrorMessage: false, formulae: [`"${choices.join(',')}"`] });
	};
	suggest('title', EXPERT_TITLES);
	suggest('slot', Object.keys(SLOTS));
	suggest('frequency', FREQUENCY_CHOICES);

	const help = workbook.addWorksheet(dm.rosterImport.template.helpSheet);
	help.columns = [
		{ header: dm.rosterImport.template.helpHeaders.column, width: 18 },
		{ header: dm.rosterImport.template.helpHeaders.required, width: 10 },
		{ header: dm.rosterImport.template.helpHeaders.how, width: 70 },
		{ header: dm.rosterImport.template.helpHeaders.example, width: 24 }
	];
	help.getRow(1).font = { bold: true };
	for (const h of HELP) help.addRow([canonicalLabel(h.key), h.required, `${h.how}${otherNames(h.key) ? ` ${otherNames(h.key)}` : ''}`, h.example]);
	help.addRow([]);
	help.addRow([dm.rosterImport.template.eitherOrNote]);
	help.addRow([]);
	help.addRow([dm.rosterImport.template.notesHeading]).font = { bold: true };
	for (const note of NOTES) help.addRow([note]);
	help.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
	return Buffer.from(await workbook.xlsx.writeBuffer());
}
