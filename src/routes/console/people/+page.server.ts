import { redirect } from '@sveltejs/kit';
import { inviteUser } from '$lib/server/auth/account-links';
import { lockedAccounts, unlockAccount } from '$lib/server/auth/lockouts';
import { lockLimits } from '$lib/server/auth/throttle';
import { organizationsInScope } from '$lib/server/console/org-lists';
import { expertOptions } from '$lib/server/console/scope-lists';
import { getDb } from '$lib/server/db/app-db';
import { requireOrganizer } from '$lib/server/http/console';
import { formValues } from '$lib/server/http/forms';
import { pokeOutbox } from '$lib/server/notify/app-worker';
import type { Actions, PageServerLoad } from './$types';
import { orFormFailure } from '$lib/server/http/domain-errors';

export const load: PageServerLoad = async ({ url }) => {
	const actor = requireOrganizer();
	const db = await getDb();
	return {
		organizations: await organizationsInScope(db, actor),
		experts: await expertOptions(db),
		invited: url.searchParams.get('invited'),
		// Only an admin may unlock, so only an admin is shown who is locked.
		locked: actor.isAdmin ? await lockedAccounts(db, actor) : null,
		lockLimits: lockLimits(),
		unlocked: url.searchParams.get('unlocked')
	};
};

export const actions: Actions = {
	invite: async ({ request }) => {
		const actor = requireOrganizer();
		const db = await getDb();
		const values = formValues(await request.formData());
		const role = values.role as 'organizer' | 'volunteer' | 'expert';
		// inviteUser checks that the role's organization (or the expert's hospital) is the actor's to invite into.
		const result = await orFormFailure(values, () =>
			inviteUser(db, actor, { email: values.email ?? '', name: values.name ?? '', role, organizationId: values.organizationId || undefined, expertId: values.expertId || undefined })
		);
		if (!result.ok) return result.failure;
		pokeOutbox();
		redirect(303, `/console/people?invited=${encodeURIComponent(values.email ?? '')}`);
	},
	unlock: async ({ request }) => {
		const actor = requireOrganizer();
		const db = await getDb();
		const values = formValues(await request.formData());
		const result = await orFormFailure(values, () => unlockAccount(db, actor, values.userId ?? ''));
		if (!result.ok) return result.failure;
		redirect(303, `/console/people?unlocked=${encodeURIComponent(result.value.email)}`);
	}
};
