/** A real SMTP server on 127.0.0.1 for tests: collects parsed messages; can refuse recipients or go down. */
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface TestSmtp {
	url: string;
	port: number;
	received: ParsedMail[];
	stop(): Promise<void>;
}

export async function startTestSmtp(options: { port?: number; reject?: string[] } = {}): Promise<TestSmtp> {
	const received: ParsedMail[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onRcptTo(address, _session, callback) {
			if (options.reject?.includes(address.address)) {
				const error = Object.assign(new Error('mailbox unavailable'), { responseCode: 550 });
				return callback(error);
			}
			callback();
		},
		onData(stream, _session, callback) {
			simpleParser(stream)
				.then((mail) => {
					received.push(mail);
					callback();
				})
				.catch(callback);
		}
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const port = (server.server.address() as AddressInfo).port;
	return {
		url: `smtp://127.0.0.1:${port}`,
		port,
		received,
		stop: () => new Promise((resolve) => server.close(() => resolve()))
	};
}
