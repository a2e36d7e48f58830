import { and, eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../calendar-date';
import { m } from '../../i18n';
import { experts, rotations, sites, smsFollows, smsMessages } from '../db/schema';
import { requestLeave, resolveLeave } from '../schedule/leave';
import { saveHolidayYear } from '../schedule/holiday-admin';
import { endRotation } from '../schedule/rotation-end';
import { updatePlannedRotation } from '../schedule/rotation-plan';
import { applySittingAction, findSittingView } from '../schedule/sitting-actions';
import { listSittings, type SittingView } from '../schedule/sittings';
import { demoId } from '../seed/seed-demo';
import { demoActors } from '../testing/demo-actors';
import { queueFollowerSms, queueScheduleChangeSms } from './follower-texts';
import { smsText } from './kinds';
import {
	deleteEndedFollows,
	followByToken,
	followExpiry,
	FOLLOW_WINDOW_DAYS,
	MAX_FOLLOWS_PER_PHONE,
	renewFollowByToken,
	startFollow,
	stopFollowByToken,
	stopFollowsByReply
} from './follows';
import { requestPhoneCode, verifyPhoneCode } from './verification';
import { demoDbForEachTest } from '../testing/demo-db';

const ORIGIN = 'https://yizhen.example.org';
// Sitting actions read the clock: the demo is seeded around the real Beijing today.
const TODAY = todayIn('Asia/Shanghai');
const LI = demoId('expert:likangning');
const XINQIAO = demoId('site:xinqiao');
const t = demoDbForEachTest(TODAY);

/** 1 for Monday … 7 for Sunday. */
const weekdayOf = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
const phoneOf = (n: number) => `1390000${String(n).padStart(4, '0')}`;
let addressCount = 0;

/** A phone proven the way a resident proves it: a code asked for, read from the outbox, typed. */
async function provePhone(phone: string): Promise<string> {
	const asked = await requestPhoneCode(t.db, { phone, purpose: 'follow', address: `10.0.0.${++addressCount}` });
	const sms = (await t.db.select().from(smsMessages).where(and(eq(smsMessages.phone, phone), eq(smsMessages.kind, 'verification_code'))).all()).at(-1)!;
	const session = await verifyPhoneCode(t.db, { challenge: asked.challenge, code: sms.params.code!, purpose: 'follow' });
	return session.token;
}

async function follow(phone: string, targetKind: 'expert' | 'site', targetId: string, session?: string) {
	return startFollow(t.db, { session: session ?? (await provePhone(phone)), targetKind, targetId, consent: true });
}

const followerTexts = () => t.db.select().from(smsMessages).where(like(smsMessages.kind, 'sitting_%')).all();

/** 李康宁's sittings at 新桥 still scheduled, from `from` on. */
async function liSittings(from: string, to: string): Promise<SittingView[]> {
	const { sittings } = await listSittings(t.db, { from, to, expertId: LI });
	return sittings.filter((s) => s.status === 'scheduled' && s.site.id === XINQIAO);
}

describe('following an expert or a center', () => {
	it('texts every live follower of the expert or the center once when a sitting in the next 14 days is cancelled', async () => {
		const sitting = (await liSittings(addDays(TODAY, 1), addDays(TODAY, FOLLOW_WINDOW_DAYS)))[0]!;
		const session = await provePhone(phoneOf(1));
		const both = await follow(phoneOf(1), 'expert', LI, session);
		await follow(phoneOf(1), 'site', XINQIAO, session);
		const centerOnly = await follow(phoneOf(2), 'site', XINQIAO);
		const stopped = await follow(phoneOf(3), 'expert', LI);
		await stopFollowByToken(t.db, stopped.token);
		await follow(phoneOf(4), 'expert', LI);
		await t.db.update(smsFollows).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(smsFollows.phone, phoneOf(4)));
		await follow(phoneOf(5), 'site', demoId('site:jingkou'));

		await applySittingAction(t.db, demoActors.rmOrganizer, sitting.id, { action: 'cancel', reason: '临时会议' });

		const texts = await followerTexts();
		expect(texts.map((x) => x.phone).sort()).toEqual([phoneOf(1), phoneOf(2)]);
		const site = (await t.db.select({ organizationId: sites.organizationId }).from(sites).where(eq(sites.id, XINQIAO)).get())!;
		for (const text of texts) {
			expect(text.kind).toBe('sitting_cancelled');
			expect(text.organizationId).toBe(site.organizationId);
			expect(text.urgent).toBe(false);
		}
		const toBoth = texts.find((x) => x.phone === phoneOf(1))!;
		// The stop link is one of this phone's own follows (stopping it leaves the other running).
		const ownTokens = (await t.db.select().from(smsFollows).where(eq(smsFollows.phone, phoneOf(1))).all()).map((f) => f.stopToken);
		expect(ownTokens).toContain(both.token);
		expect(ownTokens).toContain(toBoth.params.token);
		const words = smsText('sitting_cancelled', texts.find((x) => x.phone === phoneOf(2))!.params, ORIGIN);
		expect(words).toContain(`${ORIGIN}/f/${centerOnly.token}`);
		expect(words).toContain('李康宁医生');
		expect(words).toContain('停诊');
	});

	it('texts nobody for a sitting more than 14 days away', async () => {
		const far = (await liSittings(addDays(TODAY, FOLLOW_WINDOW_DAYS + 1), addDays(TODAY, FOLLOW_WINDOW_DAYS + 30)))[0]!;
		await follow(phoneOf(1), 'expert', LI);
		await applySittingAction(t.db, demoActors.rmOrganizer, far.id, { action: 'cancel', reason: '临时会议' });
		expect(await followerTexts()).toEqual([]);
	});

	it('texts a move into the window, with the new day, and a substitution, with the substitute', async () => {
		const [first, second] = await liSittings(addDays(TODAY, 1), addDays(TODAY, FOLLOW_WINDOW_DAYS));
		const f = await follow(phoneOf(1), 'expert', LI);
		const newDate = addDays(first!.date, 1);
		await applySittingAction(t.db, demoActors.rmOrganizer, first!.id, { action: 'move', newDate, newStartTime: '14:00', newEndTime: '17:00' });
		const substitute = (await t.db.select().from(experts).where(eq(experts.id, demoId('expert:wuting'))).get())!;
		await applySittingAction(t.db, demoActors.rmOrganizer, second!.id, { action: 'substitute', substituteExpertId: substitute.id, confirmClash: 'on' });
		const texts = await followerTexts();
		const moved = texts.find((x) => x.kind === 'sitting_moved')!;
		expect(moved.params.time).toContain(`${Number(newDate.slice(5, 7))}月${Number(newDate.slice(8, 10))}日`);
		expect(moved.params.time).toContain('下午');
		expect(moved.params.token).toBe(f.token);
		const substituted = texts.find((x) => x.kind === 'sitting_substituted')!;
		expect(substituted.params.substitute).toBe(substitute.name);
		expect(substituted.params.expert).toBe('李康宁');
	});

	it('makes a cancellation for today urgent, and one for tomorrow not', async () => {
		const [sitting] = await liSittings(addDays(TODAY, 1), addDays(TODAY, FOLLOW_WINDOW_DAYS));
		await follow(phoneOf(1), 'expert', LI);
		const view = (await findSittingView(t.db, sitting!.id))!;
		const cancelled: SittingView = { ...view, status: 'cancelled', sequence: view.sequence + 1 };
		// 07:00 in Beijing on the sitting's day, then 07:00 the day before.
		const onTheDay = new Date(`${view.date}T07:00:00+08:00`);
		const dayBefore = new Date(`${addDays(view.date, -1)}T07:00:00+08:00`);
		expect(await queueFollowerSms(t.db, 'cancel', view, { ...cancelled, sequence: 1 }, dayBefore)).toBe(1);
		expect(await queueFollowerSms(t.db, 'cancel', view, { ...cancelled, sequence: 2 }, onTheDay)).toBe(1);
		const texts = await followerTexts();
		expect(texts.map((x) => x.urgent)).toEqual([false, true]);
		// The same change queued again (a retried transaction) texts nobody twice.
		await queueFollowerSms(t.db, 'cancel', view, { ...cancelled, sequence: 2 }, onTheDay);
		expect(await followerTexts()).toHaveLength(2);
		// A quota change, or a sitting already past, texts nobody.
		expect(await queueFollowerSms(t.db, 'quota', view, view, dayBefore)).toBe(0);
		expect(await queueFollowerSms(t.db, 'cancel', view, cancelled, new Date(`${addDays(view.date, 1)}T07:00:00+08:00`))).toBe(0);
	});

	it('tells those texted a cancellation when the sitting is restored, and nobody else', async () => {
		const [sitting] = await liSittings(addDays(TODAY, 1), addDays(TODAY, FOLLOW_WINDOW_DAYS));
		const told = await follow(phoneOf(1), 'expert', LI);
		await applySittingAction(t.db, demoActors.rmOrganizer, sitting!.id, { action: 'cancel', reason: '临时会议' });
		// Follows the center only after the cancellation: never told 停诊, so not told 恢复 either.
		await follow(phoneOf(2), 'site', XINQIAO);
		await applySittingAction(t.db, demoActors.rmOrganizer, sitting!.id, { action: 'restore' });
		const restored = (await followerTexts()).filter((x) => x.kind === 'sitting_restored');
		expect(restored.map((x) => x.phone)).toEqual([phoneOf(1)]);
		expect(restored[0]!.params).toMatchObject({ expert: '李康宁', token: told.token });
		expect(smsText('sitting_restored', restored[0]!.params, ORIGIN)).toContain('恢复');
		// Cancelled again and restored again: each change is its own text.
		await applySittingAction(t.db, demoActors.rmOrganizer, sitting!.id, { action: 'cancel', reason: '再次临时会议' });
		await applySittingAction(t.db, demoActors.rmOrganizer, sitting!.id, { action: 'restore' });
		const texts = await followerTexts();
		expect(texts.filter((x) => x.phone === phoneOf(1)).map((x) => x.kind)).toEqual(['sitting_cancelled', 'sitting_restored', 'sitting_cancelled', 'sitting_restored']);
	});

	it('tells the followers of an expert whose approved leave leaves a sitting uncovered', async () => {
		const [sitting] = await liSittings(addDays(TODAY, 1), addDays(TODAY, FOLLOW_WINDOW_DAYS));
		await follow(phoneOf(1), 'expert', LI);
		const leaveId = await requestLeave(t.db, demoActors.expert, { expertId: LI, startDate: sitting!.date, endDate: sitting!.date, reason: '外出学习' });
		await resolveLeave(t.db, demoActors.rmOrganizer, leaveId, { decision: 'approve', covers: {} });
		const texts = await followerTexts();
		expect(texts).toHaveLength(1);
		expect(texts[0]).toMatchObject({ kind: 'sitting_cancelled', phone: phoneOf(1) });
	});
});

