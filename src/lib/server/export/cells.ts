/**
 * The one writer of spreadsheet cells for every download organizers open in Excel or WPS (the report's
 * CSV and .xlsx, an event's registrants). Names come from residents and other organizations: a site
 * named `=HYPERLINK("http://…","点这里")` must reach the health commission as text, not as a live
 * formula. Following OWASP's CSV injection advice, text starting with `=`, `+`, `-`, `@`, TAB
 * or CR gets a leading apostrophe; numbers stay numbers, so a negative count is still a number.
 *
 * exceljs stores a string as a shared string, never a formula (only a `{ formula }` value is one), so
 * the .xlsx is inert as written; it gets the apostrophe too, because a cell opened for editing and
 * confirmed, or a sheet saved again as CSV, would otherwise evaluate.
 */

/** A cell: text, a number, or empty. */
export type ExportCell = string | number | null;

const STARTS_A_FORMULA = /^[=+\-@\t\r]/;

/** Text as a spreadsheet should show it, never taken for a formula. */
export function inertText(text: string): string {
	return STARTS_A_FORMULA.test(text) ? `'${text}` : text;
}

/** The value exceljs is given for a cell: a number, inert text, or nothing (an empty cell). */
export function xlsxCellValue(cell: ExportCell): string | number | undefined {
	if (cell === null) return undefined;
	return typeof cell === 'number' ? cell : inertText(cell);
}

/** How a number is written into a CSV: plain by default; a report writes 23.5% for a share. */
export type NumberText = (value: number, column: number) => string;

const plainNumber: NumberText = (value) => String(value);

/** One field as RFC 4180 writes it: quoted when it holds a quote, comma or line break. */
function csvField(text: string): string {
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record: text made inert, then quoted as needed; numbers as `numberText` writes them. */
export function csvRecord(cells: readonly ExportCell[], numberText: NumberText = plainNumber): string {
	return cells.map((cell, column) => (cell === null ? '' : csvField(typeof cell === 'number' ? numberText(cell, column) : inertText(cell)))).join(',');
}

/**
 * A CSV file from its records (an empty string is a blank line between sections). It starts with a
 * byte-order mark, without which Excel on Windows reads UTF-8 as GBK, and ends every line with CRLF.
 */
export function csvFile(records: readonly string[]): string {
	return `\uFEFF${records.join('\r\n')}\r\n`;
}
