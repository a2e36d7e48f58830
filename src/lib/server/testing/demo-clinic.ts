/**
 * The event most registration tests sign residents up for: a free clinic at 新桥 on Saturday
 * 2026-11-28, 08:30–11:30, in the demo district (demo-db.ts), put up by 周晓梅 writing as no account.
 */
import type { Db } from '../db/client';
import { createEvent, type EventInput } from '../events/events';
import { demoId } from '../seed/seed-demo';

/** `extra` changes or adds any field of the event's input. */
export function makeDemoClinic(db: Db, capacity: number | null, extra: Partial<EventInput> = {}): Promise<string> {
	return createEvent(db, { userId: null, name: '周晓梅' }, {
		kind: 'free_clinic',
		siteId: demoId('site:xinqiao'),
		title: '周末义诊',
		date: '2026-11-28',
		startTime: '08:30',
		endTime: '11:30',
		capacity,
		...extra
	});
}
