import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client';
import { outboxMessages } from '../db/schema';
import { createTestDb, type TestDb } from '../testing/test-db';
import { enqueueMail, listDeadLetters, listMailbox, retryDeadLetter } from './outbox';
import { startTestSmtp, type TestSmtp } from '../testing/smtp-server';
import { mailboxTransport, smtpTransport } from './transport';
import { backoffMs, claimDue, deliverDue, MAX_ATTEMPTS } from './worker';

let t: TestDb;
let smtp: TestSmtp | null = null;
beforeEach(async () => {
	t = await createTestDb();
});
afterEach(async () => {
	await smtp?.stop();
	smtp = null;
	t.cleanup();
});

const mail = (n: number, to = `resident${n}@example.com`) => ({
	kind: 'test',
	to,
	subject: `坐诊变动通知 ${n}`,
	text: `您好，12月3日 周四 上午的坐诊已停诊。（${n}）`
});
const row = (id: string) => t.db.select().from(outboxMessages).where(eq(outboxMessages.id, id)).get();
const messageIds = (s: TestSmtp) => s.received.map((m) => m.messageId);

describe('queueing', () => {
	it('queues nothing when the transaction that queued it rolls back', async () => {
		await expect(
			t.db.transaction(async (tx) => {
				await enqueueMail(tx, mail(1));
				throw new Error('the change failed');
			})
		).rejects.toThrow('the change failed');
		expect(await t.db.select().from(outboxMessages)).toHaveLength(0);
	});

	it('queues a repeated dedupe key once and refuses a malformed address', async () => {
		const a = await enqueueMail(t.db, { ...mail(1), dedupeKey: 'reminder:e1:r1' });
		const b = await enqueueMail(t.db, { ...mail(1), dedupeKey: 'reminder:e1:r1' });
		expect(b).toBe(a);
		expect(await t.db.select().from(outboxMessages)).toHaveLength(1);
		await expect(enqueueMail(t.db, mail(2, '张三@'))).rejects.toMatchObject({ status: 400 });
	});
});

