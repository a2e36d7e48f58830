import { siteToday } from '$lib/server/clock';
import { editorOptions, handleEditorPost } from '$lib/server/console/rotation-editor';
import { requireOrganizer } from '$lib/server/http/console';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireOrganizer(locals, url);
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
				validFrom: siteToday('Asia/Shanghai'),
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
