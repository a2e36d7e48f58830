import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { outboxMessages } from '../db/schema';
import { DomainError } from '../errors';
import { createTestDb, type TestDb } from '../testing/test-db';
import type { Actor } from '../auth/policy';
import { enqueueMail, listDeadLetters, listMailbox, mailboxFor, outboxStats, retryDeadLetter, retryMessage, type NewMail } from './outbox';
import { mailDomain } from './sender';
import { mailboxTransport, PermanentMailError, type MailTransport } from './transport';
import { claimDue, deliverDue } from './worker';

let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
});
afterEach(() => {
	vi.unstubAllEnvs();
	t.cleanup();
});

const mail = (n: number, to = `resident${n}@example.com`): NewMail => ({
	kind: 'sitting_cancelled',
	to,
	subject: `停诊通知 ${n}`,
	text: `您好，12月3日 周四 上午 李康医生的康复科坐诊停诊。（${n}）`
});
const row = async (id: string) => (await t.db.select().from(outboxMessages).where(eq(outboxMessages.id, id)).get())!;
const allRows = () => t.db.select().from(outboxMessages);
/** Stands in for a server that refuses every recipient: the worker's bookkeeping is what is tested. */
const refusing: MailTransport = {
	kind: 'smtp',
	send: async () => {
		throw new PermanentMailError('550 5.1.1 mailbox unavailable');
	}
};

describe('queueing in the caller’s transaction', () => {
	it('queues nothing when the transaction that queued the message rolls back', async () => {
		await expect(
			t.db.transaction(async (tx) => {
				await enqueueMail(tx, mail(1));
				throw new Error('the sitting could not be cancelled');
			})
		).rejects.toThrow('the sitting could not be cancelled');
		expect(await allRows()).toHaveLength(0);
	});

	it('queues a pending message, due at once, when the transaction commits', async () => {
		const now = new Date('2026-11-25T08:00:00Z');
		const id = await t.db.transaction((tx) => enqueueMail(tx, { ...mail(1), to: ' Resident1@Example.COM ', toName: '王阿姨' }, now));
		expect(await row(id)).toMatchObject({
			status: 'pending',
			attempts: 0,
			toAddress: 'resident1@example.com',
			toName: '王阿姨',
			subject: '停诊通知 1',
			nextAttemptAt: now,
			createdAt: now,
			deliveredVia: null
		});
	});

	it('queues a repeated dedupe key once and returns the first message’s id', async () => {
		const first = await enqueueMail(t.db, { ...mail(1), dedupeKey: 'reminder:event1:reg1' });
		const again = await t.db.transaction((tx) => enqueueMail(tx, { ...mail(2), dedupeKey: 'reminder:event1:reg1' }));
		const other = await enqueueMail(t.db, { ...mail(3), dedupeKey: 'reminder:event1:reg2' });
		expect(again).toBe(first);
		expect(other).not.toBe(first);
		expect((await allRows()).map((r) => r.subject).sort()).toEqual(['停诊通知 1', '停诊通知 3']);
	});

	it('queues messages without a dedupe key every time', async () => {
		await enqueueMail(t.db, mail(1));
		await enqueueMail(t.db, mail(1));
		expect(await allRows()).toHaveLength(2);
	});

	it('refuses a malformed address with a Chinese message and queues nothing', async () => {
		for (const to of ['张三@', 'resident.example.com', '', 'a@b']) {
			const error = await enqueueMail(t.db, mail(1, to)).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(DomainError);
			expect(error).toMatchObject({ kind: 'invalid', status: 400, field: 'email' });
			expect((error as Error).message).toContain('邮箱地址');
		}
		expect(await allRows()).toHaveLength(0);
	});
});

describe('Message-ID', () => {
	it('is fixed at enqueue under the MAIL_FROM domain', async () => {
		vi.stubEnv('MAIL_FROM', '社区义诊 <notice@Clinic.Example>');
		const id = await enqueueMail(t.db, mail(1));
		expect((await row(id)).messageId).toBe(`<${id}@clinic.example>`);
	});

	it('falls back to yizhen.local', async () => {
		vi.stubEnv('MAIL_FROM', '');
		const id = await enqueueMail(t.db, mail(1));
		expect((await row(id)).messageId).toBe(`<${id}@yizhen.local>`);
	});

	it('reads the domain from any usual form of sender address', () => {
		expect(mailDomain('义诊 Yizhen <no-reply@yizhen.local>')).toBe('yizhen.local');
		expect(mailDomain('no-reply@mail.clinic.example')).toBe('mail.clinic.example');
		expect(mailDomain('"Yizhen, 义诊" <a@B.example> ')).toBe('b.example');
		expect(mailDomain('not an address')).toBe('yizhen.local');
	});
});

