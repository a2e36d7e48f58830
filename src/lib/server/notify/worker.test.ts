import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/client';
import { outboxMessages } from '../db/schema';
import { createTestDb, type TestDb } from '../testing/test-db';
import { enqueueMail, listMailbox, retryDeadLetter, type OutboxMessage } from './outbox';
import { closedPort, startTestSmtpServer, type TestSmtpServer } from './smtp-test-server';
import { mailboxTransport, smtpTransport, type MailTransport } from './transport';
import { BACKOFF_MAX_MS, backoffMs } from '../db/leased-queue';
import { claimDue, deliverDue, MAX_ATTEMPTS, startOutboxWorker, type OutboxWorker } from './worker';

let t: TestDb;
const servers: TestSmtpServer[] = [];
const workers: OutboxWorker[] = [];
beforeEach(async () => {
	t = await createTestDb();
});
afterEach(async () => {
	await Promise.all(workers.splice(0).map((w) => w.stop()));
	await Promise.all(servers.splice(0).map((s) => s.stop()));
	t.cleanup();
});

async function smtpServer(options: Parameters<typeof startTestSmtpServer>[0] = {}) {
	const server = await startTestSmtpServer(options);
	servers.push(server);
	return server;
}
async function stopServer(server: TestSmtpServer) {
	servers.splice(servers.indexOf(server), 1);
	await server.stop();
}

const T0 = new Date('2026-11-25T08:00:00Z');
const after = (ms: number, from = T0) => new Date(from.getTime() + ms);
const mail = (n: number, to = `resident${n}@example.com`) => ({
	kind: 'sitting_changed',
	to,
	subject: `坐诊变动 ${n}`,
	text: `您好，12月3日 周四 上午的坐诊改到下午 14:00。（${n}）`
});
const row = async (id: string) => (await t.db.select().from(outboxMessages).where(eq(outboxMessages.id, id)).get())!;
const messageIdOf = async (id: string) => (await row(id)).messageId;
const nothing = { sent: 0, retried: 0, dead: 0, lost: 0 };

async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 3000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('delivery over SMTP', () => {
	it('delivers a message queued in a committed transaction, and marks it sent', async () => {
		const smtp = await smtpServer();
		const id = await t.db.transaction((tx) => enqueueMail(tx, mail(1), T0));
		expect(await deliverDue(t.db, smtpTransport(smtp.url), 'w1', after(1000))).toEqual({ ...nothing, sent: 1 });
		expect(smtp.timesReceived(await messageIdOf(id))).toBe(1);
		const sent = await row(id);
		expect(sent).toMatchObject({ status: 'sent', deliveredVia: 'smtp', attempts: 0, leaseOwner: null, leaseUntil: null, lastError: null });
		expect(sent.sentAt!.getTime()).toBeGreaterThanOrEqual(after(1000).getTime());
		expect(await deliverDue(t.db, smtpTransport(smtp.url), 'w1', after(60_000))).toEqual(nothing);
	});

	it('keeps messages while the server is down and delivers each exactly once when it is back', async () => {
		const port = await closedPort();
		const transport = smtpTransport(`smtp://127.0.0.1:${port}`);
		const ids = [await enqueueMail(t.db, mail(1), T0), await enqueueMail(t.db, mail(2), T0)];

		expect(await deliverDue(t.db, transport, 'w1', T0)).toEqual({ ...nothing, retried: 2 });
		const waiting = await row(ids[0]!);
		expect(waiting).toMatchObject({ status: 'pending', attempts: 1, leaseOwner: null });
		expect(waiting.nextAttemptAt).toEqual(after(backoffMs(1)));
		expect(waiting.lastError).toContain('ECONNREFUSED');
		// Not due yet, so not tried again early.
		expect(await deliverDue(t.db, transport, 'w1', after(backoffMs(1) - 1))).toEqual(nothing);

		const smtp = await smtpServer({ port });
		expect(await deliverDue(t.db, transport, 'w1', after(backoffMs(1)))).toEqual({ ...nothing, sent: 2 });
		expect(await deliverDue(t.db, transport, 'w1', after(BACKOFF_MAX_MS * 2))).toEqual(nothing);
		for (const id of ids) expect(smtp.timesReceived(await messageIdOf(id))).toBe(1);
		expect(smtp.received).toHaveLength(2);
		expect(await row(ids[1]!)).toMatchObject({ status: 'sent', attempts: 1 });
	});

	it('retries a 4xx reply later, like a server that is down', async () => {
		const smtp = await smtpServer({ refuse: { 'busy@example.com': 451 } });
		const id = await enqueueMail(t.db, mail(1, 'busy@example.com'), T0);
		expect(await deliverDue(t.db, smtpTransport(smtp.url), 'w1', T0)).toEqual({ ...nothing, retried: 1 });
		expect(await row(id)).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: after(backoffMs(1)) });
		expect((await row(id)).lastError).toContain('451');
	});

	it('marks a refused recipient (550) dead at once; an admin’s retry sends it again', async () => {
		const refusing = await smtpServer({ refuse: { 'nobody@example.com': 550 } });
		const id = await enqueueMail(t.db, mail(1, 'nobody@example.com'), T0);
		expect(await deliverDue(t.db, smtpTransport(refusing.url), 'w1', T0)).toEqual({ ...nothing, dead: 1 });
		const dead = await row(id);
		expect(dead).toMatchObject({ status: 'dead', attempts: 1, leaseOwner: null });
		expect(dead.lastError).toMatch(/^对方服务器拒收，不再重试：.*550/);
		// Dead means dead: no later run picks it up by itself.
		expect(await deliverDue(t.db, smtpTransport(refusing.url), 'w1', after(BACKOFF_MAX_MS * 10))).toEqual(nothing);

		// The resident fixed the mailbox; the admin retries.
		const accepting = await smtpServer();
		expect(await retryDeadLetter(t.db, id, after(60_000))).toBe(true);
		expect(await deliverDue(t.db, smtpTransport(accepting.url), 'w1', after(60_000))).toEqual({ ...nothing, sent: 1 });
		expect(accepting.timesReceived(dead.messageId)).toBe(1);
		expect(refusing.received).toHaveLength(0);
	});

	it(`backs off exponentially and gives up after ${MAX_ATTEMPTS} temporary failures`, async () => {
		const down = smtpTransport(`smtp://127.0.0.1:${await closedPort()}`);
		const id = await enqueueMail(t.db, mail(1), T0);
		let now = T0;
		const waits: number[] = [];
		for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			const report = await deliverDue(t.db, down, 'w1', now);
			const r = await row(id);
			expect(r.attempts).toBe(attempt);
			if (attempt < MAX_ATTEMPTS) {
				expect(report).toEqual({ ...nothing, retried: 1 });
				expect(r.status).toBe('pending');
				waits.push(r.nextAttemptAt.getTime() - now.getTime());
				now = r.nextAttemptAt;
			} else {
				expect(report).toEqual({ ...nothing, dead: 1 });
				expect(r.status).toBe('dead');
				expect(r.lastError).toContain(`已尝试 ${MAX_ATTEMPTS} 次仍未发出`);
			}
		}
		expect(waits).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000]);
		expect(backoffMs(8)).toBe(BACKOFF_MAX_MS);
		expect(backoffMs(20)).toBe(BACKOFF_MAX_MS);
	});
});

