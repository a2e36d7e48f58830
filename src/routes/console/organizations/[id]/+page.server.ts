import { m } from '$lib/i18n';
import { error, redirect } from '@sveltejs/kit';
import { auditTrailView } from '$lib/server/audit/audit';
import { authorize } from '$lib/server/auth/scope';
import { siteToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { auditActor, orPageError, requireOrganizer } from '$lib/server/http/console';
import { formValues, orFormFailure } from '$lib/server/http/forms';
import { setSwapDayChoice, updateOrganization, upcomingSwapDays, findOrganization } from '$lib/server/organizations/manage';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireOrganizer(locals, url);
	const db = await getDb();
	await orPageError(() => authorize(db, actor, 'organization:edit', 'organization', params.id));
	const org = await findOrganization(db, params.id);
	if (!org) error(404, m.console.organization.notFound);
	return {
		org: { id: org.id, name: org.name, shortName: org.shortName ?? '', swapDayFollowsWeekday: org.swapDayFollowsWeekday === null ? '' : String(org.swapDayFollowsWeekday) },
		swapDays: await upcomingSwapDays(db, org.id, siteToday('Asia/Shanghai')),
		saved: url.searchParams.has('saved'),
		trail: await auditTrailView(db, 'organization', org.id)
	};
};

async function guard(event: Parameters<Actions[string]>[0]) {
	const actor = requireOrganizer(event.locals, event.url);
	const db = await getDb();
	await orPageError(() => authorize(db, actor, 'organization:edit', 'organization', event.params.id!));
	return { db, values: formValues(await event.request.formData()) };
}

export const actions: Actions = {
	save: async (event) => {
		const { db, values } = await guard(event);
		const result = await orFormFailure(values, () => updateOrganization(db, auditActor(event.locals), event.params.id, values));
		if (!result.ok) return result.failure;
		redirect(303, `/console/organizations/${event.params.id}?saved`);
	},
	swap: async (event) => {
		const { db, values } = await guard(event);
		const result = await orFormFailure(values, () => setSwapDayChoice(db, auditActor(event.locals), event.params.id, values.date ?? '', values.weekday ?? ''));
		if (!result.ok) return result.failure;
		redirect(303, `/console/organizations/${event.params.id}?saved`);
	}
};