describe('delivery over SMTP', () => {
	it('delivers subject, Chinese text, its Message-ID and an attachment', async () => {
		smtp = await startTestSmtp();
		const id = await enqueueMail(t.db, {
			...mail(1),
			attachments: [{ filename: 'sitting.ics', contentType: 'text/calendar; method=CANCEL', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' }]
		});
		const report = await deliverDue(t.db, smtpTransport(smtp.url), 'w1');
		expect(report).toEqual({ sent: 1, retried: 0, dead: 0 });
		const [received] = smtp.received;
		expect(received!.subject).toBe('坐诊变动通知 1');
		expect(received!.text).toContain('12月3日 周四 上午');
		expect(received!.messageId).toBe((await row(id))!.messageId);
		expect(received!.attachments[0]!.filename).toBe('sitting.ics');
		expect((await row(id))!.status).toBe('sent');
	});

	it('keeps a message while the server is down and delivers it exactly once when it is back', async () => {
		smtp = await startTestSmtp();
		const port = smtp.port;
		await smtp.stop();
		smtp = null;
		const ids = [await enqueueMail(t.db, mail(1)), await enqueueMail(t.db, mail(2))];
		const transport = smtpTransport(`smtp://127.0.0.1:${port}`);
		const now = new Date();
		expect(await deliverDue(t.db, transport, 'w1', now)).toEqual({ sent: 0, retried: 2, dead: 0 });
		const waiting = (await row(ids[0]!))!;
		expect(waiting.status).toBe('pending');
		expect(waiting.attempts).toBe(1);
		expect(waiting.nextAttemptAt.getTime()).toBe(now.getTime() + backoffMs(1));
		// Not due yet: nothing is tried again early.
		expect(await deliverDue(t.db, transport, 'w1', new Date(now.getTime() + 1000))).toEqual({ sent: 0, retried: 0, dead: 0 });

		smtp = await startTestSmtp({ port });
		const later = new Date(now.getTime() + backoffMs(1) + 1);
		expect(await deliverDue(t.db, transport, 'w1', later)).toEqual({ sent: 2, retried: 0, dead: 0 });
		expect(await deliverDue(t.db, transport, 'w1', new Date(later.getTime() + 3_600_000))).toEqual({ sent: 0, retried: 0, dead: 0 });
		expect(messageIds(smtp).sort()).toEqual([(await row(ids[0]!))!.messageId, (await row(ids[1]!))!.messageId].sort());
	});

	it('sends each message once when two workers on two connections run at the same time', async () => {
		smtp = await startTestSmtp();
		for (let i = 0; i < 20; i++) await enqueueMail(t.db, mail(i));
		const second = await openDatabase({ url: t.url });
		try {
			await Promise.all([
				deliverDue(t.db, smtpTransport(smtp.url), 'w1'),
				deliverDue(second.db, smtpTransport(smtp.url), 'w2'),
				deliverDue(t.db, smtpTransport(smtp.url), 'w3')
			]);
		} finally {
			second.close();
		}
		expect(smtp.received).toHaveLength(20);
		expect(new Set(messageIds(smtp)).size).toBe(20);
	});

	it('marks a rejected recipient dead at once, and an admin can retry it', async () => {
		smtp = await startTestSmtp({ reject: ['nobody@example.com'] });
		const id = await enqueueMail(t.db, mail(1, 'nobody@example.com'));
		expect(await deliverDue(t.db, smtpTransport(smtp.url), 'w1')).toEqual({ sent: 0, retried: 0, dead: 1 });
		expect((await row(id))!.lastError).toContain('550');
		expect((await listDeadLetters(t.db)).map((m) => m.id)).toEqual([id]);
		expect(await retryDeadLetter(t.db, id)).toBe(true);
		expect((await row(id))!.status).toBe('pending');
	});

	it(`gives up after ${MAX_ATTEMPTS} temporary failures`, async () => {
		const id = await enqueueMail(t.db, mail(1));
		const down = smtpTransport('smtp://127.0.0.1:9');
		let now = new Date();
		for (let i = 0; i < MAX_ATTEMPTS; i++) {
			await deliverDue(t.db, down, 'w1', now);
			now = new Date(now.getTime() + backoffMs(i + 1) + 1);
		}
		const dead = (await row(id))!;
		expect(dead.status).toBe('dead');
		expect(dead.attempts).toBe(MAX_ATTEMPTS);
	});

	it('lets another worker take over the lease of a worker that died mid-send', async () => {
		smtp = await startTestSmtp();
		const id = await enqueueMail(t.db, mail(1));
		const now = new Date();
		expect(await claimDue(t.db, 'crashed', now, { leaseMs: 60_000 })).toHaveLength(1);
		expect(await deliverDue(t.db, smtpTransport(smtp.url), 'w2', new Date(now.getTime() + 30_000))).toEqual({ sent: 0, retried: 0, dead: 0 });
		expect(await deliverDue(t.db, smtpTransport(smtp.url), 'w2', new Date(now.getTime() + 61_000))).toEqual({ sent: 1, retried: 0, dead: 0 });
		expect(smtp.received).toHaveLength(1);
		expect((await row(id))!.status).toBe('sent');
	});
});

describe('the local mailbox', () => {
	it('delivers to the mailbox an admin reads when no SMTP server is configured', async () => {
		const id = await enqueueMail(t.db, mail(1));
		expect(await deliverDue(t.db, mailboxTransport(), 'w1')).toEqual({ sent: 1, retried: 0, dead: 0 });
		const box = await listMailbox(t.db);
		expect(box.map((m) => [m.id, m.deliveredVia, m.subject])).toEqual([[id, 'mailbox', '坐诊变动通知 1']]);
	});
});
