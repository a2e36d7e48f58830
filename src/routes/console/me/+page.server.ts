import { m } from '$lib/i18n';
import { error, redirect } from '@sveltejs/kit';
import { districtToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { requireActor } from '$lib/server/http/console';
import { formValues } from '$lib/server/http/forms';
import { recentSittingsOfExpert, recordSittingVisits } from '$lib/server/attendance/sitting-visits';
import { leavesOfExpert, requestLeave } from '$lib/server/schedule/leave';
import { currentExpertFeedToken, revokeExpertFeedToken, rotateExpertFeedToken } from '$lib/server/feeds/tokens';
import { expertSchedule } from '$lib/server/schedule/public-schedule';
import type { Actions, PageServerLoad } from './$types';
import { orFormFailure, orPageError } from '$lib/server/http/domain-errors';

function myExpertId(): string {
	const actor = requireActor();
	const expertId = actor.expertIds[0];
	if (!expertId) error(403, m.console.me.expertsOnly);
	return expertId;
}

export const load: PageServerLoad = async ({ url }) => {
	const expertId = myExpertId();
	const actor = requireActor();
	const db = await getDb();
	const today = districtToday();
	const schedule = await expertSchedule(db, expertId, today);
	if (!schedule) error(404, m.console.me.noProfile);
	return {
		schedule,
		leave: await leavesOfExpert(db, actor, expertId),
		requested: url.searchParams.has('requested'),
		recent: await recentSittingsOfExpert(db, actor, expertId, today),
		visitsSaved: url.searchParams.get('visits'),
		feedToken: await currentExpertFeedToken(db, actor, expertId),
		feedChange: url.searchParams.get('feed')
	};
};

export const actions: Actions = {
	/** A new private calendar address; the old one (if any) stops working at once. */
	feedRotate: async () => {
		const expertId = myExpertId();
		const db = await getDb();
		const { replaced } = await orPageError(() => rotateExpertFeedToken(db, requireActor(), expertId));
		redirect(303, `/console/me?feed=${replaced ? 'rotated' : 'created'}#calendar`);
	},
	feedRevoke: async () => {
		const expertId = myExpertId();
		const db = await getDb();
		await orPageError(() => revokeExpertFeedToken(db, requireActor(), expertId));
		redirect(303, '/console/me?feed=revoked#calendar');
	},
	leave: async ({ request }) => {
		const expertId = myExpertId();
		const actor = requireActor();
		const values = formValues(await request.formData());
		const db = await getDb();
		const result = await orFormFailure(values, () =>
			requestLeave(db, actor, {
				expertId,
				startDate: values.startDate ?? '',
				endDate: values.endDate ?? '',
				reason: values.reason?.trim() || null
			})
		);
		if (!result.ok) return result.failure;
		redirect(303, '/console/me?requested');
	},
	visits: async ({ request }) => {
		myExpertId();
		const actor = requireActor();
		const values: Record<string, string> = { ...formValues(await request.formData()), action: 'visits' };
		const db = await getDb();
		const result = await orFormFailure(values, () =>
			recordSittingVisits(db, actor, values.sittingId ?? '', values.patientsSeen, districtToday())
		);
		if (!result.ok) return result.failure;
		redirect(303, `/console/me?visits=${encodeURIComponent(result.value)}#visits`);
	}
};
