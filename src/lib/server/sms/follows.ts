/**
 * 停诊提醒: a resident follows an expert or a community health center by phone and is texted when one
 * of its sittings in the next 14 days is cancelled, moved or handed to a substitute. Sittings have no
 * registrants, so without this a resident who goes to the same expert every Tuesday learns of a
 * cancellation at a locked door.
 *
 * The phone is proven by a code (verification.ts, purpose 'follow'); the follow then needs no account.
 * Each follow has its own stop token, the `/f/<token>` link in every text: it stops or renews that one
 * follow and shows its phone masked, nothing more. A reply of TD stops every follow of the phone.
 *
 * PIPL: what is kept is the phone and what it follows; a follow ends when stopped or 6 months after
 * consent or the last renewal, and the row is deleted 30 days after it ends (`deleteEndedFollows`,
 * run by the retention job and as follows start).
 */
import { and, count, eq, gt, gte, inArray, isNull, lt, or } from 'drizzle-orm';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { randomBytes } from 'node:crypto';
import { addDays, hourIn, type CalendarDate } from '../../calendar-date';
import { siteToday } from '../clock';
import { formatMonthDay, slotOf, weekdayName } from '../../format/dates';
import { m } from '../../i18n';
import type { Db, DbOrTx } from '../db/client';
import { experts, SMS_FOLLOW_TARGETS, sites, smsFollows, smsMessages } from '../db/schema';
import { conflict, invalid, notFound, tooMany } from '../errors';
import { maskPhone, normalizeMobile } from '../events/phone';
import { newId } from '../ids';
import type { SittingChangeKind } from '../notify/sitting-mail';
import type { SittingView } from '../schedule/sittings';
import { fitParam } from './kinds';
import { enqueueSmsMany, type NewSms } from './outbox';
import { pendingPhoneCode, phoneOfSession, requestPhoneCode, type CodeRequested, type PhoneCodeLimits } from './verification';

export type FollowTargetKind = (typeof SMS_FOLLOW_TARGETS)[number];

export const MAX_FOLLOWS_PER_PHONE = 20;
/** Changes to sittings this many days ahead (and today) are texted; later ones can wait for the page. */
export const FOLLOW_WINDOW_DAYS = 14;
export const FOLLOW_MONTHS = 6;
const KEEP_ENDED_MS = 30 * 24 * 60 * 60_000;
const BEIJING = 'Asia/Shanghai';

/** 6 calendar months on, as a resident counts them (a 31st lands on the month's last day). */
export function followExpiry(from: Date): Date {
	const to = new Date(from.getTime());
	const day = to.getUTCDate();
	to.setUTCDate(1);
	to.setUTCMonth(to.getUTCMonth() + FOLLOW_MONTHS);
	const last = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() + 1, 0)).getUTCDate();
	to.setUTCDate(Math.min(day, last));
	return to;
}

/**
 * 16 base32 letters (80 random bits): short, because it rides in every text and one SMS segment is
 * 70 characters, and still far beyond guessing for a link that can only stop or renew one follow.
 */
function newStopToken(): string {
	return encodeBase32LowerCaseNoPadding(randomBytes(10));
}

/** What is followed, by name; a 404 for an unknown or retired expert or center. */
export async function followTarget(db: DbOrTx, kind: string, id: string): Promise<{ kind: FollowTargetKind; id: string; name: string }> {
	if (kind === 'expert') {
		const row = await db.select({ name: experts.name, active: experts.active }).from(experts).where(eq(experts.id, id)).get();
		if (row?.active) return { kind, id, name: `${row.name}医生` };
	} else if (kind === 'site') {
		const row = await db.select({ name: sites.name, active: sites.active }).from(sites).where(eq(sites.id, id)).get();
		if (row?.active) return { kind, id, name: row.name };
	}
	throw notFound(m.follow.notFound);
}

const live = (now: Date) => and(isNull(smsFollows.stoppedAt), gt(smsFollows.expiresAt, now));

/** Deletes follows that ended more than 30 days ago (stopped or expired). Returns how many. */
export async function deleteEndedFollows(db: DbOrTx, now = new Date()): Promise<number> {
	const before = new Date(now.getTime() - KEEP_ENDED_MS);
	const result = await db.delete(smsFollows).where(or(lt(smsFollows.stoppedAt, before), lt(smsFollows.expiresAt, before)));
	return result.rowsAffected;
}