describe('a rotation edited or ended', () => {
	const KANGFU = demoId('rotation:xinqiao-kangfu');
	const upcoming = async () => (await liSittings(addDays(TODAY, 1), addDays(TODAY, FOLLOW_WINDOW_DAYS))).filter((s) => s.rotationId === KANGFU);

	it('texts a cancellation for each sitting the new rule takes away, and nothing for those it keeps', async () => {
		const row = (await t.db.select().from(rotations).where(eq(rotations.id, KANGFU)).get())!;
		expect(row.rrule).toContain('TH');
		const thursdays = (await upcoming()).filter((s) => weekdayOf(s.date) === 4);
		expect(thursdays.length).toBeGreaterThan(0);
		await follow(phoneOf(1), 'expert', LI);
		await updatePlannedRotation(t.db, demoActors.rmOrganizer, KANGFU, { ...row, rrule: 'FREQ=WEEKLY;BYDAY=TU' }, { today: TODAY, expectedVersion: row.version });
		const texts = await followerTexts();
		expect(texts.every((x) => x.kind === 'sitting_cancelled' && x.params.time!.includes('周四'))).toBe(true);
		// Today's Thursday, if it is one, is texted only while it has not ended: at least every later one is.
		expect(texts.length).toBeGreaterThanOrEqual(thursdays.length);
	});

	it('texts a cancellation for a sitting that a holiday, entered later, falls on', async () => {
		const [sitting, other] = await upcoming();
		await follow(phoneOf(1), 'expert', LI);
		const year = Number(sitting!.date.slice(0, 4));
		await saveHolidayYear(t.db, demoActors.admin, year, `${sitting!.date} 测试假日`);
		const texts = await followerTexts();
		expect(texts).toHaveLength(1);
		expect(texts[0]).toMatchObject({ kind: 'sitting_cancelled', phone: phoneOf(1) });
		expect(texts[0]!.params.time).toContain(`${Number(sitting!.date.slice(5, 7))}月${Number(sitting!.date.slice(8, 10))}日`);
		expect(other!.date).not.toBe(sitting!.date);
	});

	it('texts nobody for a sitting of today that is already over when it is taken away', async () => {
		const [sitting] = await upcoming();
		await follow(phoneOf(1), 'expert', LI);
		const endHour = Number(sitting!.endTime.slice(0, 2));
		// On the sitting's day, Beijing time: an hour after it ended, then an hour before it ends.
		const after = new Date(`${sitting!.date}T${String(endHour + 1).padStart(2, '0')}:00:00+08:00`);
		const beforeEnd = new Date(`${sitting!.date}T${String(endHour - 1).padStart(2, '0')}:00:00+08:00`);
		expect(await queueScheduleChangeSms(t.db, [sitting!], [], after)).toBe(0);
		expect(await queueScheduleChangeSms(t.db, [sitting!], [], beforeEnd)).toBe(1);
		expect((await followerTexts()).map((x) => [x.kind, x.urgent])).toEqual([['sitting_cancelled', true]]);
	});

	it('texts a cancellation for every sitting from tomorrow on when the rotation ends', async () => {
		const later = await upcoming();
		await follow(phoneOf(1), 'expert', LI);
		await follow(phoneOf(2), 'site', XINQIAO);
		await endRotation(t.db, demoActors.rmOrganizer, KANGFU, { today: TODAY });
		const texts = await followerTexts();
		expect(texts.every((x) => x.kind === 'sitting_cancelled')).toBe(true);
		for (const phone of [phoneOf(1), phoneOf(2)]) expect(texts.filter((x) => x.phone === phone).length).toBeGreaterThanOrEqual(later.length);
	});
});

