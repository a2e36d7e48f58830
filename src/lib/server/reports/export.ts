/**
 * The report as files organizers hand upward: an .xlsx with one sheet per table (bold header, widths,
 * number formats, a bold 合计 row) and a CSV with every table one after another. Every cell goes through
 * export/cells.ts, so a site or questionnaire named like a formula stays text.
 */
import ExcelJS from 'exceljs';
import { csvFile, csvRecord, xlsxCellValue } from '../export/cells';
import type { OutreachReport } from './outreach';
import { cellKind, formatCell, reportTables, type CellKind, type ReportTable } from './tables';
import { dm } from '../../i18n/domain';

const NUMBER_FORMAT: Record<CellKind, string | undefined> = {
	text: undefined,
	int: '#,##0',
	hours: '0.0',
	percent: '0.0%'
};

/** 区人民医院_健康服务报表_2026-01-01至2026-11-25 */
export function reportFileName(report: OutreachReport, extension: 'xlsx' | 'csv'): string {
	return dm.reports.export.fileName(report.organization.name, report.from, report.to, extension);
}

export async function reportWorkbook(report: OutreachReport): Promise<Buffer> {
	return tablesWorkbook(dm.reports.export.title(report.organization.name), reportTables(report));
}

/**
 * Tables as an .xlsx, one sheet each: bold centred header, column widths, number formats by cell kind
 * (numbers stay numbers), a bold 合计 row. Also the coverage compliance report's workbook.
 */
export async function tablesWorkbook(title: string, tables: readonly ReportTable[]): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = dm.reports.export.creator;
	workbook.title = title;
	for (const table of tables) {
		const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1 }] });
		sheet.columns = table.columns.map((c) => ({ header: c.header, width: c.width, style: NUMBER_FORMAT[c.kind] ? { numFmt: NUMBER_FORMAT[c.kind] } : {} }));
		sheet.getRow(1).font = { bold: true };
		sheet.getRow(1).alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
		// Empty cells, not 0 or 0%, where there is nothing to show (a level with no respondents).
		table.rows.forEach((row, r) => {
			const added = sheet.addRow(row.map(xlsxCellValue));
			row.forEach((_, c) => {
				const kind = cellKind(table, r, c);
				if (kind !== table.columns[c]!.kind && NUMBER_FORMAT[kind]) added.getCell(c + 1).numFmt = NUMBER_FORMAT[kind];
			});
		});
		if (table.total) sheet.addRow(table.total.map(xlsxCellValue)).font = { bold: true };
	}
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function reportCsv(report: OutreachReport): string {
	const lines: string[] = [];
	for (const table of reportTables(report)) {
		if (lines.length) lines.push('');
		lines.push(csvRecord([`【${table.name}】`]));
		lines.push(csvRecord(table.columns.map((c) => c.header)));
		table.rows.forEach((row, r) => lines.push(csvRecord(row, (value, column) => formatCell(value, cellKind(table, r, column), false))));
		if (table.total) lines.push(csvRecord(table.total, (value, column) => formatCell(value, table.columns[column]!.kind, false)));
	}
	return csvFile(lines);
}
