/** 不再接收短信: the resident stops (or resumes) texts about one registration from its private link. */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { registrations } from '../db/schema';
import { conflict, notFound } from '../errors';
import { findByManageToken } from './registration';
import { dm } from '../../i18n/domain';

/**
 * Stops texts about this registration (`receive` false) or lets them come again. Idempotent: a second
 * tap keeps the first moment of stopping. An erased registration has no number left to text.
 */
export async function setSmsByLink(db: Db, token: string, receive: boolean, now = new Date()): Promise<{ receiving: boolean }> {
	return db.transaction(async (tx) => {
		const reg = await findByManageToken(tx, token);
		if (!reg) throw notFound(dm.events.errors.badRegistrationLink);
		if (reg.erasedAt) throw conflict(dm.events.errors.erasedNoSms, 'form');
		const stoppedAt = receive ? null : (reg.smsOptOutAt ?? now);
		if (stoppedAt?.getTime() !== reg.smsOptOutAt?.getTime()) await tx.update(registrations).set({ smsOptOutAt: stoppedAt }).where(eq(registrations.id, reg.id));
		return { receiving: receive };
	});
}
