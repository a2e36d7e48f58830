/**
 * Day-before reminders: to residents who registered with an email, and to volunteers for their shift;
 * and a text to every resident holding a place (sms/registrant-sms.ts), deduplicated the same way.
 * Run every few minutes by the app (startReminderJob); each reminder is sent at most once because its
 * outbox dedupe key names the registration or shift and the date, so two app instances, or a restart
 * in between, cannot send it twice. After downtime a run catches up on reminders still due (the event
 * is still tomorrow) and never sends one for an event that is today or past.
 */
import { and, eq, inArray, isNotNull, ne } from 'drizzle-orm';
import { addDays, hourIn, todayIn } from '../../calendar-date';
import { m } from '../../i18n';
import type { Db, DbOrTx } from '../db/client';
import { events, registrations, sites, users, volunteerRoles, volunteerShifts } from '../db/schema';
import { queueDueDigests } from './digest';
import { htmlMail } from './html';
import { mailSettingsUrl, wants } from './preferences';
import { publicOrigin } from '../public-url';
import { enqueueMail } from './outbox';
import { recipientFor, unsubscribeHeaders } from './recipients';
import { describeEventTime } from './resident-mail';
import { queueReminderSms } from '../sms/registrant-sms';
import { runRecorded } from '../ops/job-runs';

/** REMINDER_HOUR: from this local hour the day before, reminders go out (default 17:00). */
export function reminderHourFromEnv(env: Record<string, string | undefined> = process.env): number {
	const hour = Number(env.REMINDER_HOUR);
	return env.REMINDER_HOUR && Number.isInteger(hour) && hour >= 0 && hour <= 23 ? hour : 17;
}

/** Events that are tomorrow at their own site and whose reminder hour has come there. */
async function eventsDueForReminder(db: DbOrTx, now: Date, hour: number) {
	// Every site zone is within a day of UTC: look at the two dates "tomorrow" can be anywhere.
	const utcToday = todayIn('UTC', now);
	const rows = await db
		.select({ id: events.id, title: events.title, date: events.date, startTime: events.startTime, endTime: events.endTime, siteName: sites.name, address: sites.address, timeZone: sites.timeZone })
		.from(events)
		.innerJoin(sites, eq(sites.id, events.siteId))
		.where(and(eq(events.status, 'scheduled'), inArray(events.date, [addDays(utcToday, 0), addDays(utcToday, 1), addDays(utcToday, 2)])));
	return rows.filter((e) => e.date === addDays(todayIn(e.timeZone, now), 1) && hourIn(e.timeZone, now) >= hour);
}

export interface ReminderRun {
	residents: number;
	volunteers: number;
}

export async function queueDueReminders(db: Db, now: Date = new Date(), hour = reminderHourFromEnv()): Promise<ReminderRun> {
	const due = await eventsDueForReminder(db, now, hour);
	const run: ReminderRun = { residents: 0, volunteers: 0 };
	if (due.length === 0) return run;
	const base = publicOrigin();
	for (const e of due) {
		const when = describeEventTime(e);
		const place = `${e.siteName}（${e.address}）`;
		await db.transaction(async (tx) => {
			const people = await tx
				.select({ id: registrations.id, name: registrations.name, email: registrations.email, code: registrations.checkInCode })
				.from(registrations)
				.where(and(eq(registrations.eventId, e.id), eq(registrations.status, 'registered'), isNotNull(registrations.email)));
			for (const p of people) {
				const recipient = await recipientFor(tx, p.email!);
				if (recipient.blocked) continue;
				const lines = [m.mail.residentGreeting(p.name), m.mail.reminder(p.code), m.mail.eventLine(e.title, when, place), m.mail.eventPage(`${base}/events/${e.id}`)];
				const footer = `${m.mail.residentWhy}\n${m.mail.unsubscribe(`${base}/unsubscribe/${recipient.unsubscribeToken}`)}`;
				await enqueueMail(
					tx,
					{
						kind: 'resident_reminder',
						to: recipient.email,
						toName: p.name,
						subject: m.mail.reminderSubject(e.title, when),
						text: `${lines.join('\n\n')}\n\n${footer}\n\n${m.mail.signature}`,
						html: htmlMail(lines, footer),
						headers: unsubscribeHeaders(recipient),
						dedupeKey: `reminder:${p.id}:${e.date}`
					},
					now
				);
				run.residents++;
			}
			// Texts go to everyone holding a place, with an email or not; the count above stays mail's.
			await queueReminderSms(tx, e.id, now);
			const shifts = await tx
				.select({ id: volunteerShifts.id, role: volunteerRoles.name, name: users.name, email: users.email, optOut: users.mailOptOut })
				.from(volunteerShifts)
				.innerJoin(volunteerRoles, eq(volunteerRoles.id, volunteerShifts.roleId))
				.innerJoin(users, eq(users.id, volunteerShifts.userId))
				.where(and(eq(volunteerRoles.eventId, e.id), eq(users.active, true), ne(users.email, '')));
			for (const s of shifts) {
				if (!wants(s.optOut, 'volunteer_shifts')) continue;
				const recipient = await recipientFor(tx, s.email);
				if (recipient.blocked) continue;
				const lines = [m.mail.shiftReminder(s.name, s.role), m.mail.eventLine(e.title, when, place), m.mail.eventPage(`${base}/events/${e.id}`)];
				await enqueueMail(
					tx,
					{
						kind: 'volunteer_reminder',
						to: recipient.email,
						toName: s.name,
						subject: m.mail.shiftReminderSubject(s.role, e.title),
						text: `${lines.join('\n\n')}\n\n${m.mail.staffWhy(mailSettingsUrl())}\n\n${m.mail.signature}`,
						html: htmlMail(lines, m.mail.staffWhy(mailSettingsUrl())),
						headers: unsubscribeHeaders(recipient),
						dedupeKey: `shift-reminder:${s.id}:${e.date}`
					},
					now
				);
				run.volunteers++;
			}
		});
	}
	return run;
}

const EVERY_MS = 5 * 60_000;
let timer: NodeJS.Timeout | null = null;

export function startReminderJob(db: Db): void {
	if (timer || process.env.OUTBOX_WORKER === 'off') return;
	// Each run is recorded for the admin's system page (ops/job-runs.ts); a failure is logged and recorded.
	const run = () =>
		runRecorded(db, 'reminders', () => new Date(), async () => {
			const now = new Date();
			const reminders = await queueDueReminders(db, now);
			return { ...reminders, digests: await queueDueDigests(db, now) };
		}).then((r) => {
			if (!r.ok) console.error('reminders failed:', r.error);
		});
	void run();
	timer = setInterval(() => void run(), EVERY_MS);
	timer.unref();
}

export function stopReminderJob(): void {
	if (timer) clearInterval(timer);
	timer = null;
}
