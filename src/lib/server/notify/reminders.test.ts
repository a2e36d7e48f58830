import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client';
import { mailRecipients, outboxMessages, users, volunteerRoles, volunteerShifts } from '../db/schema';
import { createEvent } from '../events/events';
import { registerForEvent } from '../events/registration';
import { newId } from '../ids';
import { demoId } from '../seed/seed-demo';
import { type TestDb } from '../testing/test-db';
import { unsubscribe } from './recipients';
import { queueDueReminders } from './reminders';
import { createDemoDb } from '../testing/demo-db';

const TODAY = '2026-11-25';
// The clinic is on Saturday 12 December at 新桥 (Asia/Shanghai, UTC+8); reminders from 17:00 the day before.
const EVENT_DAY = '2026-12-12';
const at = (iso: string) => new Date(iso);
const FRIDAY_1800_LOCAL = at('2026-12-11T10:00:00Z');

let t: TestDb;
let eventId: string;
beforeEach(async () => {
	t = await createDemoDb(TODAY);
	eventId = await createEvent(t.db, { userId: null, name: '周晓梅' }, {
		kind: 'free_clinic',
		siteId: demoId('site:xinqiao'),
		title: '冬季义诊',
		date: EVENT_DAY,
		startTime: '08:30',
		endTime: '11:30',
		capacity: 2
	});
	const person = (n: number, email: string) => ({ name: `居民${n}`, phone: `1390000${String(n).padStart(4, '0')}`, ageBand: '70_79', email, consent: true });
	await registerForEvent(t.db, eventId, person(1, 'one@example.com'), TODAY, null);
	await registerForEvent(t.db, eventId, person(2, ''), TODAY, null);
	// Waitlisted: no reminder, there is no place to come to.
	await registerForEvent(t.db, eventId, person(3, 'three@example.com'), TODAY, null);
	await t.db.delete(outboxMessages);
});
afterEach(() => t.cleanup());

const reminders = async () => (await t.db.select().from(outboxMessages)).filter((m) => m.kind.endsWith('reminder'));

describe('day-before reminders', () => {
	it('go to registered residents with an email from the reminder hour the day before, once', async () => {
		expect(await queueDueReminders(t.db, at('2026-12-11T08:00:00Z'), 17)).toEqual({ residents: 0, volunteers: 0 });
		await queueDueReminders(t.db, FRIDAY_1800_LOCAL, 17);
		const [mail, ...rest] = await reminders();
		expect(rest).toHaveLength(0);
		expect(mail).toMatchObject({ toAddress: 'one@example.com', subject: '明天见：冬季义诊（12月12日 周六 上午 08:30–11:30）', dedupeKey: expect.stringMatching(new RegExp(`^reminder:.+:${EVENT_DAY}$`)) });
		// Later runs that evening queue nothing new.
		await queueDueReminders(t.db, at('2026-12-11T12:00:00Z'), 17);
		expect(await reminders()).toHaveLength(1);
	});

	it('are queued once by two app instances running at the same moment', async () => {
		const second = await openDatabase({ url: t.url });
		try {
			await Promise.all([queueDueReminders(t.db, FRIDAY_1800_LOCAL, 17), queueDueReminders(second.db, FRIDAY_1800_LOCAL, 17)]);
		} finally {
			second.close();
		}
		expect(await reminders()).toHaveLength(1);
	});

	it('catch up after downtime the same evening, but never for an event that is already today', async () => {
		expect(await queueDueReminders(t.db, at('2026-12-12T00:30:00Z'), 17)).toEqual({ residents: 0, volunteers: 0 });
		expect(await reminders()).toHaveLength(0);
		await queueDueReminders(t.db, at('2026-12-11T15:30:00Z'), 17);
		expect(await reminders()).toHaveLength(1);
	});

	it('skip the unsubscribed, and remind volunteers of their shift', async () => {
		// Her confirmation mail carried the token.
		const { unsubscribeToken } = (await t.db.select().from(mailRecipients).where(eq(mailRecipients.email, 'one@example.com')).get())!;
		expect(await unsubscribe(t.db, unsubscribeToken)).toBe('one@example.com');
		const roleId = newId();
		await t.db.insert(volunteerRoles).values({ id: roleId, eventId, name: '引导', needed: 2 });
		const volunteer = (await t.db.select().from(users).where(eq(users.email, 'volunteer@yizhen.example')).get())!;
		await t.db.insert(volunteerShifts).values({ id: newId(), roleId, userId: volunteer.id, source: 'self' });
		await queueDueReminders(t.db, FRIDAY_1800_LOCAL, 17);
		const sent = await reminders();
		expect(sent.map((m) => [m.kind, m.toAddress])).toEqual([['volunteer_reminder', 'volunteer@yizhen.example']]);
		expect(sent[0]!.subject).toBe('明天的志愿者岗位：引导 · 冬季义诊');
		expect(sent[0]!.textBody).toMatch(/接收哪些邮件，可在账号设置里选择：https?:\/\/[^\s/]+\/console\/account#mail\n/);
	});
});
