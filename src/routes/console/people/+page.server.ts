import { redirect } from '@sveltejs/kit';
import { inviteUser } from '$lib/server/auth/account-links';
import { authorize } from '$lib/server/auth/scope';
import { organizationsInScope } from '$lib/server/console/org-lists';
import { expertOptions } from '$lib/server/console/scope-lists';
import { getDb } from '$lib/server/db/app-db';
import { auditActor, orPageError, requireOrganizer } from '$lib/server/http/console';
import { formValues, orFormFailure } from '$lib/server/http/forms';
import { pokeOutbox } from '$lib/server/notify/app-worker';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireOrganizer(locals, url);
	const db = await getDb();
	return { organizations: await organizationsInScope(db, actor), experts: await expertOptions(db), invited: url.searchParams.get('invited') };
};

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const actor = requireOrganizer(locals, url);
		const db = await getDb();
		const values = formValues(await request.formData());
		const role = values.role as 'organizer' | 'volunteer' | 'expert';
		// The organization (or the expert's hospital) must be the organizer's to invite into.
		if (role === 'expert' && values.expertId) await orPageError(() => authorize(db, actor, 'user:invite', 'expert', values.expertId!));
		else if (values.organizationId) await orPageError(() => authorize(db, actor, 'user:invite', 'organization', values.organizationId!));
		const result = await orFormFailure(values, () =>
			inviteUser(db, auditActor(locals), { email: values.email ?? '', name: values.name ?? '', role, organizationId: values.organizationId || undefined, expertId: values.expertId || undefined })
		);
		if (!result.ok) return result.failure;
		pokeOutbox();
		redirect(303, `/console/people?invited=${encodeURIComponent(values.email ?? '')}`);
	}
};
