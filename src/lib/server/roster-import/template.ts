/** The downloadable roster template: the header organizers fill, two example rows, and how to fill it. */
import ExcelJS from 'exceljs';
import { COLUMNS } from './interpret';

const HELP: [string, string][] = [
	['专家', '必填。与工作台中的专家姓名一致；同名时请填写“职称”区分。'],
	['职称', '可选。主任医师、副主任医师、主治医师、住院医师。'],
	['科室', '必填。如 心内科、康复科。'],
	['社区卫生服务中心', '必填。坐诊地点全称，如 新桥社区卫生服务中心。'],
	['星期', '必填。如 周二、周四；周一至周五；星期六。'],
	['上午/下午', '上午（08:30–11:30）、下午（14:00–17:00）或 全天；填了开始、结束时间时以时间为准。'],
	['开始时间 / 结束时间', '可选。24 小时制，如 08:30、11:30。'],
	['开始日期', '必填。如 2026-12-01、2026/12/1 或 2026年12月1日。'],
	['结束日期', '可选。不填表示长期有效。'],
	['号源', '可选。每次坐诊的号源数，0–500。'],
	['频次', '可选。每周（默认）、隔周、每月第一个 / 第二个 / 最后一个（只能对应一个星期几）。']
];

export async function buildRosterTemplate(): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('排班表');
	const header = [
		COLUMNS.expert[0], COLUMNS.title[0], COLUMNS.department[0], COLUMNS.site[0], COLUMNS.weekdays[0], COLUMNS.slot[0],
		COLUMNS.startTime[0], COLUMNS.endTime[0], COLUMNS.validFrom[0], COLUMNS.validUntil[0], COLUMNS.quota[0], COLUMNS.frequency[0]
	];
	sheet.addRow(header).font = { bold: true };
	sheet.addRow(['李康宁', '副主任医师', '康复科', '新桥社区卫生服务中心', '周二、周四', '上午', '', '', '2026-12-01', '', 20, '每周']);
	sheet.addRow(['赵磊', '副主任医师', '内分泌科', '石井坡社区卫生服务中心', '周三', '上午', '', '', '2026-12-02', '2027-06-30', 25, '隔周']);
	sheet.columns.forEach((column, i) => (column.width = i === 3 ? 26 : 13));
	const help = workbook.addWorksheet('填写说明');
	help.addRow(['列', '怎么填']).font = { bold: true };
	for (const row of HELP) help.addRow(row);
	help.getColumn(1).width = 20;
	help.getColumn(2).width = 80;
	return Buffer.from(await workbook.xlsx.writeBuffer());
}