describe('several workers on one database', () => {
	/** Runs a worker in small batches until nothing is due; returns the ids it sent. */
	async function drain(db: Db, transport: MailTransport, owner: string): Promise<number> {
		let sent = 0;
		for (;;) {
			const r = await deliverDue(db, transport, owner, after(1000), { limit: 3 });
			sent += r.sent;
			if (r.sent + r.retried + r.dead + r.lost === 0) return sent;
		}
	}

	it('delivers each of 20 messages exactly once with three workers on two connections at the same time', async () => {
		const smtp = await smtpServer();
		const ids: string[] = [];
		for (let i = 0; i < 20; i++) ids.push(await enqueueMail(t.db, mail(i), T0));
		const second = await openDatabase({ url: t.url });
		let counts: number[];
		try {
			counts = await Promise.all([
				drain(t.db, smtpTransport(smtp.url), 'w1'),
				drain(second.db, smtpTransport(smtp.url), 'w2'),
				drain(t.db, smtpTransport(smtp.url), 'w3')
			]);
		} finally {
			second.close();
		}
		expect(smtp.received).toHaveLength(20);
		for (const id of ids) expect(smtp.timesReceived(await messageIdOf(id))).toBe(1);
		expect(counts.reduce((a, b) => a + b, 0)).toBe(20);
		// They really ran side by side: more than one of them got work.
		expect(counts.filter((n) => n > 0).length).toBeGreaterThan(1);
		expect((await t.db.select().from(outboxMessages)).every((m) => m.status === 'sent')).toBe(true);
	});

	it('never hands the same message to two claims', async () => {
		for (let i = 0; i < 10; i++) await enqueueMail(t.db, mail(i), T0);
		const second = await openDatabase({ url: t.url });
		try {
			const claims = await Promise.all([
				claimDue(t.db, 'a', T0, { limit: 4 }),
				claimDue(second.db, 'b', T0, { limit: 4 }),
				claimDue(t.db, 'c', T0, { limit: 4 })
			]);
			const claimed = claims.flat().map((m) => m.id);
			expect(claimed).toHaveLength(10);
			expect(new Set(claimed).size).toBe(10);
			const rows = await t.db.select().from(outboxMessages);
			for (const [i, owner] of ['a', 'b', 'c'].entries()) {
				for (const m of claims[i]!) expect(rows.find((r) => r.id === m.id)).toMatchObject({ status: 'sending', leaseOwner: owner });
			}
		} finally {
			second.close();
		}
	});
});

