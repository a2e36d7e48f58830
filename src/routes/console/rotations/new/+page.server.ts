import { districtToday } from '$lib/server/clock';
import { editorOptions, handleEditorPost } from '$lib/server/console/rotation-editor';
import { requireOrganizer } from '$lib/server/http/console';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const actor = requireOrganizer();
	return {
		options: await editorOptions(actor),
		initial: {
			values: {
				siteId: url.searchParams.get('site') ?? '',
				expertId: url.searchParams.get('expert') ?? '',
				frequency: 'weekly',
				ordinal: '1',
				startTime: '08:30',
				endTime: '11:30',
				validFrom: districtToday(),
				holidayPolicy: 'skip',
				countSwapDays: 'on'
			} as Record<string, string>,
			weekdays: [] as string[]
		},
		rotationId: null,
		trail: []
	};
};

export const actions: Actions = {
	preview: (event) => handleEditorPost(event, null, 'preview'),
	save: (event) => handleEditorPost(event, null, 'save')
};
