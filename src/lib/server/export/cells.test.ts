import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvFile, csvRecord, inertText, xlsxCellValue, type ExportCell } from './cells';

const TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];

describe('inertText', () => {
	it('puts an apostrophe before text starting with = + - @ TAB or CR, and leaves other text alone', () => {
		for (const c of TRIGGERS) expect(inertText(`${c}1+1`), JSON.stringify(c)).toBe(`'${c}1+1`);
		for (const text of ['新桥社区', '13812345678', '1-2', "'quoted", ' =1+1', '']) expect(inertText(text)).toBe(text);
	});
});

describe('csvRecord', () => {
	it('quotes per RFC 4180 after defusing: quotes doubled, commas and line breaks inside quotes', () => {
		expect(csvRecord(['=HYPERLINK("http://evil","x")', 'a,b', '第一行\r\n第二行', 'plain'])).toBe(
			`"'=HYPERLINK(""http://evil"",""x"")","a,b","第一行\r\n第二行",plain`
		);
		expect(csvRecord(['\r=1+1'])).toBe(`"'\r=1+1"`);
		expect(csvRecord(['\t=1+1'])).toBe(`'\t=1+1`);
	});

	it('writes numbers as numbers, a negative one too, and text that looks like one as text', () => {
		expect(csvRecord([-5, 3.5, 0, '-5', null])).toBe(`-5,3.5,0,'-5,`);
		expect(csvRecord([0.235, -0.1], (n) => `${(n * 100).toFixed(1)}%`)).toBe('23.5%,-10.0%');
	});
});

describe('csvFile', () => {
	it('starts with a byte-order mark for Excel and ends every record with CRLF', () => {
		expect(csvFile(['a,b', '', 'c'])).toBe('\uFEFFa,b\r\n\r\nc\r\n');
	});
});

describe('xlsxCellValue, read back with exceljs', () => {
	async function roundTrip(cells: (ExcelJS.CellValue | undefined)[]): Promise<ExcelJS.Row> {
		const workbook = new ExcelJS.Workbook();
		workbook.addWorksheet('表').addRow(cells);
		const read = new ExcelJS.Workbook();
		await read.xlsx.load(await workbook.xlsx.writeBuffer());
		return read.getWorksheet('表')!.getRow(1);
	}

	it('stores formula-looking text as a string with the apostrophe, numbers as numbers, null as an empty cell', async () => {
		const cells: ExportCell[] = ['=HYPERLINK("http://evil","x")', '@SUM(A1)', -5, 12, null, '新桥'];
		const row = await roundTrip(cells.map(xlsxCellValue));
		expect([1, 2, 3, 4, 5, 6].map((i) => ({ type: row.getCell(i).type, formula: row.getCell(i).formula, value: row.getCell(i).value }))).toEqual([
			{ type: ExcelJS.ValueType.String, formula: undefined, value: `'=HYPERLINK("http://evil","x")` },
			{ type: ExcelJS.ValueType.String, formula: undefined, value: "'@SUM(A1)" },
			{ type: ExcelJS.ValueType.Number, formula: undefined, value: -5 },
			{ type: ExcelJS.ValueType.Number, formula: undefined, value: 12 },
			{ type: ExcelJS.ValueType.Null, formula: undefined, value: null },
			{ type: ExcelJS.ValueType.String, formula: undefined, value: '新桥' }
		]);
	});

	it('(what exceljs itself does) writes a plain string as a string and only a { formula } value as a formula', async () => {
		const row = await roundTrip(['=1+1', { formula: '1+1', result: 2 }]);
		expect(row.getCell(1).type).toBe(ExcelJS.ValueType.String);
		expect(row.getCell(2).type).toBe(ExcelJS.ValueType.Formula);
	});
});
