import { redirect } from '@sveltejs/kit';
import { formatSittingWhen, formatTimeRange } from '$lib/format/dates';
import { expertOptions } from '$lib/server/console/scope-lists';
import { getDb } from '$lib/server/db/app-db';
import { requireOrganizer } from '$lib/server/http/console';
import { formValues } from '$lib/server/http/forms';
import { leaveForResolution, resolveLeave } from '$lib/server/schedule/leave';
import { formatDateRange } from '$lib/format/dates';
import { auditTrailView } from '$lib/server/audit/audit';
import type { Actions, PageServerLoad } from './$types';
import { orFormFailure, orPageError } from '$lib/server/http/domain-errors';

export const load: PageServerLoad = async ({ url, params }) => {
	const actor = requireOrganizer();
	const db = await getDb();
	const { leave, sittings } = await orPageError(() => leaveForResolution(db, actor, params.id));
	return {
		leave: { ...leave, range: formatDateRange(leave.startDate, leave.endDate) },
		sittings: sittings.map((s) => ({
			id: s.id,
			when: formatSittingWhen(s.date, s.startTime),
			timeRange: formatTimeRange(s.startTime, s.endTime),
			site: s.site.name,
			department: s.department.name,
			departmentId: s.departmentId,
			arrangedBy: s.arrangedBy
		})),
		experts: (await expertOptions(db)).filter((e) => e.id !== leave.expertId),
		done: url.searchParams.has('done'),
		trail: await auditTrailView(db, 'leave', leave.id)
	};
};

export const actions: Actions = {
	default: async ({ params, request }) => {
		const actor = requireOrganizer();
		const db = await getDb();
		const values = formValues(await request.formData());
		const covers: Record<string, string> = {};
		for (const [key, value] of Object.entries(values)) if (key.startsWith('cover:')) covers[key.slice(6)] = value;
		const result = await orFormFailure(values, () => resolveLeave(db, actor, params.id, { decision: values.decision as 'approve', covers, confirmCoverage: values.confirmCoverage === 'on' }));
		if (!result.ok) return result.failure;
		redirect(303, `/console/leave/${params.id}?done`);
	}
};
