import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy';
import { loadActor } from '../auth/users';
import { mailRecipients, outboxMessages, registrations, users } from '../db/schema';
import { createEvent } from '../events/events';
import { cancelEvent } from '../events/cancellation';
import { cancelRegistration, registerForEvent } from '../events/registration';
import { demoId } from '../seed/seed-demo';
import { type TestDb } from '../testing/test-db';
import { unsubscribe } from './recipients';
import { expandFanouts } from './resident-mail';
import { startTestSmtpServer, type TestSmtpServer } from './smtp-test-server';
import { smtpTransport } from './transport';
import { deliverDue } from './worker';
import { createDemoDb } from '../testing/demo-db';

const TODAY = '2026-11-25';
let t: TestDb;
let smtp: TestSmtpServer;
let organizer: Actor;

beforeEach(async () => {
	t = await createDemoDb(TODAY);
	smtp = await startTestSmtpServer({ refuse: { 'nobody@example.com': 550 } });
	const user = (await t.db.select().from(users).where(eq(users.email, 'organizer@yizhen.example')).get())!;
	organizer = await loadActor(t.db, user);
});
afterEach(async () => {
	await smtp.stop();
	t.cleanup();
});

const clinic = (capacity: number | null) =>
	createEvent(t.db, { userId: null, name: '周晓梅' }, {
		kind: 'free_clinic',
		siteId: demoId('site:xinqiao'),
		title: '冬季义诊',
		date: '2026-12-12',
		startTime: '08:30',
		endTime: '11:30',
		capacity
	});
const person = (n: number, email = '') => ({ name: `居民${n}`, phone: `1380000${String(n).padStart(4, '0')}`, ageBand: '60_69', email, consent: true });

async function deliver() {
	await deliverDue(t.db, smtpTransport(smtp.url), 'test', new Date(Date.now() + 60_000));
	return smtp.received.splice(0);
}
const methodOf = (mail: (typeof smtp.received)[number]) => {
	const a = mail.attachments.find((x) => x.contentType.startsWith('text/calendar'))!;
	return new ICAL.Component(ICAL.parse(a.content.toString('utf8'))).getFirstPropertyValue('method');
};

