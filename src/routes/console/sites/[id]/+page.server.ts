import { SITE_KIND_OPTIONS } from '$lib/server/console/org-lists';
import { getDb } from '$lib/server/db/app-db';
import { requireOrganizer } from '$lib/server/http/console';
import { saveFormAction, setActiveAction } from '$lib/server/http/edit-page-actions';
import { setSiteActive, siteForEditing, updateSite } from '$lib/server/sites/manage';
import type { Actions, PageServerLoad } from './$types';
import { orPageError } from '$lib/server/http/domain-errors';

export const load: PageServerLoad = async ({ url, params }) => {
	const actor = requireOrganizer();
	const db = await getDb();
	const { site, trail } = await orPageError(() => siteForEditing(db, actor, params.id));
	const text = (v: string | number | null) => (v === null ? '' : String(v));
	return {
		site: { id: site.id, name: site.name, active: site.active, organizationId: site.organizationId },
		values: {
			name: site.name,
			kind: site.kind,
			address: site.address,
			phone: text(site.phone),
			openingHours: text(site.openingHours),
			directions: text(site.directions),
			rooms: text(site.rooms),
			latitude: text(site.latitude),
			longitude: text(site.longitude)
		},
		kinds: SITE_KIND_OPTIONS,
		saved: url.searchParams.has('saved'),
		trail
	};
};

export const actions: Actions = {
	save: saveFormAction('/console/sites', updateSite),
	active: setActiveAction('/console/sites', setSiteActive)
};
