/**
 * What the app may text, and with which parameters. A provider in China sends only a template its
 * reviewers approved, filled with parameters, so each kind is one template: its words are in the
 * catalog (m.sms), registered once with the provider (SMS_TEMPLATE_<KIND>), and each message carries
 * only its parameters.
 *
 * Parameters are plain values, because the providers refuse anything else: Tencent rejects a link as a
 * parameter (the address must be a constant in the template, so the manage link is the template's
 * `<origin>/r/` followed by the token), brackets read as a second signature, and each value has a
 * length limit; we hold every name-like value to 12 characters, which one Chinese SMS segment can carry
 * with the template around it.
 */
import { m } from '../../i18n';

interface ParamRule {
	max: number;
	pattern?: RegExp;
}

/** A name, a place, a time such as 12月8日周二上午: what a template says in its own words around it. */
const words: ParamRule = { max: 12 };
/** A registration's manage token (auth/tokens.ts: base32 of 20 bytes), or a follow's stop token (16 of the same letters). */
const token: ParamRule = { max: 32, pattern: /^[a-z2-7]+$/ };
const code: ParamRule = { max: 6, pattern: /^\d{6}$/ };

interface Template<P extends string> {
	params: Record<P, ParamRule>;
	text: (params: Record<P, string>, origin: string) => string;
	/** Sent in quiet hours too: an answer the resident is waiting for at the phone. */
	anyTime: boolean;
}

const template = <P extends string>(t: Template<P>) => t;

export const SMS_TEMPLATES = {
	registration_confirmed: template({ params: { event: words, time: words, token }, text: m.sms.registrationConfirmed, anyTime: true }),
	/** The confirmation of a registration that waits: saying 您已报名 would promise a place. */
	waitlist_joined: template({ params: { event: words, time: words, token }, text: m.sms.waitlistJoined, anyTime: true }),
	// No link: only the token's hash is kept, so a promotion points to the link the resident already has.
	waitlist_promoted: template({ params: { event: words, time: words }, text: m.sms.waitlistPromoted, anyTime: false }),
	event_cancelled: template({ params: { event: words, time: words }, text: m.sms.eventCancelled, anyTime: false }),
	// The place too: a clinic moved to another center at the same hour is the move that strands people.
	event_moved: template({ params: { event: words, time: words, place: words }, text: m.sms.eventMoved, anyTime: false }),
	// A cancelled event put back (events/manage.ts restoreEvent): to everyone told of the cancellation.
	event_restored: template({ params: { event: words, time: words }, text: m.sms.eventRestored, anyTime: false }),
	event_reminder: template({ params: { event: words, time: words, place: words }, text: m.sms.eventReminder, anyTime: false }),
	// To followers (sms/follows.ts): the token is the follow's stop link, `<origin>/f/` + token.
	sitting_cancelled: template({ params: { expert: words, time: words, site: words, token }, text: m.sms.sittingCancelled, anyTime: false }),
	sitting_moved: template({ params: { expert: words, time: words, site: words, token }, text: m.sms.sittingMoved, anyTime: false }),
	// Only to phones told of the cancellation it undoes: to anyone else 恢复 would be news of nothing.
	sitting_restored: template({ params: { expert: words, time: words, site: words, token }, text: m.sms.sittingRestored, anyTime: false }),
	sitting_substituted: template({
		params: { expert: words, time: words, site: words, substitute: words, token },
		text: m.sms.sittingSubstituted,
		anyTime: false
	}),
	verification_code: template({ params: { code }, text: m.sms.verificationCode, anyTime: true })
} as const;

export type SmsKind = keyof typeof SMS_TEMPLATES;
export const SMS_KINDS = Object.keys(SMS_TEMPLATES) as SmsKind[];
export type SmsParams<K extends SmsKind> = { [P in keyof (typeof SMS_TEMPLATES)[K]['params']]: string };

export function isSmsKind(kind: string): kind is SmsKind {
	return Object.hasOwn(SMS_TEMPLATES, kind);
}

/** The template's parameter names in their order: Tencent's {1}, {2} … are these, in this order. */
export function paramNames(kind: SmsKind): string[] {
	return Object.keys(SMS_TEMPLATES[kind].params);
}

/**
 * The reasons a parameter cannot go to a provider, or [] when all can. A programming error, not the
 * resident's: the code that queues a message shortens names with `fitParam` first.
 */
export function paramProblems(kind: SmsKind, params: Record<string, unknown>): string[] {
	const rules = SMS_TEMPLATES[kind].params as Record<string, ParamRule>;
	const problems: string[] = [];
	for (const name of Object.keys(params)) if (!Object.hasOwn(rules, name)) problems.push(`${name}: not a parameter of ${kind}`);
	for (const [name, rule] of Object.entries(rules)) {
		const value = params[name];
		if (typeof value !== 'string' || value.trim() === '') problems.push(`${name}: missing`);
		else if ([...value].length > rule.max) problems.push(`${name}: longer than ${rule.max} characters`);
		else if (/[\r\n【】[\]{}]|https?:|www\./i.test(value)) problems.push(`${name}: line break, bracket or link`);
		else if (rule.pattern && !rule.pattern.test(value)) problems.push(`${name}: not the expected form`);
	}
	return problems;
}

/** A name or place cut to what a parameter may hold, with … where it was cut. */
export function fitParam(value: string, max = words.max): string {
	const chars = [...value.replace(/[\r\n【】[\]{}]/g, '').trim()];
	return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** The message's words without the signature. */
export function smsText(kind: SmsKind, params: Record<string, string>, origin: string): string {
	return (SMS_TEMPLATES[kind].text as (p: Record<string, string>, origin: string) => string)(params, origin);
}

/** The template as it is registered with Tencent: {1}, {2} … in place of the parameters. */
export function providerTemplate(kind: SmsKind, origin: string): string {
	const placeholders = Object.fromEntries(paramNames(kind).map((name, i) => [name, `{${i + 1}}`]));
	return smsText(kind, placeholders, origin);
}

export function signed(signName: string, text: string): string {
	return `【${signName}】${text}`;
}

/** Billed segments of a Chinese SMS: 70 characters in one, 67 each when split. */
export function segmentsOf(text: string): number {
	const n = [...text].length;
	return n <= 70 ? 1 : Math.ceil(n / 67);
}