describe('what an admin sees', () => {
	it('lists mailbox deliveries newest first, by recipient and up to a limit', async () => {
		const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 8, minute));
		const older = await enqueueMail(t.db, mail(1), at(0));
		const newer = await enqueueMail(t.db, mail(2), at(5));
		const toOther = await enqueueMail(t.db, mail(3, 'volunteer@example.com'), at(3));
		const undelivered = await enqueueMail(t.db, mail(4), at(30));
		expect(await deliverDue(t.db, mailboxTransport(), 'w1', at(10))).toMatchObject({ sent: 3 });

		expect((await listMailbox(t.db)).map((m) => m.id)).toEqual([newer, toOther, older]);
		expect((await listMailbox(t.db, { limit: 2 })).map((m) => m.id)).toEqual([newer, toOther]);
		expect((await listMailbox(t.db, { to: 'Volunteer@Example.com' })).map((m) => m.id)).toEqual([toOther]);
		expect((await listMailbox(t.db)).map((m) => m.id)).not.toContain(undelivered);
	});

	it('lists dead letters, and a retry puts one back to pending with its attempts reset', async () => {
		const now = new Date('2026-11-25T08:00:00Z');
		const id = await enqueueMail(t.db, mail(1), now);
		const alive = await enqueueMail(t.db, mail(2), new Date(now.getTime() + 60_000));
		expect(await deliverDue(t.db, refusing, 'w1', now)).toMatchObject({ dead: 1 });
		const dead = await listDeadLetters(t.db);
		expect(dead.map((m) => m.id)).toEqual([id]);
		expect(dead[0]!.lastError).toContain('550');
		expect(dead[0]!.attempts).toBe(1);

		const later = new Date(now.getTime() + 3_600_000);
		expect(await retryDeadLetter(t.db, id, later)).toBe(true);
		expect(await row(id)).toMatchObject({ status: 'pending', attempts: 0, lastError: null, nextAttemptAt: later });
		expect(await listDeadLetters(t.db)).toHaveLength(0);
		// Only a dead message can be retried: a pending one, or an unknown id, is left alone.
		expect(await retryDeadLetter(t.db, alive, later)).toBe(false);
		expect(await retryDeadLetter(t.db, 'no-such-id', later)).toBe(false);
	});

	it('counts messages by status', async () => {
		const now = new Date('2026-11-25T08:00:00Z');
		const soon = new Date(now.getTime() + 1000);
		expect(await outboxStats(t.db)).toEqual({ pending: 0, sending: 0, sent: 0, dead: 0 });
		await enqueueMail(t.db, mail(1), now);
		await enqueueMail(t.db, mail(2), now);
		await deliverDue(t.db, mailboxTransport(), 'w1', now);
		await enqueueMail(t.db, mail(3), soon);
		await deliverDue(t.db, refusing, 'w1', soon);
		await enqueueMail(t.db, mail(4), soon);
		await enqueueMail(t.db, mail(5), soon);
		await claimDue(t.db, 'w2', soon, { limit: 1 });
		expect(await outboxStats(t.db)).toEqual({ pending: 1, sending: 1, sent: 2, dead: 1 });
	});
});

describe('who reads the mailbox', () => {
	const admin: Actor = { userId: 'admin', name: '系统管理员', isAdmin: true, organizerOf: [], volunteerOf: [], expertIds: [] };
	// Organizing a hospital gives no reach into the outbox: it holds every hospital's residents' mail.
	const organizer: Actor = { userId: 'cjq', name: '陈家桥组织者', isAdmin: false, organizerOf: ['org-cjq'], volunteerOf: [], expertIds: [] };

	it('refuses anyone but an admin with a 403, reading or retrying, and changes nothing', async () => {
		const now = new Date('2026-11-25T08:00:00Z');
		const id = await enqueueMail(t.db, mail(1), now);
		await deliverDue(t.db, refusing, 'w1', now);
		const before = await row(id);
		await expect(mailboxFor(t.db, organizer)).rejects.toMatchObject({ status: 403, message: '只有系统管理员可以查看邮件。' });
		await expect(retryMessage(t.db, organizer, id, now)).rejects.toMatchObject({ status: 403 });
		await expect(retryMessage(t.db, organizer, '', now)).rejects.toMatchObject({ status: 403 });
		expect(await row(id)).toEqual(before);
	});

	it('shows an admin the mailbox, the dead letters and the counts, and retries a dead one once', async () => {
		const now = new Date('2026-11-25T08:00:00Z');
		const delivered = await enqueueMail(t.db, mail(1), now);
		await deliverDue(t.db, mailboxTransport(), 'w1', now);
		const dead = await enqueueMail(t.db, mail(2), now);
		await deliverDue(t.db, refusing, 'w1', now);
		const page = await mailboxFor(t.db, admin);
		expect(page.mailbox.map((m) => m.id)).toEqual([delivered]);
		expect(page.dead.map((m) => m.id)).toEqual([dead]);
		expect(page.stats).toMatchObject({ sent: 1, dead: 1 });
		expect(await retryMessage(t.db, admin, dead, now)).toBe(true);
		expect((await row(dead)).status).toBe('pending');
		// A second click finds it pending already: nothing to do, and no error.
		expect(await retryMessage(t.db, admin, dead, now)).toBe(false);
	});
});
