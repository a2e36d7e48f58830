/** What the private manage link shows: the registration, its event, and the place in the queue. */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { events } from '../db/schema';
import { formatSittingWhen, formatTimeRange } from '../../format/dates';
import { residentFeedToken } from '../feeds/tokens';
import { findByManageToken, waitlistPosition } from './registration';

export async function registrationByLink(db: DbOrTx, token: string, today: string) {
	const reg = await findByManageToken(db, token);
	if (!reg) return null;
	const event = (await db.select().from(events).where(eq(events.id, reg.eventId)).get())!;
	const position = reg.status === 'waitlisted' ? await waitlistPosition(db, reg.eventId, reg.createdAt) : null;
	// Their calendar of everything they signed up for; an erased person has none.
	const calendarToken = reg.erasedAt ? null : await residentFeedToken(db, reg.id, token);
	return {
		calendarToken,
		name: reg.name,
		status: reg.status,
		checkInCode: reg.checkInCode,
		position,
		event: { id: event.id, title: event.title, when: formatSittingWhen(event.date, event.startTime), timeRange: formatTimeRange(event.startTime, event.endTime), cancelled: event.status === 'cancelled', past: event.date < today }
	};
}
