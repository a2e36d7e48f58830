import { z } from 'zod';
import { parseCalendarDate, parseTimeOfDay } from '../calendar-date';
import { invalid } from './errors';
import './zod-chinese';
import { dm } from '../i18n/domain';

/** Parses domain input or throws a DomainError naming the first bad field, with its Chinese message. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const parsed = schema.safeParse(input);
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		throw invalid(issue.message, issue.path.length ? String(issue.path[0]) : null);
	}
	return parsed.data;
}

/** A 'YYYY-MM-DD' field; `label` names it in the message (开始日期不是有效日期…). */
export const calendarDateField = (label: string) =>
	z.string().refine((v) => parseCalendarDate(v) !== null, { message: dm.validation.badDate(label) });

/** A 24-hour 'HH:MM' field, normalised (8:30 → 08:30). */
export const timeOfDayField = (label: string) =>
	z.string().transform((v, ctx) => {
		const t = parseTimeOfDay(v);
		if (!t) {
			ctx.addIssue({ code: 'custom', message: dm.validation.badTime(label) });
			return z.NEVER;
		}
		return t;
	});
