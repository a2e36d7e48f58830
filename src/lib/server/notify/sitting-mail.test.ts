import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy';
import { memberships, outboxMessages, users } from '../db/schema';
import { newId } from '../ids';
import { applySittingAction } from '../schedule/sitting-actions';
import { makeExpertAccount, makeScheduleWorld } from '../testing/factories';
import { createTestDb, type TestDb } from '../testing/test-db';
import { mailTopicsOf, setMailTopics } from './preferences';
import { startTestSmtpServer, type TestSmtpServer } from './smtp-test-server';
import { smtpTransport } from './transport';
import { deliverDue } from './worker';

// Sittings well after today, so the "already past" rule never applies.
const TUESDAY = '2027-03-02';
const THURSDAY = '2027-03-04';

let t: TestDb;
let smtp: TestSmtpServer;
let world: Awaited<ReturnType<typeof makeScheduleWorld>>;
let rotationId: string;
/** An organizer of the hospital whose center the sittings are at: sitting changes check who acts. */
let organizer: Actor;

const account = (email: string, name: string, expertId: string) => makeExpertAccount(t.db, email, name, expertId);

beforeEach(async () => {
	t = await createTestDb();
	smtp = await startTestSmtpServer();
	world = await makeScheduleWorld(t.db);
	rotationId = await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU,TH' });
	await account('li.kang@example.com', '李康', world.expert.id);
	await account('wang.fu@example.com', '王复', world.colleague.id);
	const organizerId = newId();
	await t.db.insert(users).values({ id: organizerId, email: 'zhou.xm@example.com', name: '周晓梅' });
	organizer = { userId: organizerId, name: '周晓梅', isAdmin: false, organizerOf: [world.hospital.id], volunteerOf: [], expertIds: [] };
});
afterEach(async () => {
	await smtp.stop();
	t.cleanup();
});

async function deliver() {
	await deliverDue(t.db, smtpTransport(smtp.url), 'test', new Date(Date.now() + 60_000));
	return smtp.received.splice(0);
}

function calendarOf(mail: (typeof smtp.received)[number]) {
	const attachment = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'))!;
	const calendar = new ICAL.Component(ICAL.parse(attachment.content.toString('utf8')));
	const vevent = calendar.getFirstSubcomponent('vevent')!;
	return {
		method: calendar.getFirstPropertyValue('method'),
		uid: vevent.getFirstPropertyValue('uid'),
		sequence: vevent.getFirstPropertyValue('sequence'),
		status: vevent.getFirstPropertyValue('status'),
		summary: String(vevent.getFirstPropertyValue('summary')),
		start: String(vevent.getFirstPropertyValue('dtstart')),
		organizer: vevent.getFirstProperty('organizer') !== null,
		attendee: String(vevent.getFirstPropertyValue('attendee')).toLowerCase()
	};
}

