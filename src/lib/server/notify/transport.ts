/**
 * How a message leaves: over SMTP (SMTP_URL) or into the local mailbox, which needs nothing running
 * and lets the invitation and password-reset flows work out of the box.
 */
import { createTransport } from 'nodemailer';
import type { OutboxMessage } from './outbox';
import { DEFAULT_MAIL_FROM, mailFromEnv } from './sender';

export { DEFAULT_MAIL_FROM };

export interface MailTransport {
	kind: 'smtp' | 'mailbox';
	/** Resolves once the message is accepted; throws PermanentMailError when retrying cannot help. */
	send(message: OutboxMessage): Promise<void>;
	close?(): void;
}

/** A failure that retrying will not cure (the server refused the recipient or the message: 5xx). */
export class PermanentMailError extends Error {
	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'PermanentMailError';
	}
}

/**
 * 5xx replies are permanent (RFC 5321), except 503 (bad command sequence: a new connection can
 * succeed) and a failed login (the operator's misconfiguration, not this message's fault: failing
 * it would kill every queued message at once). Connection errors and 4xx replies are temporary.
 */
export function isPermanentSmtpError(error: unknown): boolean {
	const { responseCode, code } = (error ?? {}) as { responseCode?: unknown; code?: unknown };
	if (typeof responseCode !== 'number') return false;
	return responseCode >= 500 && responseCode < 600 && responseCode !== 503 && code !== 'EAUTH';
}

/**
 * Timeouts far below the worker's lease (worker.ts LEASE_MS), so a send that hangs fails and is
 * retried by its own worker instead of outliving the lease while another worker sends it again.
 * Nodemailer's defaults (2 min to connect, 10 min of silence) would not.
 */
export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as const;

export function smtpTransport(url: string, from: string = mailFromEnv()): MailTransport {
	const transporter = createTransport({ url, ...SMTP_TIMEOUTS });
	return {
		kind: 'smtp',
		async send(m) {
			try {
				await transporter.sendMail({
					from,
					to: m.toName ? { name: m.toName, address: m.toAddress } : m.toAddress,
					subject: m.subject,
					text: m.textBody,
					html: m.htmlBody ?? undefined,
					// Fixed at enqueue: a resend after a crash is recognisably the same message.
					messageId: m.messageId,
					headers: m.headers ?? undefined,
					attachments: (m.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content }))
				});
			} catch (error) {
				if (isPermanentSmtpError(error)) throw new PermanentMailError(error instanceof Error ? error.message : String(error), { cause: error });
				throw error;
			}
		},
		close: () => transporter.close()
	};
}

/** The row itself is the mailbox: delivering means the worker marks it sent with deliveredVia 'mailbox'. */
export function mailboxTransport(): MailTransport {
	return { kind: 'mailbox', send: async () => {} };
}

/** SMTP when SMTP_URL is set (e.g. smtp://user:pass@smtp.example.com:587), otherwise the local mailbox. */
export function transportFromEnv(env: Record<string, string | undefined> = process.env): MailTransport {
	const url = env.SMTP_URL?.trim();
	return url ? smtpTransport(url, mailFromEnv(env)) : mailboxTransport();
}