describe('starting, stopping and renewing a follow', () => {
	it('refuses without the consent ticked or a proven phone, at the field', async () => {
		const session = await provePhone(phoneOf(1));
		await expect(startFollow(t.db, { session, targetKind: 'expert', targetId: LI, consent: false })).rejects.toMatchObject({ status: 400, field: 'consent', message: m.follow.consentRequired });
		await expect(startFollow(t.db, { session: 'not-a-session', targetKind: 'expert', targetId: LI, consent: true })).rejects.toMatchObject({ status: 400, field: 'code' });
		await expect(startFollow(t.db, { session, targetKind: 'expert', targetId: 'nobody', consent: true })).rejects.toMatchObject({ status: 404 });
		expect(await t.db.select().from(smsFollows).all()).toEqual([]);
	});

	it('keeps one follow per phone and target: following again renews it, stopped or not', async () => {
		const session = await provePhone(phoneOf(1));
		const first = await follow(phoneOf(1), 'expert', LI, session);
		expect(first.expiresAt.getTime()).toBeGreaterThan(Date.now() + 180 * 86_400_000);
		await stopFollowByToken(t.db, first.token);
		const again = await follow(phoneOf(1), 'expert', LI, session);
		expect(again.token).toBe(first.token);
		const rows = await t.db.select().from(smsFollows).all();
		expect(rows).toHaveLength(1);
		expect(rows[0]!.stoppedAt).toBeNull();
		expect((await followByToken(t.db, first.token)).state).toBe('active');
	});

	it('stops and renews by the link, shows the phone masked, and 404s an unknown link', async () => {
		const f = await follow(phoneOf(1), 'site', XINQIAO);
		const view = await followByToken(t.db, f.token);
		expect(view).toMatchObject({ targetKind: 'site', targetId: XINQIAO, maskedPhone: '139****0001', state: 'active' });
		expect(view.targetName).toContain('新桥');

		const later = new Date(Date.now() + 30 * 86_400_000);
		const renewed = await renewFollowByToken(t.db, f.token, later);
		expect(renewed.expiresAt.getTime()).toBe(followExpiry(later).getTime());
		expect(renewed.expiresAt.getTime()).toBeGreaterThan(view.expiresAt.getTime());

		const stopped = await stopFollowByToken(t.db, f.token);
		expect(stopped.state).toBe('stopped');
		await expect(renewFollowByToken(t.db, f.token)).rejects.toMatchObject({ status: 409 });
		// Stopping twice is no error.
		expect((await stopFollowByToken(t.db, f.token)).state).toBe('stopped');

		await expect(followByToken(t.db, 'aaaaaaaaaaaaaaaa')).rejects.toMatchObject({ status: 404 });
		await expect(stopFollowByToken(t.db, 'not a token')).rejects.toMatchObject({ status: 404 });
		await expect(renewFollowByToken(t.db, f.token.toUpperCase())).rejects.toMatchObject({ status: 404 });
	});

	it('lets one phone follow at most 20 at once; a stopped follow makes room', async () => {
		const session = await provePhone(phoneOf(1));
		const targets = (await t.db.select({ id: experts.id }).from(experts).where(eq(experts.active, true)).all()).slice(0, MAX_FOLLOWS_PER_PHONE + 1);
		expect(targets).toHaveLength(MAX_FOLLOWS_PER_PHONE + 1);
		const started = [];
		for (const e of targets.slice(0, MAX_FOLLOWS_PER_PHONE)) started.push(await follow(phoneOf(1), 'expert', e.id, session));
		const extra = targets[MAX_FOLLOWS_PER_PHONE]!.id;
		await expect(follow(phoneOf(1), 'expert', extra, session)).rejects.toMatchObject({ status: 429, message: m.follow.tooMany(MAX_FOLLOWS_PER_PHONE) });
		// Following one already followed renews it, at the cap too.
		await follow(phoneOf(1), 'expert', targets[0]!.id, session);
		await stopFollowByToken(t.db, started[1]!.token);
		await follow(phoneOf(1), 'expert', extra, session);
	});

	it('stops every follow of a phone that replies TD, T or 退订, and nothing for another reply', async () => {
		const session = await provePhone(phoneOf(1));
		await follow(phoneOf(1), 'expert', LI, session);
		await follow(phoneOf(1), 'site', XINQIAO, session);
		const other = await follow(phoneOf(2), 'expert', LI);
		expect(await stopFollowsByReply(t.db, phoneOf(1), '好的，谢谢')).toBe(0);
		expect(await stopFollowsByReply(t.db, `+86 ${phoneOf(1)}`, ' td ')).toBe(2);
		expect(await stopFollowsByReply(t.db, phoneOf(1), 'T')).toBe(0);
		expect((await followByToken(t.db, other.token)).state).toBe('active');
		const third = await follow(phoneOf(3), 'expert', LI);
		expect(await stopFollowsByReply(t.db, phoneOf(3), '退订')).toBe(1);
		expect((await followByToken(t.db, third.token)).state).toBe('stopped');
	});

	it('deletes a follow 30 days after it ends, not before', async () => {
		const f = await follow(phoneOf(1), 'expert', LI);
		const stoppedAt = new Date();
		await stopFollowByToken(t.db, f.token, stoppedAt);
		expect(await deleteEndedFollows(t.db, new Date(stoppedAt.getTime() + 29 * 86_400_000))).toBe(0);
		expect(await deleteEndedFollows(t.db, new Date(stoppedAt.getTime() + 31 * 86_400_000))).toBe(1);
		await expect(followByToken(t.db, f.token)).rejects.toMatchObject({ status: 404 });
	});
});
