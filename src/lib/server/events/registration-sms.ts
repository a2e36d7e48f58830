/** 不再接收短信: the resident stops (or resumes) texts about one registration from its private link. */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { registrations } from '../db/schema';
import { conflict, notFound } from '../errors';
import { findByManageToken } from './registration';

/**
 * Stops texts about this registration (`receive` false) or lets them come again. Idempotent: a second
 * tap keeps the first moment of stopping. An erased registration has no number left to text.
 */
export async function setSmsByLink(db: Db, token: string, receive: boolean, now = new Date()): Promise<{ receiving: boolean }> {
	return db.transaction(async (tx) => {
		const reg = await findByManageToken(tx, token);
		if (!reg) throw notFound('这个报名链接无效或已失效。找不到链接，可以在「查找我的报名」页用手机号找回。');
		if (reg.erasedAt) throw conflict('您的报名信息已按要求删除，我们不会再给您发短信。', 'form');
		const stoppedAt = receive ? null : (reg.smsOptOutAt ?? now);
		if (stoppedAt?.getTime() !== reg.smsOptOutAt?.getTime()) await tx.update(registrations).set({ smsOptOutAt: stoppedAt }).where(eq(registrations.id, reg.id));
		return { receiving: receive };
	});
}
