/**
 * What followers of an expert or a center (停诊提醒, follows.ts) are texted when the schedule changes:
 * a sitting in the next 14 days cancelled, moved, handed to a substitute or put back, whether by a
 * one-sitting change, approved leave, a rotation edited or ended, or a holiday entered. Each is queued
 * in the change's own transaction.
 */
import { and, eq, gte, inArray, lt, or } from 'drizzle-orm';
import { addDays, hourIn, type CalendarDate } from '../../calendar-date';
import { formatMonthDay, slotOf, weekdayName } from '../../format/dates';
import { districtToday } from '../clock';
import type { DbOrTx } from '../db/client';
import { sites, smsFollows, smsMessages } from '../db/schema';
import type { SittingChangeKind } from '../notify/sitting-mail';
import type { SittingView } from '../schedule/sittings';
import { FOLLOW_WINDOW_DAYS, live } from './follows';
import { fitParam } from './kinds';
import { enqueueSmsMany, type NewSms } from './outbox';
import { DISTRICT_TIME_ZONE } from '../../time-zone';

/** 12月8日周二上午: the half-day a resident plans by. */
function sittingDay(s: { date: CalendarDate; startTime: string; endTime: string }): string {
	return fitParam(`${formatMonthDay(s.date)}${weekdayName(s.date)}${slotOf(s.startTime, s.endTime)}`);
}

/**
 * Texts the followers of a sitting's experts (before and after: a substitute's followers learn where
 * they now sit) and of its center, in the change's transaction, when the change is a cancellation, a
 * move or a substitution of a sitting dated (before or after a move) today up to 14 days on. One text
 * per phone per change, even for a phone following both the expert and the center. A cancellation for
 * today is urgent: it goes out in quiet hours too. Returns how many texts were queued.
 *
 * Also called for a sitting left uncovered by approved leave (schedule/leave.ts), as a cancellation:
 * residents see 专家请假 and nobody sits.
 *
 * The dedupe key names the sitting, its SEQUENCE and what it became, so a retried transaction texts no
 * one twice while a second, different change to the same sitting is a second text.
 */
export async function queueFollowerSms(tx: DbOrTx, change: SittingChangeKind, before: SittingView, after: SittingView, now = new Date()): Promise<number> {
	if (change === 'restore') return queueRestoredSms(tx, after, now);
	if (change !== 'cancel' && change !== 'move' && change !== 'substitute') return 0;
	if (change === 'substitute' && before.expert.id === after.expert.id) return 0;
	const today = districtToday(now);
	const last = addDays(today, FOLLOW_WINDOW_DAYS);
	const inWindow = (d: CalendarDate) => d >= today && d <= last;
	if (!inWindow(before.date) && !inWindow(after.date)) return 0;
	const byPhone = await followersByPhone(tx, [before.expert.id, after.expert.id], after.site.id, now);
	if (byPhone.size === 0) return 0;
	const organizationId = await organizationOfSite(tx, after.site.id);
	const state = `${after.status}:${after.date}:${after.startTime}:${after.expert.id}`;
	const common = { expert: fitParam(before.expert.name), site: fitParam(after.site.name) };
	const time = sittingDay(after);
	const texts: NewSms[] = [...byPhone].map(([phone, token]) => {
		const dedupeKey = `follow:${change}:${after.id}:${after.sequence}:${state}:${phone}`;
		if (change === 'cancel') return { kind: 'sitting_cancelled', phone, params: { ...common, time, token }, dedupeKey, organizationId, urgent: after.date === today };
		if (change === 'move') return { kind: 'sitting_moved', phone, params: { ...common, time, token }, dedupeKey, organizationId };
		return { kind: 'sitting_substituted', phone, params: { ...common, time, substitute: fitParam(after.expert.name), token }, dedupeKey, organizationId };
	});
	// In a handful of statements: an expert with 500 followers is cancelled inside the organizer's click.
	await enqueueSmsMany(tx, texts, now);
	return byPhone.size;
}

/**
 * A rotation's rule edited or ended (schedule/rotation-plan.ts), or a year's holidays entered
 * (schedule/holiday-admin.ts): each sitting in the window
 * that residents were expecting and that is now gone, cancelled, at another center or without an
 * expert is texted as a cancellation; at another day or hour as a move; with another expert as a
 * substitution. Sittings the edit adds are news of nothing lost, and text nobody. `before` and
 * `after` are the sittings concerned from today through the window, read in the edit's transaction.
 */
