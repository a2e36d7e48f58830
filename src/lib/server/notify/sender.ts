/** Who the app's mail comes from (MAIL_FROM), and the domain its Message-IDs are minted under. */
import { dm } from '../../i18n/domain';

export const DEFAULT_MAIL_FROM = dm.notify.mail.defaultFrom;
const FALLBACK_DOMAIN = 'yizhen.local';

export function mailFromEnv(env: Record<string, string | undefined> = process.env): string {
	return env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM;
}

/**
 * The domain of a sender such as `义诊 <no-reply@clinic.example>` or `no-reply@clinic.example`.
 * Message-IDs use it so they are globally unique in the way RFC 5322 asks: the id part is random,
 * the domain is one we control.
 */
export function mailDomain(from: string = mailFromEnv()): string {
	const address = /<([^<>]*)>\s*$/.exec(from)?.[1] ?? from;
	const domain = /@([A-Za-z0-9.-]+)\s*$/.exec(address.trim())?.[1];
	return domain ? domain.toLowerCase() : FALLBACK_DOMAIN;
}
