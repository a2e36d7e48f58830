import { m } from '$lib/i18n';
import { error, redirect } from '@sveltejs/kit';
import { formatSittingWhen, formatTimeRange } from '$lib/format/dates';
import { recordSittingVisits, visitsPanel } from '$lib/server/attendance/sitting-visits';
import { auditTrailView } from '$lib/server/audit/audit';
import { authorize } from '$lib/server/auth/scope';
import { siteToday } from '$lib/server/clock';
import { expertOptions } from '$lib/server/console/scope-lists';
import { getDb } from '$lib/server/db/app-db';
import { auditActor, orPageError, requireOrganizer } from '$lib/server/http/console';
import { formValues, orFormFailure } from '$lib/server/http/forms';
import { DEFAULT_TIME_ZONE } from '$lib/server/schedule/public-schedule';
import { applySittingAction, findSittingView, type SittingAction } from '$lib/server/schedule/sitting-actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireOrganizer(locals, url);
	const db = await getDb();
	await orPageError(() => authorize(db, actor, 'sitting:change', 'sitting', params.id));
	const sitting = await findSittingView(db, params.id);
	if (!sitting) error(404, m.console.sitting.notFound);
	const trail = await auditTrailView(db, 'sitting', params.id);
	return {
		sitting: {
			...sitting,
			when: formatSittingWhen(sitting.date, sitting.startTime),
			timeRange: formatTimeRange(sitting.startTime, sitting.endTime),
			originalWhen: sitting.moved ? formatSittingWhen(sitting.moved.date, sitting.moved.startTime) : null
		},
		experts: (await expertOptions(db)).filter((e) => e.id !== sitting.rosteredExpertId),
		visits: await visitsPanel(db, sitting, siteToday(sitting.site.timeZone)),
		trail
	};
};

function action(kind: SittingAction['action']) {
	return async ({ locals, url, params, request }: Parameters<Actions[string]>[0]) => {
		const actor = requireOrganizer(locals, url);
		const db = await getDb();
		await orPageError(() => authorize(db, actor, 'sitting:change', 'sitting', params.id!));
		// `action` comes back with the values, so the page shows errors under the form that was sent.
		const values = { ...formValues(await request.formData()), action: kind };
		const result = await orFormFailure(values, () =>
			applySittingAction(db, auditActor(locals), params.id!, values as SittingAction)
		);
		if (!result.ok) return result.failure;
		redirect(303, `/console/sittings/${params.id}?done=${encodeURIComponent(result.value)}`);
	};
}

export const actions: Actions = {
	cancel: action('cancel'),
	substitute: action('substitute'),
	move: action('move'),
	quota: action('quota'),
	restore: action('restore'),
	/** 诊疗人次: the domain checks who may record (the expert who sat, or an organizer of the site). */
	visits: async ({ locals, url, params, request }) => {
		const actor = requireOrganizer(locals, url);
		const db = await getDb();
		const values: Record<string, string> = { ...formValues(await request.formData()), action: 'visits' };
		const result = await orFormFailure(values, () => recordSittingVisits(db, actor, params.id, values.patientsSeen, siteToday(DEFAULT_TIME_ZONE)));
		if (!result.ok) return result.failure;
		redirect(303, `/console/sittings/${params.id}?done=${encodeURIComponent(result.value)}`);
	}
};
