/**
 * Reads the roster sheet organizers already keep: .xlsx (exceljs) or .csv. Chinese Excel saves CSV in
 * GB18030/GBK, so CSV bytes that are not valid UTF-8 are decoded as GB18030.
 */
import ExcelJS from 'exceljs';
import { invalid } from '../errors';

export const MAX_BYTES = 2 * 1024 * 1024;
export const MAX_ROWS = 2000;

export interface SheetRow {
	/** The row number the organizer sees in Excel (header = 1). */
	rowNumber: number;
	cells: string[];
}
export interface Sheet {
	header: string[];
	rows: SheetRow[];
}

function decodeCsv(bytes: Uint8Array): string {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
	} catch {
		return new TextDecoder('gb18030').decode(bytes);
	}
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(field);
			field = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += c;
	}
	if (field !== '' || row.length > 0) {
		row.push(field);
		rows.push(row);
	}
	return rows;
}

function cellText(value: ExcelJS.CellValue): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) {
		// Excel dates are stored as UTC midnights of the calendar date.
		return value.toISOString().slice(0, 10);
	}
	if (typeof value === 'object') {
		if ('text' in value && typeof value.text === 'string') return value.text;
		if ('richText' in value) return value.richText.map((r) => r.text).join('');
		if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
		return '';
	}
	return String(value);
}

export async function readRosterSheet(bytes: Uint8Array, filename: string): Promise<Sheet> {
	if (bytes.byteLength === 0) throw invalid('文件是空的，请选择填好的排班表。', 'file');
	if (bytes.byteLength > MAX_BYTES) throw invalid('文件超过 2 MB，请拆分后分次导入。', 'file');
	const lower = filename.toLowerCase();
	let table: { rowNumber: number; cells: string[] }[];
	if (lower.endsWith('.csv')) {
		table = parseCsv(decodeCsv(bytes)).map((cells, i) => ({ rowNumber: i + 1, cells }));
	} else if (lower.endsWith('.xlsx')) {
		const workbook = new ExcelJS.Workbook();
		try {
			await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
		} catch {
			throw invalid('无法读取这个 Excel 文件，请另存为 .xlsx 或 .csv 后再试。', 'file');
		}
		const sheet = workbook.worksheets[0];
		if (!sheet) throw invalid('Excel 文件里没有工作表。', 'file');
		table = [];
		sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
			const cells: string[] = [];
			row.eachCell({ includeEmpty: true }, (cell, col) => (cells[col - 1] = cellText(cell.value)));
			table.push({ rowNumber, cells: Array.from(cells, (c) => c ?? '') });
		});
	} else {
		throw invalid('只支持 .xlsx 或 .csv 文件。', 'file');
	}
	const nonEmpty = table.map((r) => ({ ...r, cells: r.cells.map((c) => c.trim()) })).filter((r) => r.cells.some((c) => c !== ''));
	const [headerRow, ...rows] = nonEmpty;
	if (!headerRow) throw invalid('表格里没有内容。', 'file');
	if (rows.length > MAX_ROWS) throw invalid(`一次最多导入 ${MAX_ROWS} 行，请拆分后分次导入。`, 'file');
	return { header: headerRow.cells, rows };
}
