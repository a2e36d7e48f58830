/**
 * The organizer's weekly look ahead, mailed on Friday afternoon (DIGEST_HOUR, default 16:00 Beijing
 * time): next week's sittings that need cover, conflicts, registrations per event and volunteer roles
 * still open, within the organizations they organize, and where next week falls short of the
 * organizations' coverage targets. Built from the same read models the console
 * shows (planning grid, rosters). Once per organizer per week by its dedupe key; a run missed on
 * Friday catches up on Saturday or Sunday, and a week already begun is never sent.
 */
import { and, asc, count, eq, gte, inArray, lte, ne } from 'drizzle-orm';
import { addDays, hourIn, isoWeekday, mondayOf, todayIn } from '../../calendar-date';
import { formatDateRange, formatDay } from '../../format/dates';
import { loadActor } from '../auth/users';
import { planningWeek } from '../console/planning';
import { sitesInScope } from '../console/scope-lists';
import type { Db } from '../db/client';
import { events, memberships, registrations, sites, users } from '../db/schema';
import { unfilledRoles } from '../volunteers/rosters';
import { m } from '../../i18n';
import { digestCoverage } from './digest-coverage';
import { htmlMail } from './html';
import { publicOrigin } from '../public-url';
import { enqueueMail } from './outbox';
import { mailSettingsUrl, wants } from './preferences';
import { DISTRICT_TIME_ZONE } from '../../time-zone';
import { dm } from '../../i18n/domain';

export function digestHourFromEnv(env: Record<string, string | undefined> = process.env): number {
	const hour = Number(env.DIGEST_HOUR);
	return env.DIGEST_HOUR && Number.isInteger(hour) && hour >= 0 && hour <= 23 ? hour : 16;
}

/** Next week's Monday when a digest is due now (Friday from the hour, or the weekend), else null. */
export function digestWeekDue(now: Date, hour: number): string | null {
	const today = todayIn(DISTRICT_TIME_ZONE, now);
	const weekday = isoWeekday(today);
	const localHour = hourIn(DISTRICT_TIME_ZONE, now);
	if (weekday < 5 || (weekday === 5 && localHour < hour)) return null;
	return addDays(mondayOf(today), 7);
}

export interface DigestContent {
	subject: string;
	lines: string[];
}

/** `now` is when the digest is made: volunteer roles and coverage are judged as of that day, not the wall clock's. */
export async function digestFor(db: Db, user: { id: string; name: string; isAdmin: boolean }, monday: string, now: Date): Promise<DigestContent | null> {
	const actor = await loadActor(db, user);
	const scoped = await sitesInScope(db, actor);
	if (scoped.length === 0) return null;
	const sunday = addDays(monday, 6);
	const plan = await planningWeek(db, scoped, monday);
	const siteIds = scoped.map((s) => s.id);
	const upcoming = await db
		.select({ id: events.id, title: events.title, date: events.date, capacity: events.capacity, site: sites.name })
		.from(events)
		.innerJoin(sites, eq(sites.id, events.siteId))
		.where(and(inArray(events.siteId, siteIds), eq(events.status, 'scheduled'), gte(events.date, monday), lte(events.date, sunday)))
		.orderBy(asc(events.date), asc(events.startTime));
	const counts = upcoming.length
		? await db
				.select({ eventId: registrations.eventId, status: registrations.status, n: count() })
				.from(registrations)
				.where(and(inArray(registrations.eventId, upcoming.map((e) => e.id)), ne(registrations.status, 'cancelled')))
				.groupBy(registrations.eventId, registrations.status)
		: [];
	const countOf = (id: string, status: string) => counts.find((c) => c.eventId === id && c.status === status)?.n ?? 0;
	const today = todayIn(DISTRICT_TIME_ZONE, now);
	const open = await unfilledRoles(db, actor, { from: monday, to: sunday }, { date: today, time: '00:00' });
	const coverage = await digestCoverage(db, actor, monday, today);

	const range = formatDateRange(monday, sunday);
	const lines: string[] = [dm.notify.digest.greeting(user.name, range)];
	const gaps = plan.conflicts.filter((c) => c.kind === 'needs_cover');
	const clashes = plan.conflicts.filter((c) => c.kind !== 'needs_cover');
	lines.push(gaps.length ? dm.notify.digest.gaps(gaps.length, gaps.map((c) => `· ${c.message}`).join('\n')) : dm.notify.digest.noGaps);
	lines.push(clashes.length ? dm.notify.digest.clashes(clashes.length, clashes.map((c) => `· ${c.message}`).join('\n')) : dm.notify.digest.noClashes);
	lines.push(
		upcoming.length
			? dm.notify.digest.events(upcoming.length, upcoming
					.map((e) => dm.notify.digest.eventLine(formatDay(e.date), e.title, e.site, countOf(e.id, 'registered'), e.capacity ? `/${e.capacity}` : '', countOf(e.id, 'waitlisted')))
					.join('\n'))
			: dm.notify.digest.noEvents
	);
	lines.push(
		open.length
			? dm.notify.digest.volunteerGaps(open.map((o) => `· ${o.event.when} ${o.event.title}：${o.roles.map((r) => dm.notify.digest.roleShort(r.name, r.unfilled)).join('、')}`).join('\n'))
			: dm.notify.digest.noVolunteerGaps
	);
	if (coverage) lines.push(coverage.paragraph);
	lines.push(dm.notify.digest.viewInConsole(publicOrigin(), monday));
	const coverageCount = coverage ? `，${m.mail.digestCoverageSubject(coverage.count)}` : '';
	return { subject: dm.notify.digest.subject(range, gaps.length, clashes.length, upcoming.length, coverageCount), lines };
}

export async function queueDueDigests(db: Db, now: Date = new Date(), hour = digestHourFromEnv()): Promise<number> {
	const monday = digestWeekDue(now, hour);
	if (!monday) return 0;
	const organizers = await db
		.selectDistinct({ id: users.id, name: users.name, email: users.email, isAdmin: users.isAdmin, optOut: users.mailOptOut })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(eq(memberships.role, 'organizer'), eq(users.active, true)));
	let queued = 0;
	for (const o of organizers) {
		if (!wants(o.optOut, 'weekly_digest')) continue;
		const content = await digestFor(db, o, monday, now);
		if (!content) continue;
		const footer = m.mail.digestWhy(mailSettingsUrl());
		await enqueueMail(db, {
			kind: 'organizer_digest',
			to: o.email,
			toName: o.name,
			subject: content.subject,
			text: `${content.lines.join('\n\n')}\n\n${footer}\n\n${m.mail.signature}`,
			html: htmlMail(content.lines, footer),
			dedupeKey: `digest:${o.id}:${monday}`
		}, now);
		queued++;
	}
	return queued;
}
