import { describe, expect, it } from 'vitest';
import { todayIn } from '../../calendar-date';
import { smsMessages } from '../db/schema';
import { demoId } from '../seed/seed-demo';
import { followByToken, startFollow } from './follows';
import { handleSmsReply, replySecretMatches, smsReplySecretFromEnv } from './reply-callback';
import { requestPhoneCode, verifyPhoneCode } from './verification';
import { and, eq } from 'drizzle-orm';
import { demoDbForEachTest } from '../testing/demo-db';

const t = demoDbForEachTest(todayIn('Asia/Shanghai'));

/** A resident follows 李康宁 the way the follow page does it: a code asked for, read, typed. */
async function followLi(phone: string): Promise<string> {
	const asked = await requestPhoneCode(t.db, { phone, purpose: 'follow', address: '10.9.9.9' });
	const sms = (await t.db.select().from(smsMessages).where(and(eq(smsMessages.phone, phone), eq(smsMessages.kind, 'verification_code'))).all()).at(-1)!;
	const session = await verifyPhoneCode(t.db, { challenge: asked.challenge, code: sms.params.code!, purpose: 'follow' });
	return (await startFollow(t.db, { session: session.token, targetKind: 'expert', targetId: demoId('expert:likangning'), consent: true })).token;
}

describe('Tencent’s reply callback', () => {
	it('stops the follows of a phone that replies TD, in the shape Tencent posts', async () => {
		const token = await followLi('13900001111');
		const outcome = await handleSmsReply(t.db, { extend: '', mobile: '13900001111', nationcode: '86', sign: '义诊', text: ' TD ', time: 1457336869 });
		expect(outcome).toEqual({ ok: true, stopped: 1 });
		expect((await followByToken(t.db, token)).state).toBe('stopped');
	});

	it('reads any other reply, and a reply from outside the mainland, without stopping anything', async () => {
		const token = await followLi('13900002222');
		expect(await handleSmsReply(t.db, { mobile: '13900002222', nationcode: '86', text: '谢谢，收到' })).toEqual({ ok: true, stopped: 0 });
		expect(await handleSmsReply(t.db, { mobile: '13900002222', nationcode: '852', text: 'TD' })).toEqual({ ok: true, stopped: 0 });
		expect((await followByToken(t.db, token)).state).toBe('active');
	});

	it('refuses a body that is not Tencent’s shape', async () => {
		const token = await followLi('13900003333');
		for (const body of [null, 'TD', { mobile: '13900003333', text: 'TD' }, { mobile: 13900003333, nationcode: '86', text: 'TD' }]) {
			expect((await handleSmsReply(t.db, body)).ok).toBe(false);
		}
		expect((await followByToken(t.db, token)).state).toBe('active');
	});

	it('exists only with a secret configured, and only at that secret', () => {
		expect(smsReplySecretFromEnv({})).toBeNull();
		expect(smsReplySecretFromEnv({ SMS_REPLY_SECRET: '  ' })).toBeNull();
		const secret = smsReplySecretFromEnv({ SMS_REPLY_SECRET: 'k3y-of-ours' });
		expect(secret).toBe('k3y-of-ours');
		expect(replySecretMatches('k3y-of-ours', secret)).toBe(true);
		expect(replySecretMatches('k3y-of-ourS', secret)).toBe(false);
		expect(replySecretMatches('k3y', secret)).toBe(false);
		expect(replySecretMatches('', null)).toBe(false);
	});
});
