/** Server side of one sitting's console page: what an organizer who may change the sitting sees of it. */
import { formatSittingWhen, formatTimeRange } from '../../format/dates';
import { visitsPanel } from '../attendance/sitting-visits';
import { auditTrailView } from '../audit/audit';
import type { Actor } from '../auth/policy';
import { authorize } from '../auth/scope';
import { siteToday } from '../clock';
import type { DbOrTx } from '../db/client';
import { notFound } from '../errors';
import { findSittingView, parseSittingId } from '../schedule/sitting-actions';
import { expertOptions } from './scope-lists';

/**
 * The sitting, the experts who may substitute, its 诊疗人次 and its audit trail. Checked like the
 * changes the page offers (`sitting:change`), before anything of the sitting is read.
 */
export async function sittingForEditing(db: DbOrTx, actor: Actor, sittingId: string) {
	if (!parseSittingId(sittingId)) throw notFound('没有找到这个坐诊班次');
	await authorize(db, actor, 'sitting:change', 'sitting', sittingId);
	const sitting = await findSittingView(db, sittingId);
	if (!sitting) throw notFound('没有找到这个坐诊班次');
	return {
		sitting: {
			...sitting,
			when: formatSittingWhen(sitting.date, sitting.startTime),
			timeRange: formatTimeRange(sitting.startTime, sitting.endTime),
			originalWhen: sitting.moved ? formatSittingWhen(sitting.moved.date, sitting.moved.startTime) : null
		},
		// District-wide, like the substitutes applySittingAction accepts.
		experts: (await expertOptions(db)).filter((e) => e.id !== sitting.rosteredExpertId),
		visits: await visitsPanel(db, sitting, siteToday(sitting.site.timeZone)),
		trail: await auditTrailView(db, 'sitting', sittingId)
	};
}
