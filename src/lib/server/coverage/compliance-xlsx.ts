/**
 * The compliance report as tables, one definition for the page and the .xlsx the commission gets (so
 * the two never disagree on a header or a rounding), and the workbook itself: counts and shares are
 * numbers with a number format (0.0% for a share), never text. Pure, apart from writing the file.
 */
import { tablesWorkbook } from '../reports/export';
import type { Cell, ReportTable } from '../reports/tables';
import type { ComplianceReport, TeachingCounts } from './compliance';
import { m } from '../../i18n';
import { dm } from '../../i18n/domain';

const words = m.console.coverage.report;
const kindWords = m.console.coverage.teaching.kinds;

const teachingColumns = [
	{ header: kindWords.teaching, kind: 'int', width: 8 },
	{ header: kindWords.ward_round, kind: 'int', width: 8 },
	{ header: kindWords.guidance, kind: 'int', width: 8 },
	{ header: words.teachingTotal, kind: 'int', width: 18 }
] as const;

const teachingCells = (t: TeachingCounts): Cell[] => [t.teaching, t.ward_round, t.guidance, t.sittings];

/** 区人民医院_考核达标报表_2026年10月.xlsx */
export function complianceFileName(report: ComplianceReport): string {
	return dm.coverage.report.fileName(report.organization.name, report.period.label);
}

export function complianceTables(report: ComplianceReport): ReportTable[] {
	return [
		{
			name: words.sheets.lines,
			columns: [
				{ header: words.rule, kind: 'text', width: 40 },
				{ header: words.center, kind: 'text', width: 28 },
				{ header: words.periods, kind: 'int', width: 12 },
				{ header: words.planned, kind: 'int', width: 12 },
				{ header: words.required, kind: 'int', width: 10 },
				{ header: words.delivered, kind: 'int', width: 10 },
				{ header: words.percent, kind: 'percent', width: 10 },
				{ header: words.missed, kind: 'text', width: 48 }
			],
			rows: report.lines.map((l) => [
				l.ruleWords,
				l.subject.name,
				l.periodsCounted,
				l.planned,
				l.required,
				l.delivered,
				l.percent,
				[l.missed.length ? l.missed.map((x) => words.missedItem(x.label, x.delivered, x.required)).join('；') : words.missedNone, l.periodsExempt ? words.exempt(l.periodsExempt) : '']
					.filter(Boolean)
					.join('；')
			]),
			total: null
		},
		{
			name: words.sheets.centers,
			columns: [
				{ header: words.centerOnly, kind: 'text', width: 28 },
				{ header: words.sittings, kind: 'int', width: 12 },
				{ header: words.patients, kind: 'int', width: 10 },
				{ header: words.visitsRecorded, kind: 'int', width: 20 },
				...teachingColumns
			],
			rows: report.centers.map((c) => [c.name, c.delivered, c.patientsSeen, c.visitsRecorded, ...teachingCells(c.teaching)]),
			total: [
				words.total,
				sum(report.centers, (c) => c.delivered),
				sum(report.centers, (c) => c.patientsSeen),
				sum(report.centers, (c) => c.visitsRecorded),
				sum(report.centers, (c) => c.teaching.teaching),
				sum(report.centers, (c) => c.teaching.ward_round),
				sum(report.centers, (c) => c.teaching.guidance),
				sum(report.centers, (c) => c.teaching.sittings)
			]
		},
		{
			name: words.sheets.experts,
			columns: [
				{ header: words.expert, kind: 'text', width: 12 },
				{ header: words.expertTitle, kind: 'text', width: 12 },
				{ header: words.committed, kind: 'int', width: 12 },
				{ header: words.sittings, kind: 'int', width: 12 },
				{ header: words.percent, kind: 'percent', width: 10 },
				{ header: words.patients, kind: 'int', width: 10 },
				...teachingColumns
			],
			rows: report.experts.map((e) => [e.name, e.title, e.committed, e.delivered, e.percent, e.patientsSeen, ...teachingCells(e.teaching)]),
			total: null
		},
		{
			name: words.sheets.trend,
			columns: [{ header: words.month, kind: 'text', width: 12 }, ...report.trend.map((t) => ({ header: t.ruleWords, kind: 'percent' as const, width: 24 }))],
			rows: report.trendMonths.map((month, i) => [month.label, ...report.trend.map((t) => t.points[i] ?? null)]),
			total: null
		}
	];
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
	return items.reduce((n, item) => n + value(item), 0);
}

export async function complianceWorkbook(report: ComplianceReport): Promise<Buffer> {
	const summary: ReportTable = {
		name: words.sheets.summary,
		columns: [
			{ header: words.item, kind: 'text', width: 16 },
			{ header: words.content, kind: 'text', width: 48 }
		],
		rows: [
			[words.organization, report.organization.name],
			[words.period, dm.coverage.report.periodRange(report.period.label, report.period.from, report.period.to)],
			...Object.values(words.notes).map((note): Cell[] => ['', typeof note === 'function' ? note(report.today) : note])
		],
		total: null
	};
	return tablesWorkbook(dm.coverage.report.title(report.organization.name, report.period.label), [summary, ...complianceTables(report)]);
}
