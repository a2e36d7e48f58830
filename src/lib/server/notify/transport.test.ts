import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outboxMessages } from '../db/schema';
import { createTestDb, type TestDb } from '../testing/test-db';
import { enqueueMail, type OutboxMessage } from './outbox';
import { DEFAULT_MAIL_FROM } from './sender';
import { closedPort, startTestSmtpServer, type TestSmtpServer } from './smtp-test-server';
import { isPermanentSmtpError, PermanentMailError, smtpTransport, transportFromEnv } from './transport';

let t: TestDb;
let smtp: TestSmtpServer;
beforeEach(async () => {
	t = await createTestDb();
	smtp = await startTestSmtpServer({ refuse: { 'nobody@example.com': 550, 'full@example.com': 452 } });
});
afterEach(async () => {
	await smtp.stop();
	t.cleanup();
});

async function queued(to: string, extra: Partial<Parameters<typeof enqueueMail>[1]> = {}): Promise<OutboxMessage> {
	const id = await enqueueMail(t.db, { kind: 'test', to, subject: '坐诊提醒', text: '明天上午 8:30 社区卫生服务站有义诊。', ...extra });
	return (await t.db.select().from(outboxMessages).where(eq(outboxMessages.id, id)).get())!;
}

describe('sending over SMTP', () => {
	it('sends the stored message with its Message-ID, headers, text, html and attachment', async () => {
		const message = await queued('resident@example.com', {
			toName: '王阿姨',
			subject: '停诊通知：12月3日 周四 上午',
			text: '您好，李康医生 12月3日 周四 上午的康复科坐诊停诊，给您带来不便，敬请谅解。',
			html: '<p>您好，李康医生 <b>12月3日 周四 上午</b>的康复科坐诊停诊。</p>',
			headers: { 'X-Yizhen-Kind': 'sitting_cancelled' },
			attachments: [{ filename: '停诊.ics', contentType: 'text/calendar; method=CANCEL', content: 'BEGIN:VCALENDAR\r\nSUMMARY:康复科坐诊\r\nEND:VCALENDAR\r\n' }]
		});
		await smtpTransport(smtp.url).send(message);

		expect(smtp.received).toHaveLength(1);
		const [got] = smtp.received;
		expect(got!.messageId).toBe(message.messageId);
		expect(got!.subject).toBe('停诊通知：12月3日 周四 上午');
		expect(got!.text).toContain('12月3日 周四 上午的康复科坐诊停诊');
		expect(got!.html).toContain('<b>12月3日 周四 上午</b>');
		expect(got!.headers.get('x-yizhen-kind')).toBe('sitting_cancelled');
		expect(got!.to).toMatchObject({ value: [{ name: '王阿姨', address: 'resident@example.com' }] });
		expect(got!.from).toMatchObject({ value: [{ name: '义诊 Yizhen', address: 'no-reply@yizhen.local' }] });
		expect(got!.attachments).toHaveLength(1);
		expect(got!.attachments[0]!.filename).toBe('停诊.ics');
		expect(got!.attachments[0]!.contentType).toBe('text/calendar');
		expect(got!.attachments[0]!.content.toString('utf8')).toContain('SUMMARY:康复科坐诊');
	});

	it('sends the same Message-ID every time the same row is sent', async () => {
		const message = await queued('resident@example.com');
		const transport = smtpTransport(smtp.url);
		await transport.send(message);
		await transport.send(message);
		expect(smtp.timesReceived(message.messageId)).toBe(2);
	});

	it('calls a refused recipient (550) a permanent failure', async () => {
		const error = await smtpTransport(smtp.url)
			.send(await queued('nobody@example.com'))
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(PermanentMailError);
		expect((error as Error).message).toContain('550');
		expect(smtp.received).toHaveLength(0);
	});

	it('calls a 4xx reply and a server that is not listening temporary failures', async () => {
		const deferred = await smtpTransport(smtp.url)
			.send(await queued('full@example.com'))
			.catch((e: unknown) => e);
		expect(deferred).toBeInstanceOf(Error);
		expect(deferred).not.toBeInstanceOf(PermanentMailError);
		expect((deferred as { responseCode?: number }).responseCode).toBe(452);

		const down = await smtpTransport(`smtp://127.0.0.1:${await closedPort()}`)
			.send(await queued('resident@example.com'))
			.catch((e: unknown) => e);
		expect(down).toBeInstanceOf(Error);
		expect(down).not.toBeInstanceOf(PermanentMailError);
		expect((down as Error).message).toMatch(/ECONNREFUSED/);
	});

	it('sorts reply codes the way RFC 5321 does, sparing a bad login and 503', () => {
		expect(isPermanentSmtpError({ responseCode: 550, code: 'EENVELOPE' })).toBe(true);
		expect(isPermanentSmtpError({ responseCode: 554, code: 'EMESSAGE' })).toBe(true);
		expect(isPermanentSmtpError({ responseCode: 451, code: 'EENVELOPE' })).toBe(false);
		expect(isPermanentSmtpError({ responseCode: 421, code: 'ECONNECTION' })).toBe(false);
		expect(isPermanentSmtpError({ responseCode: 503, code: 'EPROTOCOL' })).toBe(false);
		expect(isPermanentSmtpError({ responseCode: 535, code: 'EAUTH' })).toBe(false);
		expect(isPermanentSmtpError({ code: 'ECONNECTION' })).toBe(false);
		expect(isPermanentSmtpError(new Error('anything'))).toBe(false);
		expect(isPermanentSmtpError(undefined)).toBe(false);
	});
});

describe('choosing the transport from the environment', () => {
	it('uses SMTP with MAIL_FROM as the sender when SMTP_URL is set', async () => {
		const transport = transportFromEnv({ SMTP_URL: smtp.url, MAIL_FROM: '社区义诊 <notice@clinic.example>' });
		expect(transport.kind).toBe('smtp');
		await transport.send(await queued('resident@example.com'));
		expect(smtp.received[0]!.from).toMatchObject({ value: [{ name: '社区义诊', address: 'notice@clinic.example' }] });
	});

	it('uses the local mailbox without SMTP_URL, and sends nothing anywhere', async () => {
		const transport = transportFromEnv({ SMTP_URL: '', MAIL_FROM: DEFAULT_MAIL_FROM });
		expect(transport.kind).toBe('mailbox');
		await transport.send(await queued('resident@example.com'));
		expect(transportFromEnv({}).kind).toBe('mailbox');
		expect(smtp.received).toHaveLength(0);
	});
});
