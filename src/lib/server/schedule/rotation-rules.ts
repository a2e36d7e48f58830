/**
 * What planning, ending and restoring a rotation share: the stored input read as a rule, the line the
 * audit trail shows for it, and its sittings in the window 停诊提醒 covers.
 */
import { eq } from 'drizzle-orm';
import { addDays, type CalendarDate } from '../../calendar-date';
import type { DbOrTx } from '../db/client';
import { experts, sites } from '../db/schema';
import { parseOrThrow } from '../validation';
import { describeRecurrence, parseRecurrence } from './recurrence';
import { RotationInput } from './rotations';
import { FOLLOW_WINDOW_DAYS } from '../sms/follows';
import { listSittings, type SittingView } from './sittings';

/** How far ahead the editor looks for the next sittings and their conflicts. */
export const PREVIEW_HORIZON_DAYS = 182;

export type ParsedRotation = ReturnType<typeof parseRotationInput>;

export function parseRotationInput(input: RotationInput) {
	const values = parseOrThrow(RotationInput, input);
	return { ...values, rrule: parseRecurrence(values.rrule).text };
}

export async function auditLabel(db: DbOrTx, values: ParsedRotation): Promise<{ label: string; organizationId: string | null }> {
	const [expert, site] = await Promise.all([
		db.select({ name: experts.name }).from(experts).where(eq(experts.id, values.expertId)).get(),
		db.select({ name: sites.name, organizationId: sites.organizationId }).from(sites).where(eq(sites.id, values.siteId)).get()
	]);
	return {
		label: `${expert?.name ?? ''} ${describeRecurrence(values.rrule)} ${values.startTime}–${values.endTime} ${site?.name ?? ''}`,
		organizationId: site?.organizationId ?? null
	};
}

/** A rotation's sittings from today through the window 停诊提醒 covers, as residents see them. */
export async function upcomingSittingsOf(tx: DbOrTx, rotationId: string, siteIds: string[], today: CalendarDate): Promise<SittingView[]> {
	const { sittings } = await listSittings(tx, { from: today, to: addDays(today, FOLLOW_WINDOW_DAYS), siteIds: [...new Set(siteIds)] });
	return sittings.filter((s) => s.rotationId === rotationId);
}
