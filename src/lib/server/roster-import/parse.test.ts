import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readRosterSheet } from './parse';
import { rosterWorkbook } from './xlsx-fixtures';

const csv = (text: string) => new TextEncoder().encode(text);
const HEADER = '专家,社区卫生服务中心,星期,上午/下午,开始日期';

async function xlsx(build: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	build(workbook);
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('the header', () => {
	it('is matched leniently, keeps the sheet’s own names for messages, and ignores unknown columns', async () => {
		const rows = await readRosterSheet(
			csv(' 专家姓名 ,职　称,坐诊地点*,星期（必填）,上午／下午,起始日期：,备注\n陈志明,主任医师,天星桥社区卫生服务中心,周一,上午,2026-12-07,带听诊器\n'),
			'排班.csv'
		);
		expect(rows).toHaveLength(1);
		expect(rows[0]!.values).toEqual({ expert: '陈志明', title: '主任医师', site: '天星桥社区卫生服务中心', weekdays: '周一', slot: '上午', validFrom: '2026-12-07' });
		expect(rows[0]!.labels).toMatchObject({ expert: '专家姓名', site: '坐诊地点*', validFrom: '起始日期:' });
	});

	it('skips a title row above the header, blank rows and a repeated header, keeping Excel’s row numbers', async () => {
		const text = ['2026年12月 专家坐诊排班表,,,,', ',,,,', HEADER, '陈志明,天星桥社区卫生服务中心,周一,上午,2026-12-07', ',,,,', HEADER, '孙倩,新桥社区卫生服务中心,周六,上午,2026-12-05', ''].join('\n');
		const rows = await readRosterSheet(csv(text), 'x.csv');
		expect(rows.map((r) => [r.rowNumber, r.values.expert])).toEqual([
			[4, '陈志明'],
			[7, '孙倩']
		]);
	});

	it('names every missing column in one message', async () => {
		await expect(readRosterSheet(csv('专家,科室\n陈志明,心内科\n'), 'x.csv')).rejects.toMatchObject({
			kind: 'invalid',
			message: '表格缺少这些列：社区卫生服务中心、星期、开始日期、上午/下午（或“开始时间”和“结束时间”）。请对照模板检查第 1 行的表头。'
		});
	});

	it('accepts 开始时间 and 结束时间 in place of 上午/下午', async () => {
		const rows = await readRosterSheet(csv('专家,中心,星期,开始时间,结束时间,开始日期\n陈志明,天星桥社区卫生服务中心,周一,09:00,11:00,2026-12-07\n'), 'x.csv');
		expect(rows[0]!.values).toMatchObject({ startTime: '09:00', endTime: '11:00' });
	});

	it('refuses two columns that mean the same thing', async () => {
		await expect(readRosterSheet(csv(`${HEADER},起始日期\n`), 'x.csv')).rejects.toMatchObject({ message: '表头中“开始日期”和“起始日期”是同一列，请只保留一列。' });
	});
});

describe('files the import refuses', () => {
	it.each([
		['an empty file', new Uint8Array(), 'x.csv', '文件是空的'],
		['an old .xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'x.xls', '旧版 .xls'],
		['a text file named .xlsx', csv(`${HEADER}\n`), 'x.xlsx', '内容不是 Excel 表格'],
		['a PDF', csv('%PDF-1.7'), 'x.pdf', '只支持 .xlsx 或 .csv'],
		['a damaged .xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'x.xlsx', '无法读取这个 Excel 文件']
	])('%s', async (_, bytes, filename, message) => {
		await expect(readRosterSheet(bytes, filename)).rejects.toMatchObject({ kind: 'invalid', message: expect.stringContaining(message) });
	});

	it('refuses more than 2 MB, and more than 2,000 rows, but takes 2,000', async () => {
		const line = '陈志明,天星桥社区卫生服务中心,周一,上午,2026-12-07\n';
		const big = csv(`${HEADER}\n${'#'.repeat(2 * 1024 * 1024)}\n`);
		await expect(readRosterSheet(big, 'x.csv')).rejects.toMatchObject({ status: 413, message: expect.stringContaining('2 MB') });
		expect(await readRosterSheet(csv(`${HEADER}\n${line.repeat(2000)}`), 'x.csv')).toHaveLength(2000);
		await expect(readRosterSheet(csv(`${HEADER}\n${line.repeat(2001)}`), 'x.csv')).rejects.toMatchObject({
			message: '一次最多导入 2000 行，这张表有 2001 行。请拆成几个文件分次导入。'
		});
	});

	it('refuses an .xlsx that would unpack to far more than any roster, without unpacking it', async () => {
		// A zip whose central directory declares one 1.5 GB entry.
		const bytes = new Uint8Array(4 + 46 + 9 + 22);
		const view = new DataView(bytes.buffer);
		view.setUint32(0, 0x04034b50, true);
		view.setUint32(4, 0x02014b50, true);
		view.setUint32(4 + 24, 1_500_000_000, true);
		view.setUint16(4 + 28, 9, true);
		bytes.set(new TextEncoder().encode('sheet.xml'), 4 + 46);
		const eocd = 4 + 46 + 9;
		view.setUint32(eocd, 0x06054b50, true);
		view.setUint16(eocd + 10, 1, true);
		view.setUint32(eocd + 16, 4, true);
		await expect(readRosterSheet(bytes, 'x.xlsx')).rejects.toMatchObject({ message: expect.stringContaining('解压后过大') });
	});

	it('refuses a small .xlsx that unpacks to more rows than any roster, counting them as it unpacks', async () => {
		// 12,000 rows in a zip of a few hundred KB: the bomb, kept small enough to build quickly.
		const bomb = rosterWorkbook({ rows: 12_000 });
		expect(bomb.byteLength).toBeLessThan(2 * 1024 * 1024);
		await expect(readRosterSheet(bomb, 'x.xlsx')).rejects.toMatchObject({
			status: 413,
			message: '这个 Excel 文件展开后太大（超过 10000 行或 100000 个单元格）。请只保留排班表那一张工作表，删去空行空列后再导入。'
		});
	});

	it('refuses an .xlsx whose zip claims less than it holds', async () => {
		await expect(readRosterSheet(rosterWorkbook({ rows: 12_000, declaredSheetSize: 1_000_000 }), 'x.xlsx')).rejects.toMatchObject({
			status: 400,
			message: expect.stringContaining('无法读取这个 Excel 文件')
		});
	});

	it('takes an .xlsx of 2,000 rows and refuses one of 2,001 by the row count', async () => {
		expect(await readRosterSheet(rosterWorkbook({ rows: 2000 }), 'x.xlsx')).toHaveLength(2000);
		await expect(readRosterSheet(rosterWorkbook({ rows: 2001 }), 'x.xlsx')).rejects.toMatchObject({
			message: '一次最多导入 2000 行，这张表有 2001 行。请拆成几个文件分次导入。'
		});
	});
});

describe('.xlsx cells', () => {
	it('reads date and time cells, bare date serials and time fractions, formulas, rich text and merged cells', async () => {
		const bytes = await xlsx((wb) => {
			const sheet = wb.addWorksheet('排班');
			sheet.addRow(['专家', '社区卫生服务中心', '星期', '开始时间', '结束时间', '开始日期', '结束日期', '号源']);
			sheet.addRow([
				{ richText: [{ text: '陈' }, { text: '志明', font: { bold: true } }] },
				'天星桥社区卫生服务中心',
				'周一',
				new Date(Date.UTC(1899, 11, 30, 8, 30)),
				0.5,
				new Date(Date.UTC(2026, 11, 7)),
				46387,
				{ formula: '10*3', result: 30 }
			]);
			sheet.addRow([null, '新桥社区卫生服务中心', '周二', '9:00', '11:00', '2026/12/8', null, 20]);
			// The expert's name is merged down both rows, as organizers often do.
			sheet.mergeCells('A2:A3');
		});
		const rows = await readRosterSheet(bytes, '排班.xlsx');
		expect(rows.map((r) => r.values)).toEqual([
			{ expert: '陈志明', site: '天星桥社区卫生服务中心', weekdays: '周一', startTime: '08:30', endTime: '12:00', validFrom: '2026-12-07', validUntil: '2026-12-31', quota: '30' },
			{ expert: '陈志明', site: '新桥社区卫生服务中心', weekdays: '周二', startTime: '9:00', endTime: '11:00', validFrom: '2026/12/8', quota: '20' }
		]);
	});

	it('reads bare date serials of a Mac workbook counting from 1904', async () => {
		const bytes = await xlsx((wb) => {
			wb.properties.date1904 = true;
			const sheet = wb.addWorksheet('排班');
			sheet.addRow(HEADER.split(','));
			sheet.addRow(['陈志明', '天星桥社区卫生服务中心', '周一', '上午', 44_866]);
		});
		// 44,866 days after 1 January 1904; the same serial counted from 1900 would be 1 November 2022.
		expect((await readRosterSheet(bytes, 'x.xlsx'))[0]!.values.validFrom).toBe('2026-11-02');
	});

	it('finds the roster on a later sheet and skips hidden sheets', async () => {
		const bytes = await xlsx((wb) => {
			const hidden = wb.addWorksheet('旧表', { state: 'hidden' });
			hidden.addRow(HEADER.split(','));
			hidden.addRow(['旧数据', '天星桥社区卫生服务中心', '周一', '上午', '2020-01-06']);
			wb.addWorksheet('封面').addRow(['沙坪坝区专家坐诊排班']);
			const roster = wb.addWorksheet('十二月');
			roster.addRow(HEADER.split(','));
			roster.addRow(['孙倩', '新桥社区卫生服务中心', '周六', '上午', '2026-12-05']);
		});
		expect((await readRosterSheet(bytes, 'x.xlsx')).map((r) => r.values.expert)).toEqual(['孙倩']);
	});
});
