/** What the private manage link shows: the registration, its event, and the place in the queue. */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { events, mailRecipients } from '../db/schema';
import { formatSittingWhen, formatTimeRange } from '../../format/dates';
import { residentFeedToken } from '../feeds/tokens';
import { maskPhone } from './phone';
import { findByManageToken, waitlistPosition } from './registration';
import { rejoinOffer, type RejoinOffer } from './reregistration';

/**
 * How a waiting resident hears of a place by mail: to the address they gave unless it unsubscribed or
 * bounced (the same rule queueResidentMail applies). A text goes too unless they stopped texts (the
 * page's `sms`); with neither they must look at this page.
 */
export type PromotionNotice = { by: 'mail'; to: string } | { by: 'page'; why: 'no_email' | 'mail_stopped' };

function maskEmail(email: string): string {
	const [local = '', domain = ''] = email.split('@');
	return `${local.slice(0, 1)}***@${domain}`;
}

async function promotionNotice(db: DbOrTx, email: string | null): Promise<PromotionNotice> {
	if (!email) return { by: 'page', why: 'no_email' };
	const recipient = await db.select().from(mailRecipients).where(eq(mailRecipients.email, email.trim().toLowerCase())).get();
	if (recipient && (recipient.unsubscribedAt || recipient.bouncedAt)) return { by: 'page', why: 'mail_stopped' };
	return { by: 'mail', to: maskEmail(email) };
}

export async function registrationByLink(db: DbOrTx, token: string, today: string) {
	const reg = await findByManageToken(db, token);
	if (!reg) return null;
	const event = (await db.select().from(events).where(eq(events.id, reg.eventId)).get())!;
	const waiting = reg.status === 'waitlisted';
	// Their calendar of everything they signed up for; an erased person has none.
	const calendarToken = reg.erasedAt ? null : await residentFeedToken(db, reg.id, token);
	const rejoin: RejoinOffer | null = reg.status === 'cancelled' ? await rejoinOffer(db, reg, event, today) : null;
	return {
		calendarToken,
		name: reg.name,
		status: reg.status,
		// The code admits its holder at the door: only a place carries one, never a place in the queue.
		checkInCode: reg.status === 'registered' ? reg.checkInCode : null,
		position: waiting ? await waitlistPosition(db, reg) : null,
		promotionNotice: waiting && !reg.erasedAt ? await promotionNotice(db, reg.email) : null,
		// Texts go to the number they registered with, masked here; none once erased (sms/registrant-sms.ts).
		sms: reg.erasedAt ? null : { to: maskPhone(reg.phone), receiving: reg.smsOptOutAt === null },
		promoted: reg.status === 'registered' && reg.promotedAt !== null,
		rejoin,
		event: { id: event.id, title: event.title, when: formatSittingWhen(event.date, event.startTime), timeRange: formatTimeRange(event.startTime, event.endTime), cancelled: event.status === 'cancelled', past: event.date < today }
	};
}
