import { m } from '$lib/i18n';
import { requireOrganizer } from '$lib/server/http/console';
import { buildRosterTemplate } from '$lib/server/roster-import/template';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	requireOrganizer();
	return new Response(new Uint8Array(await buildRosterTemplate()), {
		headers: {
			'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': `attachment; filename="roster-template.xlsx"; filename*=UTF-8''${encodeURIComponent(m.console.import.templateFile)}`
		}
	});
};
