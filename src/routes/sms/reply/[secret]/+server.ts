import { error, json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/app-db';
import { handleSmsReply, replySecretMatches, smsReplySecretFromEnv } from '$lib/server/sms/reply-callback';
import type { RequestHandler } from './$types';

/** Tencent Cloud SMS posts residents' replies here (TD stops their 停诊提醒); see sms/reply-callback.ts. */
export const POST: RequestHandler = async ({ params, request }) => {
	// Unconfigured or the wrong secret: as if there were nothing here.
	if (!replySecretMatches(params.secret, smsReplySecretFromEnv())) error(404, 'Not Found');
	const outcome = await handleSmsReply(await getDb(), await request.json().catch(() => null));
	if (!outcome.ok) return json({ result: 1, errmsg: outcome.problem }, { status: 400 });
	return json({ result: 0, errmsg: 'OK' });
};