export async function queueScheduleChangeSms(tx: DbOrTx, before: SittingView[], after: SittingView[], now = new Date()): Promise<number> {
	const afterById = new Map(after.map((s) => [s.id, s]));
	const today = districtToday(now);
	const hour = hourIn(DISTRICT_TIME_ZONE, now);
	let texted = 0;
	for (const b of before) {
		if (b.status !== 'scheduled') continue;
		// Today's sitting that is already over: there is nothing left to stay home from.
		if (b.date === today && Number(b.endTime.slice(0, 2)) <= hour) continue;
		const a = afterById.get(b.id);
		if (!a || a.status !== 'scheduled' || a.site.id !== b.site.id) texted += await queueFollowerSms(tx, 'cancel', b, { ...b, status: 'cancelled' }, now);
		else if (a.date !== b.date || a.startTime !== b.startTime || a.endTime !== b.endTime) texted += await queueFollowerSms(tx, 'move', b, a, now);
		else if (a.expert.id !== b.expert.id) texted += await queueFollowerSms(tx, 'substitute', b, a, now);
	}
	return texted;
}

/**
 * A cancelled sitting put back: 恢复 to the phones that were texted its cancellation and still follow
 * the expert or the center, so nobody told 请勿前往 stays home from a sitting that runs after all.
 */
async function queueRestoredSms(tx: DbOrTx, after: SittingView, now: Date): Promise<number> {
	const today = districtToday(now);
	if (after.date < today || after.date > addDays(today, FOLLOW_WINDOW_DAYS)) return 0;
	const told = await tx
		.selectDistinct({ phone: smsMessages.phone })
		.from(smsMessages)
		// A range on the dedupe key's unique index (LIKE would read the whole outbox): every cancellation text of this sitting.
		.where(and(gte(smsMessages.dedupeKey, `follow:cancel:${after.id}:`), lt(smsMessages.dedupeKey, `follow:cancel:${after.id};`), eq(smsMessages.kind, 'sitting_cancelled')));
	if (told.length === 0) return 0;
	const toldPhones = new Set(told.map((t) => t.phone));
	const byPhone = await followersByPhone(tx, [after.expert.id], after.site.id, now);
	for (const phone of byPhone.keys()) if (!toldPhones.has(phone)) byPhone.delete(phone);
	if (byPhone.size === 0) return 0;
	const organizationId = await organizationOfSite(tx, after.site.id);
	const params = { expert: fitParam(after.expert.name), time: sittingDay(after), site: fitParam(after.site.name) };
	await enqueueSmsMany(
		tx,
		[...byPhone].map(([phone, token]) => ({
			kind: 'sitting_restored' as const,
			phone,
			params: { ...params, token },
			dedupeKey: `follow:restore:${after.id}:${after.sequence}:${phone}`,
			organizationId
		})),
		now
	);
	return byPhone.size;
}

/**
 * The live follows of any of these experts or of the site, one per phone: the first follow made gives
 * the stop link (stopping it leaves the phone's other follow running).
 */
async function followersByPhone(tx: DbOrTx, expertIds: string[], siteId: string, now: Date): Promise<Map<string, string>> {
	const followers = await tx
		.select({ phone: smsFollows.phone, token: smsFollows.stopToken })
		.from(smsFollows)
		.where(
			and(
				live(now),
				or(
					and(eq(smsFollows.targetKind, 'expert'), inArray(smsFollows.targetId, [...new Set(expertIds)])),
					and(eq(smsFollows.targetKind, 'site'), eq(smsFollows.targetId, siteId))
				)
			)
		)
		.orderBy(smsFollows.createdAt);
	const byPhone = new Map<string, string>();
	for (const f of followers) if (!byPhone.has(f.phone)) byPhone.set(f.phone, f.token);
	return byPhone;
}

async function organizationOfSite(tx: DbOrTx, siteId: string): Promise<string | null> {
	return (await tx.select({ organizationId: sites.organizationId }).from(sites).where(eq(sites.id, siteId)).get())?.organizationId ?? null;
}
