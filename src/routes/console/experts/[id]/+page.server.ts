import { m } from '$lib/i18n';
import { error, redirect } from '@sveltejs/kit';
import { auditTrailView } from '$lib/server/audit/audit';
import { authorize } from '$lib/server/auth/scope';
import { expertFormOptions } from '$lib/server/console/expert-form';
import { getDb } from '$lib/server/db/app-db';
import { setExpertActive, updateExpert, findExpertRecord } from '$lib/server/experts/manage';
import { auditActor, orPageError, requireOrganizer } from '$lib/server/http/console';
import { formValues, orFormFailure } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireOrganizer(locals, url);
	const db = await getDb();
	await orPageError(() => authorize(db, actor, 'expert:edit', 'expert', params.id));
	const expert = await findExpertRecord(db, params.id);
	if (!expert) error(404, m.console.expert.notFound);
	const options = await expertFormOptions(db, actor);
	const trail = await auditTrailView(db, 'expert', params.id);
	return {
		expert: { ...expert, specialties: expert.specialties.join('、'), bio: expert.bio ?? '' },
		options: { ...options, allowed: undefined },
		saved: url.searchParams.has('saved'),
		trail
	};
};

export const actions: Actions = {
	save: async ({ locals, url, params, request }) => {
		const actor = requireOrganizer(locals, url);
		const db = await getDb();
		await orPageError(() => authorize(db, actor, 'expert:edit', 'expert', params.id));
		const values = formValues(await request.formData());
		if (values.organizationId) await orPageError(() => authorize(db, actor, 'expert:edit', 'organization', values.organizationId!));
		const result = await orFormFailure(values, () => updateExpert(db, auditActor(locals), params.id, values));
		if (!result.ok) return result.failure;
		redirect(303, `/console/experts/${params.id}?saved`);
	},
	active: async ({ locals, url, params, request }) => {
		const actor = requireOrganizer(locals, url);
		const db = await getDb();
		await orPageError(() => authorize(db, actor, 'expert:edit', 'expert', params.id));
		const active = (await request.formData()).get('active') === 'true';
		await orPageError(() => setExpertActive(db, auditActor(locals), params.id, active));
		redirect(303, `/console/experts/${params.id}?saved`);
	}
};
