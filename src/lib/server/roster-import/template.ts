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
const otherNames = (key: ColumnKey) => (COLUMN_ALIASES[key].length > 1 ? `表头也可写作：${COLUMN_ALIASES[key].slice(1).join('、')}。` : '');

const HELP: { key: ColumnKey; required: string; how: string; example: string }[] = [
	{ key: 'expert', required: '必填', how: '与工作台中的专家姓名一致。同名的专家请再填写“职称”，或加一列“医院”填写专家所在医院。', example: '陈志明' },
	{ key: 'title', required: '选填', how: `${EXPERT_TITLES.join('、')}。只在有同名专家时需要。`, example: '主任医师' },
	{ key: 'department', required: '选填', how: '不填时用专家所属科室；填写时须与工作台中的科室名称一致。', example: '心内科' },
	{ key: 'site', required: '必填', how: '坐诊的社区卫生服务中心（或卫生院、站点）全称，与工作台中的名称一致。', example: '天星桥社区卫生服务中心' },
	{ key: 'weekdays', required: '必填', how: '一行可以写多天：周二、周四；二、四；星期二；周一至周五。', example: '周二、周四' },
	{ key: 'slot', required: '二选一', how: `上午（${slotHours('上午')}）、下午（${slotHours('下午')}）或全天（${slotHours('全天')}）。填写了开始、结束时间时以时间为准。`, example: '上午' },
	{ key: 'startTime', required: '二选一', how: '24 小时制，如 08:30、14:00。与“结束时间”一起填写，代替“上午/下午”。', example: '09:00' },
	{ key: 'endTime', required: '二选一', how: '24 小时制，须晚于开始时间。', example: '11:30' },
	{ key: 'validFrom', required: '必填', how: '第一次坐诊所在的日期起生效。可写 2026-12-01、2026/12/1 或 2026年12月1日。', example: '2026-12-01' },
	{ key: 'validUntil', required: '选填', how: '最后一天（含）。不填表示长期有效。', example: '2027-06-30' },
	{ key: 'quota', required: '选填', how: '每次坐诊放多少个号，0–500 的整数。不填表示不限。', example: '20' },
	{ key: 'frequency', required: '选填', how: '每周（不填即每周）、隔周，或 每月第一个/第二个/第三个/第四个/最后一个（这时“星期”只能填一天）。也可直接写“每月第一个周六”。', example: '隔周' }
];

const NOTES = [
	'每一行是一条坐诊安排。第一行是表头，列的顺序可以调整，不认识的列（如“备注”）会被忽略。',
	'导入前会先检查每一行：专家、中心、科室是否存在，时间是否合理，同一位专家是否在同一时间被安排在两个地方，诊室是否够用。',
	'只要有一行需要修改，整张表都不会导入；改好后重新上传即可。表中有不归您负责的中心时，也可以选择只导入您负责的行。',
	'同一张表可以重复导入：已经导入过的行显示为“无变化”，不会重复创建。要修改已有的安排，请在工作台中编辑。',
	`一次最多 ${MAX_ROWS} 行，文件不超过 ${MAX_FILE_BYTES / 1024 / 1024} MB。支持 .xlsx 和 .csv（UTF-8 或 Excel 默认的 GBK 编码均可）。`,
	'表中的两行灰色示例请在导入前删除或改成您自己的排班。'
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
	const sheet = workbook.addWorksheet('排班表', { views: [{ state: 'frozen', ySplit: 1 }] });
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
		sheet.getCell('A2').note = '示例行：导入前请删除，或改成您自己的排班。';
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

	const help = workbook.addWorksheet('填写说明');
	help.columns = [
		{ header: '列', width: 18 },
		{ header: '是否必填', width: 10 },
		{ header: '怎么填', width: 70 },
		{ header: '例子', width: 24 }
	];
	help.getRow(1).font = { bold: true };
	for (const h of HELP) help.addRow([canonicalLabel(h.key), h.required, `${h.how}${otherNames(h.key) ? ` ${otherNames(h.key)}` : ''}`, h.example]);
	help.addRow([]);
	help.addRow(['“二选一”：填写“上午/下午”，或者填写“开始时间”和“结束时间”。']);
	help.addRow([]);
	help.addRow(['说明']).font = { bold: true };
	for (const note of NOTES) help.addRow([note]);
	help.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
	return Buffer.from(await workbook.xlsx.writeBuffer());
}
