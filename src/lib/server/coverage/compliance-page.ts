/**
 * What the compliance report's page and its .xlsx download need from one call each: the query read
 * from the address (organization, period kind and period, by default the last full month), access
 * checked (by complianceReport), the report, its tables as the page shows them, and its charts.
 *
 * The form works without JavaScript: one select per period kind (月份, 季度, 年份) is always sent, and
 * the kind chosen says which of them applies.
 */
import type { CalendarDate } from '../../calendar-date';
import type { Actor } from '../auth/policy';
import type { DbOrTx } from '../db/client';
import { invalid } from '../errors';
import { formatCell } from '../reports/tables';
import { m } from '../../i18n';
import { complianceCharts, type PercentChart } from './compliance-chart';
import { complianceFileName, complianceTables, complianceWorkbook } from './compliance-xlsx';
import { COMPLIANCE_PERIOD_KINDS, compliancePeriod, complianceReport, lastFullMonth, periodKeyOf, type CompliancePeriodKind, type ComplianceReport } from './compliance';
import { chosenOrganization, type OrganizationChoice } from './page';
import { dm } from '../../i18n/domain';

const words = m.console.coverage.report;

/** How far back the period pickers reach: two years of months, eight quarters, three years. */
const PICKER_MONTHS = 24;

export interface ComplianceQuery {
	organizationId: string | null;
	kind: CompliancePeriodKind;
	key: string;
}

/** Reads the address; a kind or period that is not one is a 400 at its field. Pure. */
export function parseComplianceQuery(params: URLSearchParams, today: CalendarDate): ComplianceQuery {
	const kindText = params.get('kind') || 'month';
	if (!(COMPLIANCE_PERIOD_KINDS as readonly string[]).includes(kindText)) throw invalid(dm.coverage.errors.periodKindRequired, 'kind');
	const kind = kindText as CompliancePeriodKind;
	const key = params.get(kind) || periodKeyOf(kind, lastFullMonth(today).from);
	if (!compliancePeriod(kind, key)) throw invalid(dm.coverage.errors.periodUnknown, kind);
	return { organizationId: params.get('org') || null, kind, key };
}

async function reportFromParams(db: DbOrTx, actor: Actor, params: URLSearchParams, today: CalendarDate) {
	const query = parseComplianceQuery(params, today);
	const { organizations, organization } = await chosenOrganization(db, actor, query.organizationId);
	const report = await complianceReport(db, actor, organization.id, compliancePeriod(query.kind, query.key)!, today);
	return { organizations, query, report };
}

export interface PeriodOption {
	value: string;
	label: string;
}

/** The periods the pickers offer, newest first, up to the one holding today. Pure. */
export function periodOptions(today: CalendarDate): Record<CompliancePeriodKind, PeriodOption[]> {
	const months: PeriodOption[] = [];
	const quarters: PeriodOption[] = [];
	const years: PeriodOption[] = [];
	let [y, mo] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
	for (let i = 0; i < PICKER_MONTHS; i++) {
		const key = `${y}-${String(mo).padStart(2, '0')}`;
		months.push({ value: key, label: words.monthOption(y, mo) });
		const quarter = periodKeyOf('quarter', `${key}-01`);
		if (!quarters.some((q) => q.value === quarter)) quarters.push({ value: quarter, label: compliancePeriod('quarter', quarter)!.label });
		if (!years.some((q) => q.value === String(y))) years.push({ value: String(y), label: words.yearOption(y) });
		if (--mo === 0) [y, mo] = [y - 1, 12];
	}
	return { month: months, quarter: quarters, year: years };
}

export interface CompliancePage {
	organizations: OrganizationChoice[];
	organization: OrganizationChoice;
	kind: CompliancePeriodKind;
	/** What each picker shows as chosen: the report's period in its own, the default elsewhere. */
	selected: Record<CompliancePeriodKind, string>;
	options: Record<CompliancePeriodKind, PeriodOption[]>;
	report: ComplianceReport;
	/** The tables as text, each with its heading and what to say when it has no rows. */
	tables: { name: string; title: string; empty: string; headers: string[]; rows: string[][]; total: string[] | null }[];
	charts: PercentChart[];
	/** The address's query for the download link: the same report as a file. */
	queryString: string;
}

export async function compliancePage(db: DbOrTx, actor: Actor, params: URLSearchParams, today: CalendarDate): Promise<CompliancePage> {
	const { organizations, query, report } = await reportFromParams(db, actor, params, today);
	const fallback = lastFullMonth(today).from;
	const selected = { month: periodKeyOf('month', fallback), quarter: periodKeyOf('quarter', fallback), year: periodKeyOf('year', fallback), [query.kind]: query.key };
	return {
		organizations,
		organization: report.organization,
		kind: query.kind,
		selected,
		options: periodOptions(today),
		report,
		tables: complianceTables(report).map((t, k) => ({
			name: t.name,
			title: [words.rulesTitle, words.centersTitle, words.expertsTitle, words.trendTable][k] ?? t.name,
			empty: k === 1 || k === 2 ? words.noRows : report.targetCount === 0 ? words.noTargets : words.noLines,
			headers: t.columns.map((c) => c.header),
			rows: t.rows.map((r) => r.map((v, i) => formatCell(v, t.columns[i]!.kind))),
			total: t.total ? t.total.map((v, i) => formatCell(v, t.columns[i]!.kind)) : null
		})),
		charts: complianceCharts(report),
		queryString: new URLSearchParams({ org: report.organization.id, kind: query.kind, [query.kind]: query.key }).toString()
	};
}

export interface ComplianceFile {
	body: Buffer;
	filename: string;
	contentType: string;
}

export async function complianceXlsxFile(db: DbOrTx, actor: Actor, params: URLSearchParams, today: CalendarDate): Promise<ComplianceFile> {
	const { report } = await reportFromParams(db, actor, params, today);
	return { body: await complianceWorkbook(report), filename: complianceFileName(report), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
}