export interface FollowStarted {
	token: string;
	targetName: string;
	expiresAt: Date;
	maskedPhone: string;
}

/**
 * Starts following with the phone a 'follow' session proves, after the resident ticked the consent.
 * Following again (stopped, expired or still running) renews the same follow: one row per phone and
 * target, a fresh consent time and 6 months from now. A phone may follow at most 20 at once.
 */
export async function startFollow(
	db: Db,
	input: { session: string | null | undefined; targetKind: string; targetId: string; consent: boolean },
	now = new Date()
): Promise<FollowStarted> {
	if (!input.consent) throw invalid(m.follow.consentRequired, 'consent');
	return db.transaction(async (tx) => {
		const proven = await phoneOfSession(tx, input.session, 'follow', now);
		if (!proven) throw invalid(m.follow.expiredSession, 'code');
		const target = await followTarget(tx, input.targetKind, input.targetId);
		await deleteEndedFollows(tx, now);
		const phone = proven.phone;
		const [others] = await tx
			.select({ n: count() })
			.from(smsFollows)
			.where(and(eq(smsFollows.phone, phone), live(now)));
		const existing = await tx
			.select()
			.from(smsFollows)
			.where(and(eq(smsFollows.phone, phone), eq(smsFollows.targetKind, target.kind), eq(smsFollows.targetId, target.id)))
			.get();
		const existingIsLive = existing !== undefined && existing.stoppedAt === null && existing.expiresAt.getTime() > now.getTime();
		if ((others?.n ?? 0) - (existingIsLive ? 1 : 0) >= MAX_FOLLOWS_PER_PHONE) throw tooMany(m.follow.tooMany(MAX_FOLLOWS_PER_PHONE), 'form');
		const expiresAt = followExpiry(now);
		let token: string;
		if (existing) {
			token = existing.stopToken;
			await tx.update(smsFollows).set({ consentAt: now, renewedAt: null, expiresAt, stoppedAt: null }).where(eq(smsFollows.id, existing.id));
		} else {
			token = newStopToken();
			await tx.insert(smsFollows).values({ id: newId(), phone, targetKind: target.kind, targetId: target.id, consentAt: now, expiresAt, stopToken: token, createdAt: now });
		}
		return { token, targetName: target.name, expiresAt, maskedPhone: maskPhone(phone) };
	});
}

export interface FollowView {
	targetKind: FollowTargetKind;
	targetId: string;
	targetName: string;
	maskedPhone: string;
	expiresAt: Date;
	stoppedAt: Date | null;
	state: 'active' | 'stopped' | 'expired';
}

async function followOfToken(db: DbOrTx, token: string) {
	// Only well-formed tokens reach the index; anything else is the same 404 as an unknown one.
	if (!/^[a-z2-7]{16}$/.test(token)) throw notFound(m.follow.unknownLink);
	const row = await db.select().from(smsFollows).where(eq(smsFollows.stopToken, token)).get();
	if (!row) throw notFound(m.follow.unknownLink);
	return row;
}

/** The `/f/<token>` page: what is followed, the phone masked, until when; a 404 for an unknown token. */
export async function followByToken(db: DbOrTx, token: string, now = new Date()): Promise<FollowView> {
	const row = await followOfToken(db, token);
	const target = await followTarget(db, row.targetKind, row.targetId).catch(() => ({ name: '' }));
	return {
		targetKind: row.targetKind,
		targetId: row.targetId,
		targetName: target.name,
		maskedPhone: maskPhone(row.phone),
		expiresAt: row.expiresAt,
		stoppedAt: row.stoppedAt,
		state: row.stoppedAt ? 'stopped' : row.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active'
	};
}

/** 停止提醒 by the link: no text about this follow after it. Stopping twice is no error. */
export async function stopFollowByToken(db: Db, token: string, now = new Date()): Promise<FollowView> {
	return db.transaction(async (tx) => {
		const row = await followOfToken(tx, token);
		if (!row.stoppedAt) await tx.update(smsFollows).set({ stoppedAt: now }).where(eq(smsFollows.id, row.id));
		return followByToken(tx, token, now);
	});
}

