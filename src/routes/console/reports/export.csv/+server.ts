import { districtToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { requireOrganizer } from '$lib/server/http/console';
import { attachment } from '$lib/server/http/download';
import { reportCsvFile } from '$lib/server/reports/page';
import type { RequestHandler } from './$types';
import { orPageError } from '$lib/server/http/domain-errors';

export const GET: RequestHandler = async ({ url }) => {
	const actor = requireOrganizer();
	const db = await getDb();
	const file = await orPageError(() => reportCsvFile(db, actor, url.searchParams, districtToday()));
	return attachment(file.body, file.filename, file.contentType);
};
