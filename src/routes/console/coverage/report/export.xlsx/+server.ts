import { siteToday } from '$lib/server/clock';
import { complianceXlsxFile } from '$lib/server/coverage/compliance-page';
import { getDb } from '$lib/server/db/app-db';
import { orPageError, requireOrganizer } from '$lib/server/http/console';
import { attachment } from '$lib/server/http/download';
import { DEFAULT_TIME_ZONE } from '$lib/server/schedule/public-schedule';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	const actor = requireOrganizer(locals, url);
	const db = await getDb();
	const file = await orPageError(() => complianceXlsxFile(db, actor, url.searchParams, siteToday(DEFAULT_TIME_ZONE)));
	return attachment(file.body, file.filename, file.contentType);
};
