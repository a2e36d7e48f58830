/**
 * What the report page and its downloads need from one call: the query read from the address (with
 * the actor's defaults), access checked, the report computed, and, for the page, the organizations the
 * actor may pick, the tables and the charts.
 */
import type { CalendarDate } from '../../calendar-date';
import { Forbidden, type Actor } from '../auth/policy';
import { organizationsInScope } from '../console/org-lists';
import type { DbOrTx } from '../db/client';
import { monthBarChart, type BarChart } from './chart';
import { reportCsv, reportFileName, reportWorkbook } from './export';
import { outreachReportFor, type OutreachReport } from './outreach';
import { parseReportQuery } from './query';
import { formatCell, reportTables, SUMMARY_LABELS } from './tables';
import { dm } from '../../i18n/domain';

async function reportFromParams(db: DbOrTx, actor: Actor, params: URLSearchParams, today: CalendarDate) {
	const organizations = await organizationsInScope(db, actor);
	// An organizer's own organization first; an admin starts from the top of the tree (the commission).
	const home = actor.organizerOf.find((id) => organizations.some((o) => o.id === id)) ?? organizations[0]?.id;
	if (!home) throw new Forbidden(dm.reports.errors.noOrganization);
	const query = parseReportQuery(params, { organizationId: home, today });
	const report = await outreachReportFor(db, actor, query, today);
	return { organizations, report };
}

export interface ReportPage {
	organizations: { id: string; name: string; kindLabel: string }[];
	report: OutreachReport;
	/** The address's query string for the download links: the same report as a file. */
	queryString: string;
	tiles: { label: string; value: string }[];
	tables: { name: string; headers: string[]; rows: string[][]; total: string[] | null }[];
	charts: BarChart[];
}

export async function reportPage(db: DbOrTx, actor: Actor, params: URLSearchParams, today: CalendarDate): Promise<ReportPage> {
	const { organizations, report } = await reportFromParams(db, actor, params, today);
	const chart = (key: 'freeClinics' | 'lectures' | 'served' | 'patientsSeen', caption: string) =>
		monthBarChart(report.byMonth.map((m) => ({ month: m.month, label: m.label, value: m[key] })), caption);
	return {
		organizations: organizations.map((o) => ({ id: o.id, name: o.name, kindLabel: o.kindLabel })),
		report,
		queryString: new URLSearchParams({ org: report.organization.id, from: report.from, to: report.to }).toString(),
		tiles: SUMMARY_LABELS.map((s) => ({ label: s.label, value: formatCell(report.totals[s.key], s.kind) })),
		// The summary sheet repeats the tiles: the page shows the tiles instead.
		tables: reportTables(report)
			.slice(1)
			.map((t) => ({
				name: t.name,
				headers: t.columns.map((c) => c.header),
				rows: t.rows.map((r) => r.map((v, i) => formatCell(v, t.columns[i]!.kind))),
				total: t.total ? t.total.map((v, i) => formatCell(v, t.columns[i]!.kind)) : null
			})),
		charts: [chart('freeClinics', dm.reports.tables.figures.freeClinics), chart('lectures', dm.reports.tables.figures.lectures), chart('served', dm.reports.tables.figures.served), chart('patientsSeen', dm.reports.tables.figures.patientsSeen)]
	};
}

export interface ReportFile {
	body: string | Buffer;
	filename: string;
	contentType: string;
}

export async function reportXlsxFile(db: DbOrTx, actor: Actor, params: URLSearchParams, today: CalendarDate): Promise<ReportFile> {
	const { report } = await reportFromParams(db, actor, params, today);
	return { body: await reportWorkbook(report), filename: reportFileName(report, 'xlsx'), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
}

export async function reportCsvFile(db: DbOrTx, actor: Actor, params: URLSearchParams, today: CalendarDate): Promise<ReportFile> {
	const { report } = await reportFromParams(db, actor, params, today);
	return { body: reportCsv(report), filename: reportFileName(report, 'csv'), contentType: 'text/csv; charset=utf-8' };
}
