/**
 * The report as tables: one definition of each table's columns, Chinese headers and number kinds, used
 * by the page, the .xlsx and the CSV alike, so the three never disagree on what a column is called or
 * how a level is rounded. Pure.
 */
import { formatPercent } from '../../format/percent';
import type { GroupRow, OutreachFigures, OutreachReport } from './outreach';
import { dm } from '../../i18n/domain';

export type CellKind = 'text' | 'int' | 'hours' | 'percent';
export type Cell = string | number | null;

export interface Column {
	header: string;
	kind: CellKind;
	/** Width in characters for the spreadsheet. */
	width: number;
}

export interface ReportTable {
	/** The sheet's name (31 characters at most, as Excel requires). */
	name: string;
	columns: Column[];
	rows: Cell[][];
	/** A 合计 row under the others, or null when a sum would mean nothing. */
	total: Cell[] | null;
	/**
	 * Kinds of the rows' cells, row by row, where a column holds more than one kind: the summary's one
	 * 数值 column has counts, hours and a share. Without it every cell is its column's kind.
	 */
	cellKinds?: CellKind[][];
}

/** The kind of one cell of `rows` (the 合计 row takes its column's). */
export function cellKind(table: ReportTable, row: number, column: number): CellKind {
	return table.cellKinds?.[row]?.[column] ?? table.columns[column]!.kind;
}

const FIGURE_COLUMNS: { key: keyof OutreachFigures; header: string; kind: CellKind; width: number }[] = [
	{ key: 'freeClinics', header: dm.reports.tables.figures.freeClinics, kind: 'int', width: 10 },
	{ key: 'lectures', header: dm.reports.tables.figures.lectures, kind: 'int', width: 10 },
	{ key: 'served', header: dm.reports.tables.figures.served, kind: 'int', width: 10 },
	{ key: 'sittingsDelivered', header: dm.reports.tables.figures.sittingsDelivered, kind: 'int', width: 13 },
	{ key: 'sittingsCancelled', header: dm.reports.tables.figures.sittingsCancelled, kind: 'int', width: 10 },
	{ key: 'patientsSeen', header: dm.reports.tables.figures.patientsSeen, kind: 'int', width: 10 },
	{ key: 'volunteers', header: dm.reports.tables.figures.volunteers, kind: 'int', width: 11 },
	{ key: 'volunteerHours', header: dm.reports.tables.figures.volunteerHours, kind: 'hours', width: 19 },
	{ key: 'respondents', header: dm.reports.tables.figures.respondents, kind: 'int', width: 10 },
	{ key: 'literacyLevel', header: dm.reports.tables.figures.literacyLevel, kind: 'percent', width: 13 }
];

const DEPARTMENT_KEYS: (keyof OutreachFigures)[] = ['freeClinics', 'lectures', 'sittingsDelivered', 'sittingsCancelled', 'patientsSeen'];

function figureCells(f: OutreachFigures, keys: (keyof OutreachFigures)[]): Cell[] {
	return keys.map((k) => f[k]);
}

function groupTable(name: string, first: Column, rows: GroupRow[], totals: OutreachFigures, keys: (keyof OutreachFigures)[], total: boolean): ReportTable {
	const columns = [first, ...FIGURE_COLUMNS.filter((c) => keys.includes(c.key))];
	return {
		name,
		columns,
		rows: rows.map((r) => [r.label, ...figureCells(r, keys)]),
		total: total ? [dm.reports.tables.total, ...figureCells(totals, keys)] : null
	};
}

/** The figure of one total, as the summary table and the page's tiles show it. */
export const SUMMARY_LABELS: { key: keyof OutreachFigures; label: string; kind: CellKind }[] = FIGURE_COLUMNS.map((c) => ({ key: c.key, label: c.header, kind: c.kind }));

export function reportTables(report: OutreachReport): ReportTable[] {
	const all = FIGURE_COLUMNS.map((c) => c.key);
	return [
		{
			name: dm.reports.tables.summary,
			columns: [
				{ header: dm.reports.tables.measure, kind: 'text', width: 22 },
				{ header: dm.reports.tables.value, kind: 'text', width: 14 }
			],
			// The figures stay numbers (a share 0.288 shown as 28.8%), as in the other sheets, so the
			// commission's sheet can add them up.
			rows: [
				[dm.reports.tables.organization, report.organization.name],
				[dm.reports.tables.period, dm.reports.tables.periodRange(report.from, report.to)],
				...SUMMARY_LABELS.map((s): Cell[] => [s.label, report.totals[s.key]])
			],
			cellKinds: [['text', 'text'], ['text', 'text'], ...SUMMARY_LABELS.map((s): CellKind[] => ['text', s.kind])],
			total: null
		},
		// Month and site rows add up to the totals, except volunteers (a person counts once in the year
		// however many months they served) and the level (a share): the 合计 row shows the true totals.
		groupTable(dm.reports.tables.byMonth, { header: dm.reports.tables.month, kind: 'text', width: 12 }, report.byMonth, report.totals, all, true),
		groupTable(dm.reports.tables.bySite, { header: dm.reports.tables.site, kind: 'text', width: 28 }, report.bySite, report.totals, all, true),
		// A clinic with two departments counts once for each: a sum down this table is not a total.
		groupTable(dm.reports.tables.byDepartment, { header: dm.reports.tables.department, kind: 'text', width: 18 }, report.byDepartment, report.totals, DEPARTMENT_KEYS, false),
		{
			name: dm.reports.tables.literacy,
			columns: [
				{ header: dm.reports.tables.questionnaire, kind: 'text', width: 36 },
				{ header: dm.reports.tables.figures.respondents, kind: 'int', width: 10 },
				{ header: dm.reports.tables.literate, kind: 'int', width: 17 },
				{ header: dm.reports.tables.figures.literacyLevel, kind: 'percent', width: 13 },
				{ header: dm.reports.tables.remark, kind: 'text', width: 24 }
			],
			rows: report.literacyByVersion.map((v) => [v.label, v.respondents, v.literate, v.level, v.smallSample ? dm.reports.labels.smallSample : '']),
			total: null
		}
	];
}

/**
 * A cell as text, for the page and the CSV: percent with one decimal (23.5%), hours with one; counts
 * grouped by thousands on the page, plain in a CSV (where a comma would split the cell).
 */
export function formatCell(value: Cell, kind: CellKind, grouped = true): string {
	if (value === null) return '—';
	if (typeof value === 'string') return value;
	switch (kind) {
		case 'percent':
			return formatPercent(value);
		case 'hours':
			return value.toFixed(1);
		case 'int':
			return grouped ? value.toLocaleString('zh-CN') : String(value);
		default:
			return String(value);
	}
}
