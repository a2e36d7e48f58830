import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { rosterWorkbook, zipEntries } from './xlsx-fixtures';
import { inspectXlsx, type XlsxLimits } from './xlsx-inspect';
import { readZipDirectory } from './zip-directory';

const ROOMY: XlsxLimits = { rows: 1_000_000, cells: 1_000_000, entryBytes: 100 * 1024 * 1024, totalBytes: 100 * 1024 * 1024 };
const text = (s: string) => new TextEncoder().encode(s);
const sheetSize = (bytes: Uint8Array) => readZipDirectory(bytes)!.find((e) => e.name === 'xl/worksheets/sheet1.xml')!.declaredSize;

describe('inspectXlsx', () => {
	it('counts every row and cell of every sheet of a workbook exceljs wrote, and lets it through', async () => {
		const workbook = new ExcelJS.Workbook();
		const roster = workbook.addWorksheet('排班表');
		roster.addRow(['专家', '社区卫生服务中心', '星期', '上午/下午', '开始日期']);
		for (let n = 0; n < 30; n++) roster.addRow(['陈志明', '天星桥社区卫生服务中心', '周一', '上午', '2026-12-07']);
		workbook.addWorksheet('填写说明').addRow(['专家', '填写专家姓名']);
		const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());

		const { verdict, counts } = await inspectXlsx(bytes, ROOMY);
		expect(verdict).toBe('ok');
		expect(counts).toMatchObject({ rows: 31 + 1, cells: 31 * 5 + 2 });
	});

	it('counts rows and cells by their local name across chunk boundaries, and nothing that only starts like them', async () => {
		const rows = Array.from({ length: 20_000 }, (_, i) => `<x:row r="${i + 1}"><x:c r="A${i + 1}"><x:v>1</x:v></x:c><x:c r="B${i + 1}"/></x:row>`);
		const sheet = `<x:worksheet xmlns:x="urn:x"><x:cols><x:col min="1" max="2"/></x:cols><x:sheetData>${rows.join('')}</x:sheetData><x:rowBreaks count="0"/></x:worksheet>`;
		const bytes = zipEntries([{ name: 'xl/worksheets/sheet1.xml', data: text(sheet) }]);
		expect(await inspectXlsx(bytes, ROOMY)).toEqual({ verdict: 'ok', counts: { rows: 20_000, cells: 40_000, sharedStrings: 0, unpackedBytes: sheet.length } });
	});

	it('stops inflating a bomb at the row limit, long before its end', async () => {
		const bomb = rosterWorkbook({ rows: 40_000 });
		const { verdict, counts } = await inspectXlsx(bomb, { ...ROOMY, rows: 1000 });
		expect(verdict).toBe('too_many_cells');
		// It stops within the chunk that passed the limit.
		expect(counts.rows).toBeGreaterThan(1000);
		expect(counts.rows).toBeLessThan(2000);
		expect(counts.unpackedBytes).toBeLessThan(sheetSize(bomb) / 10);
	});

	it('stops at the cell limit when a few rows are very wide', async () => {
		const cells = Array.from({ length: 16_384 }, (_, i) => `<c r="A1" t="inlineStr"><is><t>${i}</t></is></c>`).join('');
		const sheet = `<worksheet><sheetData>${Array.from({ length: 10 }, (_, r) => `<row r="${r + 1}">${cells}</row>`).join('')}</sheetData></worksheet>`;
		const { verdict, counts } = await inspectXlsx(zipEntries([{ name: 'xl/worksheets/sheet1.xml', data: text(sheet) }]), { ...ROOMY, cells: 50_000 });
		expect(verdict).toBe('too_many_cells');
		expect(counts.rows).toBeLessThan(10);
	});

	it('counts shared strings against the cell limit', async () => {
		const strings = `<sst>${'<si><t>陈志明</t></si>'.repeat(5000)}</sst>`;
		const bytes = zipEntries([{ name: 'xl/sharedStrings.xml', data: text(strings) }]);
		expect((await inspectXlsx(bytes, { ...ROOMY, cells: 1000 })).verdict).toBe('too_many_cells');
		expect((await inspectXlsx(bytes, ROOMY)).counts.sharedStrings).toBe(5000);
	});

	it('does not believe the unpacked size a zip claims: it stops once an entry outgrows its claim', async () => {
		const liar = rosterWorkbook({ rows: 40_000, declaredSheetSize: 100_000 });
		const { verdict, counts } = await inspectXlsx(liar, ROOMY);
		expect(verdict).toBe('damaged');
		expect(counts.unpackedBytes).toBeLessThan(100_000 + 2 * 64 * 1024);
	});

	it('refuses from the zip directory alone an entry or a whole that claims to be too large, inflating nothing', async () => {
		const bytes = rosterWorkbook({ rows: 100 });
		expect(await inspectXlsx(bytes, { ...ROOMY, entryBytes: 1000 })).toEqual({ verdict: 'too_many_bytes', counts: { rows: 0, cells: 0, sharedStrings: 0, unpackedBytes: 0 } });
		expect((await inspectXlsx(bytes, { ...ROOMY, totalBytes: sheetSize(bytes) })).verdict).toBe('too_many_bytes');
	});

	it('calls damaged what is no zip, or whose data is not where its directory says', async () => {
		expect((await inspectXlsx(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), ROOMY)).verdict).toBe('damaged');
		const bytes = rosterWorkbook({ rows: 10 });
		const shifted = new Uint8Array(bytes.length + 7);
		shifted.set(bytes, 7);
		expect((await inspectXlsx(shifted, ROOMY)).verdict).toBe('damaged');
		const corrupt = bytes.slice();
		corrupt.fill(0xff, 200, 400);
		expect((await inspectXlsx(corrupt, ROOMY)).verdict).toBe('damaged');
	});
});
