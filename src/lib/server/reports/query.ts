/**
 * What a report is asked for: an organization (its whole subtree) and a date range. The range is
 * checked here, not in the route, so the page and both downloads refuse the same things with the same
 * Chinese message.
 */
import { z } from 'zod';
import { daysBetween, parseCalendarDate, type CalendarDate } from '../../calendar-date';
import { invalid } from '../errors';
import { dm } from '../../i18n/domain';

/** Three years of months is what a 规划 period compares; longer is refused rather than slowly drawn. */
export const MAX_REPORT_DAYS = 3 * 366;

export interface ReportQuery {
	organizationId: string;
	from: CalendarDate;
	to: CalendarDate;
}

const dateText = (label: string) =>
	z
		.string({ message: dm.reports.errors.dateRequired(label) })
		.trim()
		.refine((v) => parseCalendarDate(v) !== null, { message: dm.reports.errors.dateInvalid(label) });

const QueryInput = z.object({
	org: z.string().trim().min(1, dm.reports.errors.organizationRequired).max(100, dm.reports.errors.organizationNotFound).optional(),
	from: dateText(dm.reports.labels.from).optional(),
	to: dateText(dm.reports.labels.to).optional()
});

/**
 * Reads the report's query parameters. Missing values take the defaults (the actor's own organization,
 * this year to date); malformed, reversed or over-long ranges are a 400 with the reason.
 */
export function parseReportQuery(params: URLSearchParams, defaults: { organizationId: string; today: CalendarDate }): ReportQuery {
	const raw = {
		org: params.get('org') || undefined,
		from: params.get('from') || undefined,
		to: params.get('to') || undefined
	};
	const parsed = QueryInput.safeParse(raw);
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		throw invalid(issue.message, issue.path.length ? String(issue.path[0]) : null);
	}
	const from = parsed.data.from ? parseCalendarDate(parsed.data.from)! : `${defaults.today.slice(0, 4)}-01-01`;
	const to = parsed.data.to ? parseCalendarDate(parsed.data.to)! : defaults.today;
	if (from > to) throw invalid(dm.reports.errors.fromAfterTo, 'from');
	if (daysBetween(from, to) >= MAX_REPORT_DAYS) throw invalid(dm.reports.errors.rangeTooLong, 'to');
	return { organizationId: parsed.data.org ?? defaults.organizationId, from, to };
}
