/** A volunteer's shift, confirmed by mail when they sign up or an organizer assigns them. */
import { eq } from 'drizzle-orm';
import { m } from '../../i18n';
import type { DbOrTx } from '../db/client';
import { events, sites, users, volunteerRoles, volunteerShifts } from '../db/schema';
import { htmlMail } from './html';
import { mailSettingsUrl, wants } from './preferences';
import { publicOrigin } from '../public-url';
import { enqueueMail } from './outbox';
import { recipientFor, unsubscribeHeaders } from './recipients';
import { describeEventTime } from './resident-mail';

export async function queueShiftConfirmation(tx: DbOrTx, shiftId: string, now = new Date()): Promise<boolean> {
	const row = await tx
		.select({
			role: volunteerRoles.name,
			name: users.name,
			email: users.email,
			optOut: users.mailOptOut,
			event: { id: events.id, title: events.title, date: events.date, startTime: events.startTime, endTime: events.endTime },
			site: { name: sites.name, address: sites.address }
		})
		.from(volunteerShifts)
		.innerJoin(volunteerRoles, eq(volunteerRoles.id, volunteerShifts.roleId))
		.innerJoin(events, eq(events.id, volunteerRoles.eventId))
		.innerJoin(sites, eq(sites.id, events.siteId))
		.innerJoin(users, eq(users.id, volunteerShifts.userId))
		.where(eq(volunteerShifts.id, shiftId))
		.get();
	if (!row?.email || !wants(row.optOut, 'volunteer_shifts')) return false;
	const recipient = await recipientFor(tx, row.email);
	if (recipient.blocked) return false;
	const lines = [
		m.mail.shiftConfirmed(row.name, row.role),
		m.mail.eventLine(row.event.title, describeEventTime(row.event), `${row.site.name}（${row.site.address}）`),
		m.mail.eventPage(`${publicOrigin()}/events/${row.event.id}`)
	];
	await enqueueMail(
		tx,
		{
			kind: 'volunteer_shift',
			to: recipient.email,
			toName: row.name,
			subject: m.mail.shiftConfirmedSubject(row.role, row.event.title),
			text: `${lines.join('\n\n')}\n\n${m.mail.staffWhy(mailSettingsUrl())}\n\n${m.mail.signature}`,
			html: htmlMail(lines, m.mail.staffWhy(mailSettingsUrl())),
			headers: unsubscribeHeaders(recipient)
		},
		now
	);
	return true;
}