describe('messages to residents', () => {
	it('confirms a registration by mail only when an email was given, with the code, the manage link and one-click unsubscribe', async () => {
		const id = await clinic(10);
		const mine = await registerForEvent(t.db, id, person(1, 'Wang.Ayi@Example.com'), TODAY, null);
		await registerForEvent(t.db, id, person(2), TODAY, null);
		const mails = await deliver();
		expect(mails).toHaveLength(1);
		const [mail] = mails;
		expect(mail!.subject).toBe('报名成功：冬季义诊');
		expect(mail!.to).toMatchObject({ value: [{ address: 'wang.ayi@example.com' }] });
		expect(mail!.text).toContain(`签到码：${mine.checkInCode}`);
		expect(mail!.text).toContain(`/r/${mine.manageToken}`);
		const header = (name: string) => mail!.headerLines.find((h) => h.key === name)?.line.replace(/\r\n[ \t]+/g, ' ');
		expect(header('list-unsubscribe')).toMatch(/^List-Unsubscribe:\s+<http.+\/unsubscribe\/[a-z2-7]{32}>$/);
		expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
		expect(methodOf(mail!)).toBe('REQUEST');
	});

	it('refuses a malformed address at the form and saves nothing; a name cannot add a header', async () => {
		const id = await clinic(10);
		await expect(registerForEvent(t.db, id, person(3, 'wang@@example'), TODAY, null)).rejects.toMatchObject({ status: 400, field: 'email' });
		await expect(registerForEvent(t.db, id, person(3, 'a@example.com\r\nBcc: evil@example.com'), TODAY, null)).rejects.toMatchObject({ field: 'email' });
		expect(await t.db.select().from(registrations).where(eq(registrations.eventId, id))).toHaveLength(0);

		// The form refuses a line break in a name (issue 15); one stored before that rule still cannot.
		await expect(registerForEvent(t.db, id, { ...person(4, 'li@example.com'), name: '李\r\nBcc: e@x.cn' }, TODAY, null)).rejects.toMatchObject({ status: 400, field: 'name' });
		await registerForEvent(t.db, id, person(4, 'li@example.com'), TODAY, null);
		const stored = await t.db.update(outboxMessages).set({ toName: '李\r\nBcc: e@x.cn' }).where(eq(outboxMessages.toAddress, 'li@example.com'));
		expect(stored.rowsAffected).toBe(1);
		const [mail] = await deliver();
		expect(mail!.headerLines.some((h) => h.key === 'bcc')).toBe(false);
		expect(mail!.headerLines.filter((h) => /e@x\.cn/.test(h.line) && h.key !== 'to')).toEqual([]);
	});

	it('tells a waiting person when a place frees up, and everyone when the event is cancelled; the unsubscribed hear nothing', async () => {
		const id = await clinic(1);
		const first = await registerForEvent(t.db, id, person(5, 'first@example.com'), TODAY, null);
		await registerForEvent(t.db, id, person(6, 'second@example.com'), TODAY, null);
		const confirmations = await deliver();
		expect(confirmations.map((m) => m.subject).sort()).toEqual(['已进入候补：冬季义诊', '报名成功：冬季义诊']);

		await cancelRegistration(t.db, first.manageToken, TODAY);
		const [promoted, ...none] = await deliver();
		expect(none).toHaveLength(0);
		expect(promoted!.subject).toBe('候补成功，您已报上名：冬季义诊');
		expect(promoted!.to).toMatchObject({ value: [{ address: 'second@example.com' }] });

		await registerForEvent(t.db, id, person(7, 'third@example.com'), TODAY, null);
		await deliver();
		const third = (await t.db.select().from(mailRecipients).where(eq(mailRecipients.email, 'third@example.com')).get())!;
		expect(await unsubscribe(t.db, third.unsubscribeToken)).toBe('third@example.com');

		await cancelEvent(t.db, organizer, id, { reason: '场地临时维修' });
		// The click committed one fan-out row; the worker writes the messages out.
		expect(await t.db.select().from(outboxMessages).where(eq(outboxMessages.status, 'pending'))).toHaveLength(0);
		expect(await expandFanouts(t.db)).toBe(1);
		expect(await expandFanouts(t.db)).toBe(0);
		const cancelled = await deliver();
		expect(cancelled).toHaveLength(1);
		expect(cancelled[0]!.to).toMatchObject({ value: [{ address: 'second@example.com' }] });
		expect(cancelled[0]!.text).toContain('原因：场地临时维修');
		expect(methodOf(cancelled[0]!)).toBe('CANCEL');
	});

	it('links a URL typed into a cancel reason without the Chinese words after it', async () => {
		const id = await clinic(10);
		await registerForEvent(t.db, id, person(9, 'link@example.com'), TODAY, null);
		await deliver();
		await cancelEvent(t.db, organizer, id, { reason: '场地改到 https://yizhen.example.org/e/abc，请改天再来。（见 https://x.org/a）' });
		expect(await expandFanouts(t.db)).toBe(1);
		const [queued] = await t.db.select().from(outboxMessages).where(eq(outboxMessages.kind, 'resident_event_cancelled'));
		const html = queued!.htmlBody!;
		expect(html).toContain('场地改到 <a href="https://yizhen.example.org/e/abc">https://yizhen.example.org/e/abc</a>，请改天再来。');
		expect(html).toContain('（见 <a href="https://x.org/a">https://x.org/a</a>）');
		expect(html.match(/<a href="[^"]*"/g)!.every((a) => /^<a href="https?:\/\/[\x21-\x7e]+"$/.test(a))).toBe(true);
	});

	it('marks an address a server refuses for good, and writes to it no more', async () => {
		const id = await clinic(10);
		await registerForEvent(t.db, id, person(8, 'nobody@example.com'), TODAY, null);
		expect(await deliver()).toHaveLength(0);
		const row = (await t.db.select().from(mailRecipients).where(eq(mailRecipients.email, 'nobody@example.com')).get())!;
		expect(row.bouncedAt).not.toBeNull();
		expect(row.bounceReason).toContain('550');
		await cancelEvent(t.db, organizer, id, { reason: '暴雨' });
		expect(await expandFanouts(t.db)).toBe(0);
		const queued = await t.db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, 'nobody@example.com'));
		expect(queued).toHaveLength(1);
		expect(queued[0]!.status).toBe('dead');
	});
});

describe('a fan-out interrupted or run twice', () => {
	it('queues the message of each person once', async () => {
		const id = await clinic(null);
		for (let n = 10; n < 14; n++) await registerForEvent(t.db, id, person(n, `p${n}@example.com`), TODAY, null);
		await deliver();
		await cancelEvent(t.db, organizer, id, { reason: '暴雨' });
		const [a, b] = await Promise.all([expandFanouts(t.db), expandFanouts(t.db)]);
		expect(a + b).toBeGreaterThanOrEqual(4);
		const mails = await deliver();
		expect(mails.map((m) => (m.to && !Array.isArray(m.to) ? m.to.value[0]!.address : '')).sort()).toEqual(['p10@example.com', 'p11@example.com', 'p12@example.com', 'p13@example.com']);
	});
});
