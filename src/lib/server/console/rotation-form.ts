/**
 * The rotation editor's form: its fields to a RotationInput (rule built from the pattern fields) and a
 * stored rotation back to fields. Errors carry the field name the form shows them under.
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { experts, rotations, sites } from '../db/schema';
import { invalid } from '../errors';
import { PatternInput, patternToRrule, rruleToPattern } from '../schedule/pattern';
import { describeRecurrence } from '../schedule/recurrence';
import type { RotationInput } from '../schedule/rotations';
import { inArray, asc } from 'drizzle-orm';
import { dm } from '../../i18n/domain';


/** Reads the editor's form. Throws a DomainError naming the field when the pattern is incomplete. */
export function rotationInputFromForm(data: FormData): { values: Record<string, string>; weekdays: string[]; input: RotationInput } {
	const values: Record<string, string> = {};
	for (const [k, v] of data) if (typeof v === 'string' && k !== 'weekdays') values[k] = v;
	const weekdays = data.getAll('weekdays').filter((v): v is string => typeof v === 'string');
	const pattern = PatternInput.safeParse({ frequency: values.frequency, weekdays, ordinal: values.ordinal || '1', rrule: values.rrule ?? '' });
	if (!pattern.success) {
		const issue = pattern.error.issues[0]!;
		throw invalid(issue.message, String(issue.path[0] ?? 'frequency'));
	}
	const quota = values.quota?.trim() ? Number(values.quota) : null;
	if (quota !== null && !Number.isFinite(quota)) throw invalid(dm.console.errors.quotaNumber, 'quota');
	return {
		values,
		weekdays,
		input: {
			expertId: values.expertId ?? '',
			siteId: values.siteId ?? '',
			departmentId: values.departmentId ?? '',
			rrule: patternToRrule(pattern.data),
			startTime: values.startTime ?? '',
			endTime: values.endTime ?? '',
			validFrom: values.validFrom ?? '',
			validUntil: values.validUntil?.trim() ? values.validUntil : null,
			quota,
			holidayPolicy: values.holidayPolicy === 'keep' ? 'keep' : 'skip',
			countSwapDays: values.countSwapDays === 'on',
			note: values.note?.trim() ? values.note.trim() : null
		}
	};
}

/** A stored rotation as the editor's fields. */
export function rotationToForm(row: typeof rotations.$inferSelect): { values: Record<string, string>; weekdays: string[] } {
	const pattern = rruleToPattern(row.rrule);
	return {
		values: {
			expertId: row.expertId,
			siteId: row.siteId,
			departmentId: row.departmentId,
			frequency: pattern.frequency,
			ordinal: pattern.ordinal,
			rrule: row.rrule,
			startTime: row.startTime,
			endTime: row.endTime,
			validFrom: row.validFrom,
			validUntil: row.validUntil ?? '',
			quota: row.quota === null ? '' : String(row.quota),
			holidayPolicy: row.holidayPolicy,
			countSwapDays: row.countSwapDays ? 'on' : '',
			note: row.note ?? '',
			version: String(row.version)
		},
		weekdays: pattern.weekdays
	};
}

/** The rotations at the given sites, for the console's list. */
export async function rotationsAtSites(db: DbOrTx, siteIds: string[]) {
	if (siteIds.length === 0) return [];
	const rows = await db
		.select({
			id: rotations.id,
			rrule: rotations.rrule,
			startTime: rotations.startTime,
			endTime: rotations.endTime,
			validFrom: rotations.validFrom,
			validUntil: rotations.validUntil,
			active: rotations.active,
			expert: experts.name,
			site: sites.name
		})
		.from(rotations)
		.innerJoin(experts, eq(experts.id, rotations.expertId))
		.innerJoin(sites, eq(sites.id, rotations.siteId))
		.where(inArray(rotations.siteId, siteIds))
		.orderBy(asc(sites.name), asc(rotations.startTime));
	return rows.map((r) => ({ ...r, pattern: describeRecurrence(r.rrule) }));
}
