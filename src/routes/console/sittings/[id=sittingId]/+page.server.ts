import { redirect } from '@sveltejs/kit';
import { recordSittingVisits } from '$lib/server/attendance/sitting-visits';
import { districtToday } from '$lib/server/clock';
import { sittingForEditing } from '$lib/server/console/sitting-editor';
import { getDb } from '$lib/server/db/app-db';
import { requireOrganizer } from '$lib/server/http/console';
import { formValues } from '$lib/server/http/forms';
import { applySittingAction, type SittingAction } from '$lib/server/schedule/sitting-actions';
import type { Actions, PageServerLoad } from './$types';
import { orFormFailure, orPageError } from '$lib/server/http/domain-errors';

export const load: PageServerLoad = async ({ url, params }) => {
	const actor = requireOrganizer();
	const db = await getDb();
	// `notice` names the audit entry of the change just saved: the page shows who was told of it.
	return orPageError(() => sittingForEditing(db, actor, params.id, url.searchParams.get('notice')));
};

function action(kind: SittingAction['action']) {
	return async ({ params, request }: Parameters<Actions[string]>[0]) => {
		const actor = requireOrganizer();
		const db = await getDb();
		// `action` comes back with the values, so the page shows errors under the form that was sent.
		const values = { ...formValues(await request.formData()), action: kind };
		// A substitute of another department comes back as a 409 on `confirmOtherDepartment`: the page shows
		// the warning with a 确认替诊 button that posts the same values with confirmOtherDepartment=1.
		const result = await orFormFailure(values, () => applySittingAction(db, actor, params.id!, values as SittingAction));
		if (!result.ok) return result.failure;
		const { summary, noticeId } = result.value;
		redirect(303, `/console/sittings/${params.id}?done=${encodeURIComponent(summary)}${noticeId ? `&notice=${noticeId}` : ''}`);
	};
}

export const actions: Actions = {
	cancel: action('cancel'),
	substitute: action('substitute'),
	move: action('move'),
	quota: action('quota'),
	restore: action('restore'),
	/** 教学及指导: the ticked boxes (all named `kinds`) as one comma-separated value; the domain checks access first. */
	teaching: async ({ params, request }) => {
		const actor = requireOrganizer();
		const db = await getDb();
		const data = await request.formData();
		const values: Record<string, string> = { action: 'teaching', kinds: data.getAll('kinds').filter((v) => typeof v === 'string').join(',') };
		const result = await orFormFailure(values, () => applySittingAction(db, actor, params.id!, values as SittingAction));
		if (!result.ok) return result.failure;
		redirect(303, `/console/sittings/${params.id}?done=${encodeURIComponent(result.value.summary)}`);
	},
	/** 诊疗人次: the domain checks who may record (the expert who sat, or an organizer of the site). */
	visits: async ({ params, request }) => {
		const actor = requireOrganizer();
		const db = await getDb();
		const values: Record<string, string> = { ...formValues(await request.formData()), action: 'visits' };
		const result = await orFormFailure(values, () => recordSittingVisits(db, actor, params.id, values.patientsSeen, districtToday()));
		if (!result.ok) return result.failure;
		redirect(303, `/console/sittings/${params.id}?done=${encodeURIComponent(result.value)}`);
	}
};
