import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy';
import { auditLog, calendarFeedTokens, calendarItems, users } from '../db/schema';
import { createEvent } from '../events/events';
import { cancelRegistration, registerForEvent } from '../events/registration';
import { actor, feedWorldForEachTest, ORIGIN, WINDOW } from '../testing/feed-world';
import { forgetItemsBefore } from './ledger';
import { parseWithIcalJs, parseWithNodeIcal, type ParsedItem } from './parse-twice';
import { publishFeed } from './publish';
import { residentFeed, siteFeed } from './sources';
import { calendarTokenOf, currentExpertFeedToken, residentFeedToken, resolveFeedToken, revokeExpertFeedToken, rotateExpertFeedToken } from './tokens';

const { t, w } = feedWorldForEachTest();

async function parsedFeed(source: Parameters<typeof publishFeed>[1]) {
	const feed = await publishFeed(t.db, source);
	return { a: parseWithIcalJs(feed.body).items, b: parseWithNodeIcal(feed.body) };
}

const byUid = (items: ParsedItem[]) => new Map(items.map((i) => [i.uid, i]));

describe('private feed addresses', () => {
	/** A signed-in account, so the audit log can name its user. */
	async function signedIn(name: string, reach: Partial<Pick<Actor, 'organizerOf' | 'expertIds'>>): Promise<Actor> {
		const userId = `user-${(await t.db.select().from(users)).length + 1}`;
		await t.db.insert(users).values({ id: userId, email: `${userId}@yizhen.example`, name });
		return { userId, name, isAdmin: false, organizerOf: reach.organizerOf ?? [], volunteerOf: [], expertIds: reach.expertIds ?? [] };
	}

	it('rotating makes the old address unknown at once; revoking leaves none', async () => {
		const likang = await signedIn('李康', { expertIds: [w.world.expert.id] });
		const first = await rotateExpertFeedToken(t.db, likang, w.world.expert.id);
		expect(first.replaced).toBe(false);
		expect(await resolveFeedToken(t.db, first.token)).toEqual({ kind: 'expert', subjectId: w.world.expert.id });
		const second = await rotateExpertFeedToken(t.db, likang, w.world.expert.id);
		expect(second.replaced).toBe(true);
		expect(second.token).not.toBe(first.token);
		expect(await resolveFeedToken(t.db, first.token)).toBeNull();
		expect(await currentExpertFeedToken(t.db, likang, w.world.expert.id)).toBe(second.token);
		await revokeExpertFeedToken(t.db, likang, w.world.expert.id);
		expect(await resolveFeedToken(t.db, second.token)).toBeNull();
		expect(await currentExpertFeedToken(t.db, likang, w.world.expert.id)).toBeNull();
		expect(await resolveFeedToken(t.db, 'not a token')).toBeNull();
		expect(await resolveFeedToken(t.db, 'a'.repeat(32))).toBeNull();
	});

	it('lets only the expert themself issue or stop their address: a colleague or their hospital\'s organizer gets a 403', async () => {
		const likang = await signedIn('李康', { expertIds: [w.world.expert.id] });
		const { token } = await rotateExpertFeedToken(t.db, likang, w.world.expert.id);
		const tokensBefore = await t.db.select().from(calendarFeedTokens);
		const entries = (await t.db.select().from(auditLog)).length;
		const colleague = await signedIn('王复', { expertIds: [w.world.colleague.id] });
		// No console page ever let an organizer do this, and rotating would hand them the expert's secret.
		const organizer = await signedIn('周晓梅', { organizerOf: [w.world.hospital.id] });
		for (const other of [colleague, organizer]) {
			await expect(currentExpertFeedToken(t.db, other, w.world.expert.id)).rejects.toMatchObject({ status: 403 });
			await expect(rotateExpertFeedToken(t.db, other, w.world.expert.id)).rejects.toMatchObject({ status: 403 });
			await expect(revokeExpertFeedToken(t.db, other, w.world.expert.id)).rejects.toMatchObject({ status: 403 });
		}
		expect(await t.db.select().from(calendarFeedTokens)).toEqual(tokensBefore);
		expect((await t.db.select().from(auditLog)).length).toBe(entries);
		expect(await currentExpertFeedToken(t.db, likang, w.world.expert.id)).toBe(token);
		await expect(rotateExpertFeedToken(t.db, likang, 'no-such-expert')).rejects.toMatchObject({ status: 404 });
	});

	it('gives a resident their own sign-ups across events, with waitlist and cancellation shown', async () => {
		const eventOn = (date: string, capacity: number | null) =>
			createEvent(t.db, actor, { kind: 'free_clinic', siteId: w.world.site.id, title: `义诊 ${date}`, date, startTime: '08:30', endTime: '11:30', capacity });
		const full = await eventOn('2026-10-24', 1);
		const open = await eventOn('2026-10-25', null);
		const other = await eventOn('2026-10-31', null);
		const me = { name: '王阿姨', phone: '13812345678', ageBand: '60_69', consent: true };
		await registerForEvent(t.db, full, { ...me, phone: '13900000000', name: '别人' }, '2026-10-01', null);
		const waiting = await registerForEvent(t.db, full, me, '2026-10-01', null);
		const going = await registerForEvent(t.db, open, me, '2026-10-01', null);
		const dropped = await registerForEvent(t.db, other, me, '2026-10-01', null);
		await cancelRegistration(t.db, dropped.manageToken, '2026-10-01');

		const token = await residentFeedToken(t.db, going.id, going.manageToken);
		expect(token).toBe(calendarTokenOf(going.manageToken));
		expect(await resolveFeedToken(t.db, token)).toEqual({ kind: 'resident', subjectId: going.id });
		const { a, b } = await parsedFeed((await residentFeed(t.db, going.id, WINDOW, ORIGIN))!);
		expect(b).toEqual(a);
		const items = byUid(a);
		expect(items.size).toBe(3);
		expect(items.get(`${full}@event.yizhen`)).toMatchObject({ status: 'TENTATIVE', summary: `【候补】义诊：义诊 2026-10-24` });
		expect(items.get(`${open}@event.yizhen`)).toMatchObject({ status: 'CONFIRMED' });
		expect(items.get(`${open}@event.yizhen`)!.description).toContain(`签到码：${going.checkInCode}`);
		expect(items.get(`${other}@event.yizhen`)).toMatchObject({ status: 'CANCELLED', summary: '【已取消】义诊：义诊 2026-10-31' });
		expect(waiting.status).toBe('waitlisted');
	});
});

describe('the ledger', () => {
	it('forgets items that have left every window and keeps the rest', async () => {
		await publishFeed(t.db, (await siteFeed(t.db, w.world.site.id, WINDOW, ORIGIN))!);
		const before = await t.db.select().from(calendarItems);
		const forgotten = await forgetItemsBefore(t.db, '2026-10-01');
		const after = await t.db.select().from(calendarItems);
		expect(forgotten).toBe(before.filter((r) => r.date < '2026-10-01').length);
		expect(forgotten).toBeGreaterThan(0);
		expect(after.every((r) => r.date >= '2026-10-01')).toBe(true);
	});
});
