/**
 * Reading .xlsx with exceljs. Cells keep their type (text, number, Date) until the header says which
 * column they are in: the same number is a date serial under 开始日期 and a time under 开始时间.
 */
import ExcelJS from 'exceljs';
import { invalid } from '../errors';

export type CellValue = string | number | boolean | Date | null;

export interface CellRow {
	/** The row number Excel shows. */
	rowNumber: number;
	cells: CellValue[];
}

export interface XlsxTable {
	rows: CellRow[];
	/** Mac workbooks may count dates from 1904; raw date serials must then be read accordingly. */
	date1904: boolean;
}

/**
 * An .xlsx is a zip; 2 MB of zip can unpack to gigabytes of XML, which exceljs would hold in memory.
 * The zip's central directory states every entry's unpacked size, so it is checked before loading.
 */
const MAX_UNPACKED_BYTES = 60 * 1024 * 1024;

function unpackedSize(bytes: Uint8Array): number | null {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const searchFrom = Math.max(0, bytes.length - 22 - 0xffff);
	let eocd = -1;
	for (let i = bytes.length - 22; i >= searchFrom; i--) {
		if (view.getUint32(i, true) === 0x06054b50) {
			eocd = i;
			break;
		}
	}
	if (eocd < 0) return null;
	const entries = view.getUint16(eocd + 10, true);
	let offset = view.getUint32(eocd + 16, true);
	let total = 0;
	for (let n = 0; n < entries; n++) {
		if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return null;
		const size = view.getUint32(offset + 24, true);
		// 0xFFFFFFFF means the real size is in a ZIP64 field: far beyond any roster anyway.
		if (size === 0xffffffff) return Number.POSITIVE_INFINITY;
		total += size;
		offset += 46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
	}
	return total;
}

function primitive(value: ExcelJS.CellValue): CellValue {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
	if ('richText' in value) return value.richText.map((r) => r.text).join('');
	if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : null;
	if ('formula' in value || 'sharedFormula' in value) {
		const result = (value as ExcelJS.CellFormulaValue).result;
		return result === undefined || (typeof result === 'object' && !(result instanceof Date)) ? null : result;
	}
	// An error value such as #N/A: nothing the organizer meant to import.
	return null;
}

/** Whether one of the sheet's first ten rows is a header `accepts`. */
const hasHeader = (sheet: ExcelJS.Worksheet, accepts: (cells: string[]) => boolean) => {
	let found = false;
	let looked = 0;
	sheet.eachRow({ includeEmpty: false }, (row) => {
		if (found || looked++ >= 10) return;
		const cells: string[] = [];
		row.eachCell({ includeEmpty: true }, (cell, col) => (cells[col - 1] = String(primitive(cell.value) ?? '')));
		if (accepts(Array.from(cells, (c) => c ?? ''))) found = true;
	});
	return found;
};

/**
 * The rows of the sheet holding the roster: the first worksheet whose header `accepts`, else the
 * first worksheet (the template's second sheet is the filling guide, and some workbooks keep notes
 * before the roster).
 */
export async function readXlsx(bytes: Uint8Array, accepts: (cells: string[]) => boolean): Promise<XlsxTable> {
	const size = unpackedSize(bytes);
	if (size !== null && size > MAX_UNPACKED_BYTES) throw invalid('这个 Excel 文件解压后过大，不像是一张排班表。请另存为 .csv 后再试。', 'file');
	const workbook = new ExcelJS.Workbook();
	try {
		// exceljs types `load` with its own `Buffer` (an ArrayBuffer), which a Node Buffer no longer
		// satisfies under TypeScript's typed-array generics; a copied ArrayBuffer does, and JSZip reads it.
		await workbook.xlsx.load(bytes.slice().buffer);
	} catch {
		throw invalid('无法读取这个 Excel 文件。请在 Excel 中另存为 .xlsx 或 .csv 后再试。', 'file');
	}
	// Hidden sheets are lookup lists or scratch work, never the roster the organizer sees.
	const sheets = workbook.worksheets.filter((s) => s.state !== 'hidden' && s.state !== 'veryHidden');
	const sheet = sheets.find((s) => hasHeader(s, accepts)) ?? sheets[0];
	if (!sheet) throw invalid('这个 Excel 文件里没有工作表。', 'file');
	const rows: CellRow[] = [];
	// Merged cells report the merged value in every cell, so a name merged down three rows counts for each.
	sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
		const cells: CellValue[] = [];
		row.eachCell({ includeEmpty: true }, (cell, col) => (cells[col - 1] = primitive(cell.value)));
		rows.push({ rowNumber, cells: Array.from(cells, (c) => c ?? null) });
	});
	return { rows, date1904: workbook.properties?.date1904 === true };
}
