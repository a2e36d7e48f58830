/**
 * 查找我的报名: a resident who lost their manage link proves their phone with a texted code
 * (sms/verification.ts) and, for 30 minutes, sees the registrations made with that phone.
 *
 * The database keeps only the SHA-256 of a manage link's token, so the old link cannot be shown again.
 * Opening one registration from the list mints it a new manage token and sends the resident to the
 * usual manage page (/r/<token>), where cancelling and rejoining work as they always have; the old
 * link stops working, which the list says before anyone taps. A token is minted only on that tap, one
 * registration at a time, so merely looking at the list breaks no link. (The other design, letting the
 * manage page accept the phone session too, would put a second way in on every manage action; a new
 * link keeps one.) Calendars subscribed from the old page keep working: their addresses are recorded
 * apart (feeds/tokens.ts).
 */
import { and, asc, eq, gte, isNull } from 'drizzle-orm';
import { m } from '../../i18n';
import { addDays, type CalendarDate } from '../../calendar-date';
import { formatSittingWhen, formatTimeRange } from '../../format/dates';
import { generateToken, hashToken } from '../auth/tokens';
import type { Db, DbOrTx } from '../db/client';
import { events, registrations, sites } from '../db/schema';
import { DomainError, notFound } from '../errors';
import { maskPhone } from './phone';
import { pendingPhoneCode, phoneOfSession } from '../sms/verification';

/** How far back the list reaches: a resident looking for last week's clinic still finds it. */
export const RECENT_DAYS = 30;

export interface RegistrationOfPhone {
	id: string;
	eventId: string;
	eventTitle: string;
	siteName: string;
	when: string;
	timeRange: string;
	status: 'registered' | 'waitlisted' | 'cancelled';
	eventCancelled: boolean;
	past: boolean;
}

export interface RegistrationsOfPhone {
	maskedPhone: string;
	sessionEndsAt: Date;
	registrations: RegistrationOfPhone[];
}

/**
 * The registrations of the phone the session cookie proves, events from a month ago on, soonest
 * first; null when there is no live session (the page then asks for the phone).
 */
export async function registrationsOfPhoneSession(
	db: DbOrTx,
	sessionToken: string | null | undefined,
	today: CalendarDate,
	now = new Date()
): Promise<RegistrationsOfPhone | null> {
	const session = await phoneOfSession(db, sessionToken, 'find_registrations', now);
	if (!session) return null;
	const rows = await db
		.select({
			id: registrations.id,
			eventId: events.id,
			eventTitle: events.title,
			siteName: sites.name,
			date: events.date,
			startTime: events.startTime,
			endTime: events.endTime,
			status: registrations.status,
			eventStatus: events.status
		})
		.from(registrations)
		.innerJoin(events, eq(events.id, registrations.eventId))
		.innerJoin(sites, eq(sites.id, events.siteId))
		.where(and(eq(registrations.phone, session.phone), isNull(registrations.erasedAt), gte(events.date, addDays(today, -RECENT_DAYS))))
		.orderBy(asc(events.date), asc(events.startTime), asc(registrations.createdAt));
	return {
		maskedPhone: maskPhone(session.phone),
		sessionEndsAt: session.expiresAt,
		registrations: rows.map((r) => ({
			id: r.id,
			eventId: r.eventId,
			eventTitle: r.eventTitle,
			siteName: r.siteName,
			when: formatSittingWhen(r.date, r.startTime, r.endTime),
			timeRange: formatTimeRange(r.startTime, r.endTime),
			status: r.status,
			eventCancelled: r.eventStatus === 'cancelled',
			past: r.date < today
		}))
	};
}

/**
 * Gives one registration of the session's phone a new manage link and returns its token (the route
 * redirects to /r/<token>). The old link stops working. A registration of another phone, an erased
 * one and one that does not exist are the same 404, so the answer tells nothing about other people.
 */
export async function openRegistrationByPhone(db: Db, sessionToken: string | null | undefined, registrationId: string, now = new Date()): Promise<{ manageToken: string }> {
	return db.transaction(async (tx) => {
		const session = await phoneOfSession(tx, sessionToken, 'find_registrations', now);
		if (!session) throw new DomainError('forbidden', m.findMine.expiredSession);
		const manageToken = generateToken();
		const changed = await tx
			.update(registrations)
			.set({ manageTokenHash: hashToken(manageToken) })
			.where(and(eq(registrations.id, registrationId), eq(registrations.phone, session.phone), isNull(registrations.erasedAt)));
		if (changed.rowsAffected === 0) throw notFound(m.findMine.notMine);
		return { manageToken };
	});
}

/** What /r/find shows: the list under a live session, else the code box while a code is pending, else the phone box. */
export type FindMinePage = ({ step: 'list' } & RegistrationsOfPhone) | { step: 'code'; maskedPhone: string } | { step: 'phone' };

export async function findMinePage(
	db: DbOrTx,
	cookies: { session: string | null | undefined; challenge: string | null | undefined },
	today: CalendarDate,
	now = new Date()
): Promise<FindMinePage> {
	const list = await registrationsOfPhoneSession(db, cookies.session, today, now);
	if (list) return { step: 'list', ...list };
	const pending = await pendingPhoneCode(db, cookies.challenge, 'find_registrations');
	return pending ? { step: 'code', maskedPhone: pending.maskedPhone } : { step: 'phone' };
}
