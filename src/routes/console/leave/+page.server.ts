import { redirect } from '@sveltejs/kit';
import { authorize, loadOrgTree, organizedOrgIds } from '$lib/server/auth/scope';
import { getDb } from '$lib/server/db/app-db';
import { expertsForConsole } from '$lib/server/experts/manage';
import { auditActor, orPageError, requireOrganizer } from '$lib/server/http/console';
import { formValues, orFormFailure } from '$lib/server/http/forms';
import { pendingLeaveRequests, requestLeave } from '$lib/server/schedule/leave';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireOrganizer(locals, url);
	const db = await getDb();
	const orgs = organizedOrgIds(actor, await loadOrgTree(db));
	return {
		leave: await pendingLeaveRequests(db, orgs),
		experts: (await expertsForConsole(db, orgs)).filter((e) => e.active)
	};
};

export const actions: Actions = {
	// An organizer enters leave for an expert (who phoned in): it opens the cover page at once.
	default: async ({ locals, url, request }) => {
		const actor = requireOrganizer(locals, url);
		const db = await getDb();
		const values = formValues(await request.formData());
		if (values.expertId) await orPageError(() => authorize(db, actor, 'leave:record', 'expert', values.expertId!));
		const result = await orFormFailure(values, () =>
			requestLeave(db, auditActor(locals), {
				expertId: values.expertId ?? '',
				startDate: values.startDate ?? '',
				endDate: values.endDate ?? '',
				reason: values.reason?.trim() || null
			})
		);
		if (!result.ok) return result.failure;
		redirect(303, `/console/leave/${result.value}`);
	}
};
