/**
 * Reads the roster sheet organizers already keep, .xlsx or .csv, into rows of text keyed by column.
 * Everything wrong with the file as a whole (type, size, header) is one DomainError here; what is
 * wrong with a single row is left to interpret.ts, so every row can be explained at once.
 */
import { invalid, tooLarge } from '../errors';
import { mapHeader, missingColumns, normalizeText, type ColumnKey, type ColumnLabels } from './columns';
import { decodeCsv, parseCsv } from './csv';
import { readXlsx, type CellRow, type CellValue } from './xlsx';
import { dm } from '../../i18n/domain';

export const MAX_FILE_BYTES = 2 * 1024 * 1024;
export const ROSTER_TOO_LARGE = dm.rosterImport.file.tooLarge(MAX_FILE_BYTES / 1024 / 1024);
export const MAX_ROWS = 2000;

export interface RawRow {
	/** The row number the organizer sees in Excel (header row included), so messages point at it. */
	rowNumber: number;
	/** The cell texts of the recognized columns; unknown columns are left out. */
	values: Partial<Record<ColumnKey, string>>;
	/** The sheet's own header text for each column (one object shared by all rows). */
	labels: ColumnLabels;
}

type FileKind = 'xlsx' | 'csv';

function fileKind(bytes: Uint8Array, filename: string): FileKind {
	const extension = /\.([^./\\]+)$/.exec(filename.toLowerCase())?.[1] ?? '';
	const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
	// Old .xls files and password-protected .xlsx files are both OLE compound documents.
	const isOle = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
	if (isOle) throw invalid(dm.rosterImport.file.oleOrPassword, 'file');
	if (isZip) return 'xlsx';
	if (extension === 'xlsx' || extension === 'xlsm') throw invalid(dm.rosterImport.file.notReallyXlsx, 'file');
	if (extension === 'csv' || extension === 'txt') return 'csv';
	if (extension === 'xls') throw invalid(dm.rosterImport.file.oldXls, 'file');
	throw invalid(dm.rosterImport.file.unsupported, 'file');
}

const DATE_COLUMNS: ReadonlySet<ColumnKey> = new Set(['validFrom', 'validUntil']);
const TIME_COLUMNS: ReadonlySet<ColumnKey> = new Set(['startTime', 'endTime']);
const DAY_MS = 86_400_000;
/** Day 0 of Excel's date serials (the 1900 system, whose fake 29 Feb 1900 this epoch absorbs). */
const EXCEL_EPOCH_1900 = Date.UTC(1899, 11, 30);
const EXCEL_EPOCH_1904 = Date.UTC(1904, 0, 1);

const pad = (n: number) => String(n).padStart(2, '0');
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function timeOfDay(minutesSinceMidnight: number): string {
	const minutes = Math.round(minutesSinceMidnight);
	return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** Excel stores a time typed alone as that time on its day zero, 30 or 31 December 1899. */
const isTimeOnly = (d: Date) => d.getUTCFullYear() === 1899 || (d.getUTCFullYear() === 1904 && d.getUTCMonth() === 0 && d.getUTCDate() === 1);

function cellText(value: CellValue, column: ColumnKey, date1904: boolean): string {
	if (value === null) return '';
	if (value instanceof Date) {
		const sinceMidnight = (value.getTime() - Date.UTC(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate())) / 60_000;
		if (TIME_COLUMNS.has(column) || isTimeOnly(value)) return timeOfDay(sinceMidnight);
		// exceljs gives a date cell as the UTC midnight of the calendar date the organizer typed.
		return isoDate(value.getTime());
	}
	if (typeof value === 'number') {
		// A date or time cell that lost its format is a bare serial number.
		if (DATE_COLUMNS.has(column) && Number.isInteger(value) && value > 0 && value < 100_000) {
			return isoDate((date1904 ? EXCEL_EPOCH_1904 : EXCEL_EPOCH_1900) + value * DAY_MS);
		}
		if (TIME_COLUMNS.has(column) && value > 0 && value < 1) return timeOfDay(value * 24 * 60);
		return String(value);
	}
	return normalizeText(String(value));
}

const asText = (cells: readonly CellValue[]) => cells.map((c) => (c === null ? '' : String(c)));
const isBlank = (cells: readonly CellValue[]) => asText(cells).every((c) => c.trim() === '');
/** A header is a row naming at least two known columns; a title row above it (“2026年12月排班”) is skipped. */
const looksLikeHeader = (cells: string[]) => Object.keys(mapHeader(cells).index).length >= 2;
const HEADER_SEARCH_ROWS = 10;

export async function readRosterSheet(bytes: Uint8Array, filename: string): Promise<RawRow[]> {
	if (bytes.byteLength === 0) throw invalid(dm.rosterImport.file.empty, 'file');
	if (bytes.byteLength > MAX_FILE_BYTES) throw tooLarge(ROSTER_TOO_LARGE, 'file');

	let table: CellRow[];
	let date1904 = false;
	if (fileKind(bytes, filename) === 'xlsx') {
		const xlsx = await readXlsx(bytes, looksLikeHeader);
		table = xlsx.rows;
		date1904 = xlsx.date1904;
	} else {
		table = parseCsv(decodeCsv(bytes)).map((cells, i) => ({ rowNumber: i + 1, cells }));
	}

	const filled = table.filter((r) => !isBlank(r.cells));
	const headerAt = filled.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => looksLikeHeader(asText(r.cells)));
	const headerRow = filled[Math.max(headerAt, 0)];
	if (!headerRow) throw invalid(dm.rosterImport.file.noContent, 'file');
	const { index, labels, duplicates } = mapHeader(asText(headerRow.cells));
	const [duplicate] = duplicates;
	if (duplicate) throw invalid(dm.rosterImport.file.duplicateColumn(duplicate[0], duplicate[1]), 'file');
	const missing = missingColumns(index);
	if (missing.length > 0) {
		throw invalid(dm.rosterImport.file.missingColumns(missing.join('、'), headerRow.rowNumber), 'file');
	}

	const rows: RawRow[] = [];
	for (const row of filled.slice(filled.indexOf(headerRow) + 1)) {
		const values: RawRow['values'] = {};
		for (const [column, i] of Object.entries(index) as [ColumnKey, number][]) {
			const text = cellText(row.cells[i] ?? null, column, date1904).trim();
			if (text) values[column] = text;
		}
		const texts = Object.entries(values) as [ColumnKey, string][];
		// Only notes in columns the import ignores; or the header repeated, as long printouts do.
		if (texts.length === 0 || texts.every(([column, text]) => text === labels[column])) continue;
		rows.push({ rowNumber: row.rowNumber, values, labels });
	}
	if (rows.length > MAX_ROWS) throw invalid(dm.rosterImport.file.tooManyRows(MAX_ROWS, rows.length), 'file');
	return rows;
}
