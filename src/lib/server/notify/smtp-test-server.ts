/**
 * A real SMTP server on 127.0.0.1 for the tests in this folder: it parses and keeps every message it
 * accepts, and can refuse chosen recipients with a permanent (5xx) or temporary (4xx) reply.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface TestSmtpServer {
	url: string;
	port: number;
	received: ParsedMail[];
	/** How many times the server accepted the message with this Message-ID. */
	timesReceived(messageId: string): number;
	stop(): Promise<void>;
}

export interface TestSmtpOptions {
	/** 0 (the default) lets the system pick a free port; pass an old one to bring a server back. */
	port?: number;
	/** Recipient address → the reply code RCPT TO gets, e.g. 550 (no such user) or 451 (try later). */
	refuse?: Record<string, number>;
}

export async function startTestSmtpServer(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
	const received: ParsedMail[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		// The reverse DNS lookup of 127.0.0.1 costs tens of milliseconds per connection.
		disableReverseLookup: true,
		logger: false,
		onRcptTo(address, _session, callback) {
			const code = options.refuse?.[address.address.toLowerCase()];
			if (code) return callback(Object.assign(new Error(code >= 500 ? 'mailbox unavailable' : 'try again later'), { responseCode: code }));
			callback();
		},
		onData(stream, _session, callback) {
			simpleParser(stream)
				.then((mail) => {
					received.push(mail);
					callback();
				})
				.catch((error: Error) => callback(error));
		}
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
	});
	const port = (server.server.address() as AddressInfo).port;
	return {
		url: `smtp://127.0.0.1:${port}`,
		port,
		received,
		timesReceived: (messageId) => received.filter((m) => m.messageId === messageId).length,
		stop: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

/** A port nothing listens on (for a while): a server started on it and stopped again. */
export async function closedPort(): Promise<number> {
	const server = await startTestSmtpServer();
	await server.stop();
	return server.port;
}
