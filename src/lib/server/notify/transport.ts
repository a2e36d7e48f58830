/**
 * How a message leaves: over SMTP (SMTP_URL) or into the local mailbox, which needs nothing running
 * and lets the invitation and password-reset flows work out of the box.
 */
import nodemailer from 'nodemailer';
import { DEFAULT_MAIL_FROM } from './outbox';
import type { outboxMessages } from '../db/schema';

type StoredMail = typeof outboxMessages.$inferSelect;

export interface MailTransport {
	kind: 'smtp' | 'mailbox';
	send(message: StoredMail): Promise<void>;
	close?(): void;
}

/** Thrown for a failure that will not go away by retrying (the server rejected the recipient, 5xx). */
export class PermanentMailError extends Error {}

export function smtpTransport(url: string, from = process.env.MAIL_FROM || DEFAULT_MAIL_FROM): MailTransport {
	const transporter = nodemailer.createTransport(url);
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
					// The Message-ID fixed at enqueue: a resend after a crash is recognisably the same message.
					messageId: m.messageId,
					headers: m.headers ?? undefined,
					attachments: (m.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content }))
				});
			} catch (error) {
				const code = (error as { responseCode?: number }).responseCode;
				if (typeof code === 'number' && code >= 500) throw new PermanentMailError(`${code} ${(error as Error).message}`);
				throw error;
			}
		},
		close: () => transporter.close()
	};
}

/** The row itself is the mailbox: delivering means marking it sent with deliveredVia = 'mailbox'. */
export function mailboxTransport(): MailTransport {
	return { kind: 'mailbox', send: async () => {} };
}

export function transportFromEnv(env: Record<string, string | undefined> = process.env): MailTransport {
	return env.SMTP_URL ? smtpTransport(env.SMTP_URL, env.MAIL_FROM || DEFAULT_MAIL_FROM) : mailboxTransport();
}
