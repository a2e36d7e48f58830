/**
 * Reading .xlsx with exceljs. Cells keep their type (text, number, Date) until the header says which
 * column they are in: the same number is a date serial under 开始日期 and a time under 开始时间.
 *
 * An .xlsx is a zip, and a small one can unpack to far more than any roster: a 212 KB upload unpacking
 * to 58 MB once cost 6 s of the request thread and over a gigabyte. Checking the unpacked
 * sizes the zip's directory claims was not enough: the claims can lie, and an honest 58 MB passed a
 * 60 MB ceiling. So the file is first measured as it is inflated, stopping at the first limit passed
 * (xlsx-inspect.ts), and only a file within the limits reaches exceljs, in a worker (xlsx-worker.ts).
 */
import type ExcelJS from 'exceljs';
import { invalid, tooLarge } from '../errors';
import { inspectXlsx, type XlsxLimits } from './xlsx-inspect';
import { readWorkbookInWorker, WORKER_LIMITS, type WorkerLimits } from './xlsx-worker';
import { dm } from '../../i18n/domain';

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
 * Counted over every sheet, because exceljs reads every sheet. A 2,000-row roster with a filling guide,
 * a hidden list of sites and borders drawn past the last row stays well inside; 2,000 rows of 50
 * columns is the most cells a roster needs.
 */
export const XLSX_LIMITS: XlsxLimits = {
	rows: 10_000,
	cells: 100_000,
	entryBytes: 20 * 1024 * 1024,
	totalBytes: 40 * 1024 * 1024
};

const UNREADABLE = dm.rosterImport.file.unreadable;
const UNPACKS_TOO_LARGE = dm.rosterImport.file.unpacksTooLarge;
const tooManyCells = (limits: XlsxLimits) => dm.rosterImport.file.tooManyCells(limits.rows, limits.cells);
const TOO_HEAVY = dm.rosterImport.file.tooHeavy;

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

const asText = (row: CellRow) => row.cells.map((c) => String(c ?? ''));

export interface ReadXlsxOptions {
	limits?: XlsxLimits;
	worker?: WorkerLimits;
}

/**
 * The rows of the sheet holding the roster: the first worksheet with a header `accepts` among its
 * first ten rows, else the first worksheet (the template's second sheet is the filling guide, and some
 * workbooks keep notes before the roster).
 */
export async function readXlsx(bytes: Uint8Array, accepts: (cells: string[]) => boolean, options: ReadXlsxOptions = {}): Promise<XlsxTable> {
	const limits = options.limits ?? XLSX_LIMITS;
	const { verdict } = await inspectXlsx(bytes, limits);
	if (verdict === 'damaged') throw invalid(UNREADABLE, 'file');
	if (verdict === 'too_many_bytes') throw tooLarge(UNPACKS_TOO_LARGE, 'file');
	if (verdict === 'too_many_cells') throw tooLarge(tooManyCells(limits), 'file');

	const reading = await readWorkbookInWorker(bytes, options.worker ?? WORKER_LIMITS);
	if (reading.outcome === 'unreadable') throw invalid(UNREADABLE, 'file');
	if (reading.outcome === 'too_large') throw tooLarge(TOO_HEAVY, 'file');
	// Hidden sheets are lookup lists or scratch work, never the roster the organizer sees.
	const sheets = reading.sheets
		.filter((s) => s.state !== 'hidden' && s.state !== 'veryHidden')
		.map((s) => s.rows.map((r): CellRow => ({ rowNumber: r.rowNumber, cells: r.values.map(primitive) })));
	const sheet = sheets.find((rows) => rows.slice(0, 10).some((row) => accepts(asText(row)))) ?? sheets[0];
	if (!sheet) throw invalid(dm.rosterImport.file.noWorksheet, 'file');
	return { rows: sheet, date1904: reading.date1904 };
}
