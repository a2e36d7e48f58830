/**
 * How a text message leaves: through a provider (Tencent Cloud SMS, tencent.ts) or into the local SMS
 * box, which needs nothing configured and lets the demo show every message an admin can read in the
 * console. A provider is one small object: another one (Alibaba Cloud's `@alicloud/dysmsapi20170525`,
 * which names its parameters where Tencent numbers them) is one more file beside tencent.ts and one
 * more case in `providerFromEnv` (provider-from-env.ts).
 */
import { isSmsKind, segmentsOf, signed, SMS_KINDS, smsText, type SmsKind } from './kinds';

type Env = Record<string, string | undefined>;

export interface SmsSend {
	/** 11 digits, mainland China. */
	phone: string;
	templateId: string;
	/** The template's parameters in the template's order (kinds.ts paramNames). */
	params: Record<string, string>;
	signName: string;
	/** Our id of the message, handed back by providers that echo a context (Tencent's SessionContext). */
	reference?: string;
}

export interface SmsSent {
	messageId: string;
	/** Billed segments, when the provider says. */
	fee?: number;
}

export interface SmsProvider {
	kind: 'tencent' | 'box';
	signName: string;
	/** The provider's template id for a kind; null when none is configured. */
	templateId(kind: SmsKind): string | null;
	/** Resolves once the provider accepted the message; throws SmsSendError. */
	send(message: SmsSend): Promise<SmsSent>;
}

/**
 * Why a send failed, and whether trying again can help: a rate limit or an outage can (retryable), a
 * template the provider does not know or a number that cannot receive SMS cannot (permanent).
 */
export class SmsSendError extends Error {
	readonly retryable: boolean;
	/** The provider's error code, e.g. LimitExceeded.PhoneNumberDailyLimit. */
	readonly code: string | null;
	constructor(message: string, options: { retryable: boolean; code?: string | null; cause?: unknown }) {
		super(message, { cause: options.cause });
		this.name = 'SmsSendError';
		this.retryable = options.retryable;
		this.code = options.code ?? null;
	}
}

export const DEFAULT_SIGN_NAME = '义诊';

export function signNameFromEnv(env: Env = process.env): string {
	return env.SMS_SIGN_NAME?.trim() || DEFAULT_SIGN_NAME;
}

/** SMS_TEMPLATE_REGISTRATION_CONFIRMED, SMS_TEMPLATE_VERIFICATION_CODE … */
export function templateEnvName(kind: SmsKind): string {
	return `SMS_TEMPLATE_${kind.toUpperCase()}`;
}

export function templateIdsFromEnv(env: Env = process.env): Partial<Record<SmsKind, string>> {
	const ids: Partial<Record<SmsKind, string>> = {};
	for (const kind of SMS_KINDS) {
		const id = env[templateEnvName(kind)]?.trim();
		if (id) ids[kind] = id;
	}
	return ids;
}

/**
 * The row is the box: delivering means the worker marks it sent with deliveredVia 'box'. It counts the
 * segments the text would have been billed as, so the monthly count shows what a provider would cost.
 */
export function smsBoxProvider(signName = DEFAULT_SIGN_NAME, origin = 'http://localhost:3000'): SmsProvider {
	return {
		kind: 'box',
		signName,
		templateId: (kind) => kind,
		async send(message) {
			const kind = message.templateId;
			const fee = isSmsKind(kind) ? segmentsOf(signed(signName, smsText(kind, message.params, origin))) : 1;
			return { messageId: `box:${message.reference ?? ''}`, fee };
		}
	};
}