describe('when an organizer changes a sitting, its experts are told with a calendar update', () => {
	it('cancelling sends the expert one message with METHOD:CANCEL and the feed UID', async () => {
		await applySittingAction(t.db, organizer, `${rotationId}_${TUESDAY}`, { action: 'cancel', reason: '专家外出会诊' });
		const mails = await deliver();
		expect(mails).toHaveLength(1);
		const [mail] = mails;
		expect(mail!.to).toMatchObject({ value: [{ address: 'li.kang@example.com', name: '李康' }] });
		expect(mail!.subject).toBe('停诊通知：3月2日 周二 上午 08:30–11:30 新桥社区卫生服务中心');
		expect(mail!.text).toContain('原因：专家外出会诊');
		expect(mail!.html).toContain('<a href="http');
		// The mail names the page where sitting mail is really turned off, and links it.
		expect(mail!.text).toMatch(/接收哪些邮件，可在账号设置里选择：https?:\/\/[^\s/]+\/console\/account#mail\n/);
		expect(mail!.html).toMatch(/可在账号设置里选择：<a href="https?:\/\/[^"/]+\/console\/account#mail">/);
		expect(mail!.text).not.toContain('我的坐诊');
		expect(calendarOf(mail!)).toMatchObject({
			method: 'CANCEL',
			uid: `${rotationId}_${TUESDAY}@sitting.yizhen`,
			sequence: 0,
			status: 'CANCELLED',
			organizer: true,
			attendee: 'mailto:li.kang@example.com'
		});
		expect(calendarOf(mail!).summary.startsWith('【停诊】')).toBe(true);
	});

	it('a substitution asks the substitute and releases the rostered expert; a later move updates the substitute with SEQUENCE 1', async () => {
		await applySittingAction(t.db, organizer, `${rotationId}_${THURSDAY}`, { action: 'substitute', substituteExpertId: world.colleague.id });
		const mails = await deliver();
		const to = (address: string) => mails.find((m) => m.to && !Array.isArray(m.to) && m.to.value[0]!.address === address)!;
		expect(mails).toHaveLength(2);
		expect(to('wang.fu@example.com').subject).toBe('替诊安排：3月4日 周四 上午 08:30–11:30 新桥社区卫生服务中心');
		expect(to('wang.fu@example.com').text).toContain('替 李康 主任医师 坐诊');
		expect(calendarOf(to('wang.fu@example.com'))).toMatchObject({ method: 'REQUEST', status: 'CONFIRMED', sequence: 0 });
		expect(to('li.kang@example.com').subject).toBe('您的坐诊已安排替诊：3月4日 周四 上午 08:30–11:30 新桥社区卫生服务中心');
		expect(calendarOf(to('li.kang@example.com'))).toMatchObject({ method: 'CANCEL', status: 'CANCELLED' });

		await applySittingAction(t.db, organizer, `${rotationId}_${THURSDAY}`, { action: 'move', newDate: '2027-03-05', newStartTime: '14:00', newEndTime: '17:00' });
		const [moved, ...rest] = await deliver();
		expect(rest).toHaveLength(0);
		expect(moved!.text).toContain('由 3月4日 周四 上午 08:30–11:30 调整到 3月5日 周五 下午 14:00–17:00');
		expect(calendarOf(moved!)).toMatchObject({ method: 'REQUEST', uid: `${rotationId}_${THURSDAY}@sitting.yizhen`, sequence: 1 });
		expect(calendarOf(moved!).start).toContain('2027-03-05T14:00:00');
	});

	it('queues nothing when the change is refused, and nothing for a quota change', async () => {
		await expect(
			applySittingAction(t.db, organizer, `${rotationId}_${TUESDAY}`, { action: 'substitute', substituteExpertId: world.expert.id })
		).rejects.toMatchObject({ status: 400 });
		await applySittingAction(t.db, organizer, `${rotationId}_${TUESDAY}`, { action: 'quota', quota: 12 });
		expect(await t.db.select().from(outboxMessages)).toHaveLength(0);
	});

	it('an expert who turned sitting mail off in their settings gets none; turned back on, they do', async () => {
		const user = (await t.db.select().from(users).where(eq(users.email, 'li.kang@example.com')).get())!;
		await setMailTopics(t.db, user.id, ['volunteer_shifts']);
		expect((await mailTopicsOf(t.db, user.id)).map((x) => [x.topic, x.on])).toEqual([['sitting_changes', false], ['volunteer_shifts', true], ['weekly_digest', false]]);
		await applySittingAction(t.db, organizer, `${rotationId}_${TUESDAY}`, { action: 'cancel', reason: '暴雨' });
		expect(await t.db.select().from(outboxMessages)).toHaveLength(0);
		await setMailTopics(t.db, user.id, ['sitting_changes', 'no-such-topic']);
		await applySittingAction(t.db, organizer, `${rotationId}_${TUESDAY}`, { action: 'restore' });
		expect((await t.db.select().from(outboxMessages)).map((m) => m.toAddress)).toEqual(['li.kang@example.com']);
	});

	it('an expert without an account is skipped, the change still saved', async () => {
		await t.db.delete(memberships).where(eq(memberships.expertId, world.expert.id));
		await applySittingAction(t.db, organizer, `${rotationId}_${TUESDAY}`, { action: 'cancel', reason: '暴雨' });
		expect(await t.db.select().from(outboxMessages)).toHaveLength(0);
	});
});