/**
 * 续期 6 个月 by the link, while the follow runs. One that ended is not revived by the link: a stop
 * was the resident's word, and an old text's link is no fresh consent, so they follow again with a code.
 */
export async function renewFollowByToken(db: Db, token: string, now = new Date()): Promise<FollowView> {
	return db.transaction(async (tx) => {
		const row = await followOfToken(tx, token);
		if (row.stoppedAt || row.expiresAt.getTime() <= now.getTime()) throw conflict(m.follow.cannotRenew, 'form');
		await tx.update(smsFollows).set({ renewedAt: now, expiresAt: followExpiry(now) }).where(eq(smsFollows.id, row.id));
		return followByToken(tx, token, now);
	});
}

/** TD, T or 退订, whatever the case and spacing: what residents reply to stop texts. */
export function isStopReply(text: string): boolean {
	return /^(td|t|退订)$/i.test(text.replace(/[\s。.!！]/g, ''));
}

/**
 * A reply from a phone (the provider's 上行短信 callback): a stop word stops every follow of that phone.
 * Returns how many follows it stopped; any other reply stops nothing.
 */
export async function stopFollowsByReply(db: DbOrTx, phone: string, text: string, now = new Date()): Promise<number> {
	const normalized = normalizeMobile(phone);
	if (!normalized || !isStopReply(text)) return 0;
	const result = await db.update(smsFollows).set({ stoppedAt: now }).where(and(eq(smsFollows.phone, normalized), isNull(smsFollows.stoppedAt)));
	return result.rowsAffected;
}

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
	const today = siteToday(BEIJING, now);
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
	const today = siteToday(BEIJING, now);
	const hour = hourIn(BEIJING, now);
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
	const today = siteToday(BEIJING, now);
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

/** The URL's word for a target: residents read 中心 as center, the schema says site. */
export const FOLLOW_PATH_KINDS = { expert: 'expert', center: 'site' } as const;

export type FollowPage =
	| { step: 'phone'; target: { kind: FollowTargetKind; id: string; name: string } }
	| { step: 'code'; target: { kind: FollowTargetKind; id: string; name: string }; maskedPhone: string }
	| { step: 'proven'; target: { kind: FollowTargetKind; id: string; name: string }; maskedPhone: string };

/**
 * The follow page's state for this browser: a phone proven within 30 minutes (tick and start), a code
 * on its way (type it), or nothing yet (phone and consent). A 404 for an unknown expert or center.
 */
export async function followPage(
	db: DbOrTx,
	input: { pathKind: string; id: string; session: string | null | undefined; challenge: string | null | undefined },
	now = new Date()
): Promise<FollowPage> {
	const kind = Object.hasOwn(FOLLOW_PATH_KINDS, input.pathKind) ? FOLLOW_PATH_KINDS[input.pathKind as keyof typeof FOLLOW_PATH_KINDS] : null;
	if (!kind) throw notFound(m.follow.notFound);
	const target = await followTarget(db, kind, input.id);
	const proven = await phoneOfSession(db, input.session, 'follow', now);
	if (proven) return { step: 'proven', target, maskedPhone: maskPhone(proven.phone) };
	const pending = await pendingPhoneCode(db, input.challenge, 'follow');
	if (pending) return { step: 'code', target, maskedPhone: pending.maskedPhone };
	return { step: 'phone', target };
}

/**
 * 获取验证码 on the follow page: only once the resident ticked the consent (refused at that box, and
 * nothing texted, otherwise). The code is for following only (purpose 'follow').
 */
export async function requestFollowCode(
	db: Db,
	input: { phone: string; consent: boolean; address: string },
	limits: PhoneCodeLimits,
	now = new Date()
): Promise<CodeRequested> {
	if (!input.consent) throw invalid(m.follow.consentRequired, 'consent');
	return requestPhoneCode(db, { phone: input.phone, purpose: 'follow', address: input.address }, limits, now);
}

/** The schema's kind for the URL's word (`center` → `site`); anything else is passed on to be refused as unknown. */
export function targetKindOfPath(pathKind: string): string {
	return Object.hasOwn(FOLLOW_PATH_KINDS, pathKind) ? FOLLOW_PATH_KINDS[pathKind as keyof typeof FOLLOW_PATH_KINDS] : `unknown:${pathKind}`;
}
