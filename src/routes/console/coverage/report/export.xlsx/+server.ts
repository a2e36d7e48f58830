import { districtToday } from '$lib/server/clock';
import { complianceXlsxFile } from '$lib/server/coverage/compliance-page';
import { getDb } from '$lib/server/db/app-db';
import { requireOrganizer } from '$lib/server/http/console';
import { attachment } from '$lib/server/http/download';
import type { RequestHandler } from './$types';
import { orPageError } from '$lib/server/http/domain-errors';

export const GET: RequestHandler = async ({ url }) => {
	const actor = requireOrganizer();
	const db = await getDb();
	const file = await orPageError(() => complianceXlsxFile(db, actor, url.searchParams, districtToday()));
	return attachment(file.body, file.filename, file.contentType);
};