describe('leases', () => {
	it('lets another worker take over the messages of a worker that crashed mid-send, once its lease ran out', async () => {
		const smtp = await smtpServer();
		const id = await enqueueMail(t.db, mail(1), T0);
		// The crashed worker claimed the message and never came back.
		expect((await claimDue(t.db, 'crashed', T0, { leaseMs: 60_000 })).map((m) => m.id)).toEqual([id]);
		expect(await deliverDue(t.db, smtpTransport(smtp.url), 'w2', after(59_000))).toEqual(nothing);
		expect(smtp.received).toHaveLength(0);

		expect(await deliverDue(t.db, smtpTransport(smtp.url), 'w2', after(60_001))).toEqual({ ...nothing, sent: 1 });
		expect(smtp.timesReceived(await messageIdOf(id))).toBe(1);
		expect(await row(id)).toMatchObject({ status: 'sent', leaseOwner: null });
	});

	it('a worker that lost its lease neither overwrites the new holder’s result nor sends the rest of its batch', async () => {
		const smtp = await smtpServer();
		const first = await enqueueMail(t.db, mail(1), T0);
		const second = await enqueueMail(t.db, mail(2), T0);

		// Worker A hangs in its first send far past its lease, and that send then fails.
		let release!: () => void;
		const hung = new Promise<void>((resolve) => (release = resolve));
		const sentByA: string[] = [];
		let hanging = false;
		const slow: MailTransport = {
			kind: 'smtp',
			async send(m: OutboxMessage) {
				sentByA.push(m.id);
				hanging = true;
				await hung;
				throw Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT' });
			}
		};
		// One lane, so "the rest of its batch" waits behind the hung send (each lane of a run behaves so).
		const a = deliverDue(t.db, slow, 'A', T0, { leaseMs: 60_000, concurrency: 1 });
		await until(() => hanging);

		// Meanwhile B finds both leases run out and delivers both messages.
		expect(await deliverDue(t.db, smtpTransport(smtp.url), 'B', after(61_000))).toEqual({ ...nothing, sent: 2 });
		release();
		expect(await a).toEqual({ ...nothing, lost: 2 });

		expect(sentByA).toEqual([first]);
		for (const id of [first, second]) {
			expect(await row(id)).toMatchObject({ status: 'sent', attempts: 0, lastError: null, leaseOwner: null });
			expect(smtp.timesReceived(await messageIdOf(id))).toBe(1);
		}
	});
});

describe('the local mailbox', () => {
	it('marks messages sent with deliveredVia mailbox, and the admin reads them there', async () => {
		const ids = [await enqueueMail(t.db, mail(1), T0), await enqueueMail(t.db, mail(2), after(1))];
		expect(await deliverDue(t.db, mailboxTransport(), 'w1', after(1000))).toEqual({ ...nothing, sent: 2 });
		expect(await row(ids[0]!)).toMatchObject({ status: 'sent', deliveredVia: 'mailbox' });
		const box = await listMailbox(t.db);
		expect(box.map((m) => [m.id, m.deliveredVia, m.subject])).toEqual([
			[ids[1], 'mailbox', '坐诊变动 2'],
			[ids[0], 'mailbox', '坐诊变动 1']
		]);
	});
});

describe('the worker loop', () => {
	it('delivers at start and on a poke, never runs twice at once, and stops', async () => {
		const status = async (id: string) => (await row(id)).status;
		let release!: () => void;
		const gate = new Promise<void>((resolve) => (release = resolve));
		let inFlight = 0;
		let mostInFlight = 0;
		const sends: string[] = [];
		const transport: MailTransport = {
			kind: 'mailbox',
			async send(m) {
				inFlight++;
				mostInFlight = Math.max(mostInFlight, inFlight);
				if (sends.length === 0) await gate;
				sends.push(m.id);
				inFlight--;
			}
		};
		const first = await enqueueMail(t.db, mail(1));
		// A poll far longer than the test: everything below happens because of the start and the pokes.
		const worker = startOutboxWorker(t.db, { transport, pollMs: 60_000, owner: 'loop' });
		workers.push(worker);
		await until(() => inFlight === 1);

		const second = await enqueueMail(t.db, mail(2));
		worker.poke();
		worker.poke();
		await pause(100);
		// The run holding the first message is still going, so no second run claimed this one.
		expect(await status(second)).toBe('pending');

		release();
		await until(async () => (await status(second)) === 'sent');
		expect(await status(first)).toBe('sent');
		expect(mostInFlight).toBe(1);
		expect(sends).toEqual([first, second]);

		await worker.stop();
		const third = await enqueueMail(t.db, mail(3));
		worker.poke();
		await pause(100);
		expect(await status(third)).toBe('pending');
	});
});
