import { siteToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { orPageError, requireOrganizer } from '$lib/server/http/console';
import { attachment } from '$lib/server/http/download';
import { reportXlsxFile } from '$lib/server/reports/page';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	const actor = requireOrganizer(locals, url);
	const db = await getDb();
	const file = await orPageError(() => reportXlsxFile(db, actor, url.searchParams, siteToday('Asia/Shanghai')));
	return attachment(file.body, file.filename, file.contentType);
};
