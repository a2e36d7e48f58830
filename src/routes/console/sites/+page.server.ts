import { m } from '$lib/i18n';
import { redirect } from '@sveltejs/kit';
import { organizationsInScope, sitesForConsole, SITE_KIND_OPTIONS } from '$lib/server/console/org-lists';
import { getDb } from '$lib/server/db/app-db';
import { requireOrganizer } from '$lib/server/http/console';
import { formFailure, formValues } from '$lib/server/http/forms';
import { createSite } from '$lib/server/sites/manage';
import type { Actions, PageServerLoad } from './$types';
import { orFormFailure } from '$lib/server/http/domain-errors';

export const load: PageServerLoad = async () => {
	const actor = requireOrganizer();
	const db = await getDb();
	const orgs = await organizationsInScope(db, actor);
	return { sites: await sitesForConsole(db, actor), organizations: orgs, parents: orgs.filter((o) => o.kind !== 'member_site'), kinds: SITE_KIND_OPTIONS };
};

export const actions: Actions = {
	default: async ({ request }) => {
		const actor = requireOrganizer();
		const db = await getDb();
		const values = formValues(await request.formData());
		if (!values.parentOrganizationId) return formFailure(400, values, { parentOrganizationId: m.console.sites.chooseParent });
		const parentOrganizationId = values.parentOrganizationId;
		const result = await orFormFailure(values, () => createSite(db, actor, parentOrganizationId, values));
		if (!result.ok) return result.failure;
		redirect(303, `/console/sites/${result.value}?saved`);
	}
};
