/**
 * Tencent Cloud SMS's reply callback (回复短信回调, API 382/43548): when a resident answers a text,
 * Tencent POSTs `{ mobile, nationcode, text, sign, time, extend }` to the URL configured in its console
 * and expects `{ result: 0, errmsg: 'OK' }`. Tencent does not sign these calls, so the URL carries a
 * secret of ours (SMS_REPLY_SECRET); without one configured the callback does not exist.
 */
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { DbOrTx } from '../db/client';
import { stopFollowsByReply } from './follows';

const replyBody = z.object({
	mobile: z.string().max(32),
	nationcode: z.string().max(8),
	text: z.string().max(500)
});

export function smsReplySecretFromEnv(env: Record<string, string | undefined> = process.env): string | null {
	const secret = env.SMS_REPLY_SECRET?.trim();
	return secret ? secret : null;
}

/** True when the path's secret is the configured one (compared in constant time). */
export function replySecretMatches(given: string, expected: string | null): boolean {
	if (!expected) return false;
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

export type ReplyOutcome = { ok: true; stopped: number } | { ok: false; problem: string };

/**
 * Acts on one reply: TD / T / 退订 from a mainland number stops every 停诊提醒 of that phone (follows.ts);
 * any other reply is read and ignored. A body that is not Tencent's shape is refused, stopping nothing.
 */
export async function handleSmsReply(db: DbOrTx, body: unknown, now = new Date()): Promise<ReplyOutcome> {
	const parsed = replyBody.safeParse(body);
	if (!parsed.success) return { ok: false, problem: 'not a Tencent SMS reply: mobile, nationcode and text are required' };
	const { mobile, nationcode, text } = parsed.data;
	if (nationcode.replace(/^\+/, '') !== '86') return { ok: true, stopped: 0 };
	return { ok: true, stopped: await stopFollowsByReply(db, mobile, text, now) };
}
