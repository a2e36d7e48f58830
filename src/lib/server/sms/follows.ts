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
import { and, count, eq, gt, isNull, lt, or } from 'drizzle-orm';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { randomBytes } from 'node:crypto';
import { m } from '../../i18n';
import type { Db, DbOrTx } from '../db/client';
import { experts, SMS_FOLLOW_TARGETS, sites, smsFollows } from '../db/schema';
import { conflict, invalid, notFound, tooMany } from '../errors';
import { maskPhone, normalizeMobile } from '../events/phone';
import { newId } from '../ids';
import { pendingPhoneCode, phoneOfSession, requestPhoneCode, type CodeRequested, type PhoneCodeLimits } from './verification';
import { dm } from '../../i18n/domain';

export type FollowTargetKind = (typeof SMS_FOLLOW_TARGETS)[number];

export const MAX_FOLLOWS_PER_PHONE = 20;
/** Changes to sittings this many days ahead (and today) are texted; later ones can wait for the page. */
export const FOLLOW_WINDOW_DAYS = 14;
export const FOLLOW_MONTHS = 6;
const KEEP_ENDED_MS = 30 * 24 * 60 * 60_000;

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
		if (row?.active) return { kind, id, name: dm.sms.labels.doctor(row.name) };
	} else if (kind === 'site') {
		const row = await db.select({ name: sites.name, active: sites.active }).from(sites).where(eq(sites.id, id)).get();
		if (row?.active) return { kind, id, name: row.name };
	}
	throw notFound(m.follow.notFound);
}

/** A follow that is neither stopped nor past its 6 months. */
export const live = (now: Date) => and(isNull(smsFollows.stoppedAt), gt(smsFollows.expiresAt, now));

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
	const target = await followTarget(db, targetKindOfPath(input.pathKind), input.id);
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
