import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { m } from '../../i18n';
import { phoneCodes, phoneSessions, registrations, smsMessages } from '../db/schema';
import { DomainError } from '../errors';
import { listSmsBox } from './outbox';
import { smsBoxProvider } from './provider';
import {
	CODE_LIFETIME_MS,
	endPhoneSession,
	phoneCodeLimitsFromEnv,
	phoneOfSession,
	PHONE_CODES_PER_DAY,
	PHONE_SESSION_LIFETIME_MS,
	requestPhoneCode,
	verifyPhoneCode,
	type PhoneCodeLimits
} from './verification';
import { deliverDueSms } from './worker';
import { demoDbForEachTest } from '../testing/demo-db';

const t = demoDbForEachTest('2026-12-07');

/** 10:00 in Beijing on 7 December, plus `seconds`. */
const at = (seconds: number) => new Date(Date.parse('2026-12-07T02:00:00Z') + seconds * 1000);
const PHONE = '13912345678';
const roomy: PhoneCodeLimits = { perAddressPerHour: 1000 };

const ask = (phone = PHONE, now = at(0), options: { address?: string; purpose?: 'find_registrations' | 'follow'; limits?: PhoneCodeLimits } = {}) =>
	requestPhoneCode(t.db, { phone, purpose: options.purpose ?? 'find_registrations', address: options.address ?? '10.0.0.1' }, options.limits ?? roomy, now);

/** What the resident reads on their phone: the newest code in the local SMS box. */
async function codeTextedTo(phone: string, now: Date): Promise<string> {
	await deliverDueSms(t.db, smsBoxProvider(), 'test', now);
	const [text] = await listSmsBox(t.db, { phone });
	expect(text?.kind).toBe('verification_code');
	return text!.params.code!;
}

const refusal = (work: Promise<unknown>) => work.then(() => null, (e: unknown) => e);
const codeRows = () => t.db.select().from(phoneCodes);
const texts = () => t.db.select().from(smsMessages);
/** A code that is certainly not the one texted. */
const other = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('asking for a code', () => {
	it('texts a 6-digit code, with no organization to bill, to the number as stored', async () => {
		const asked = await ask('+86 139-1234-5678');
		expect(asked.maskedPhone).toBe('139****5678');
		expect(asked.expiresAt).toEqual(new Date(at(0).getTime() + CODE_LIFETIME_MS));
		const code = await codeTextedTo(PHONE, at(1));
		expect(code).toMatch(/^\d{6}$/);
		const [text] = await texts();
		expect(text).toMatchObject({ phone: PHONE, organizationId: null, status: 'sent' });
	});

	it('answers the same words and texts the same way whether or not the phone has registrations', async () => {
		const registered = (await t.db.select({ phone: registrations.phone }).from(registrations).limit(1).get())!.phone;
		const stranger = '13700000001';
		expect(await t.db.select().from(registrations).where(eq(registrations.phone, stranger))).toHaveLength(0);
		const a = await ask(registered);
		const b = await ask(stranger);
		expect(a.message).toBe(m.phoneCode.sent(a.maskedPhone));
		expect(b.message).toBe(m.phoneCode.sent(b.maskedPhone));
		expect(Object.keys(a)).toEqual(Object.keys(b));
		expect(await codeTextedTo(registered, at(1))).toMatch(/^\d{6}$/);
		expect(await codeTextedTo(stranger, at(1))).toMatch(/^\d{6}$/);
	});

	it('refuses a malformed phone with a 400 at the phone field, and writes and texts nothing', async () => {
		for (const phone of ['1391234567', '23912345678', '电话', '']) {
			const error = await refusal(ask(phone));
			expect(error).toBeInstanceOf(DomainError);
			expect(error).toMatchObject({ status: 400, field: 'phone', message: m.sms.badPhone });
		}
		expect(await codeRows()).toHaveLength(0);
		expect(await texts()).toHaveLength(0);
	});

	it('keeps no way back to the code: not the code, not its SHA-256, not anything 10^6 guesses find without the browser’s token', async () => {
		const asked = await ask();
		const code = await codeTextedTo(PHONE, at(1));
		const [row] = await codeRows();
		const stored = Object.values(row!).map(String);
		expect(stored).not.toContain(code);
		expect(row!.codeHash).not.toBe(encodeHexLowerCase(sha256(new TextEncoder().encode(code))));
		// Everything the row holds tried as the key, over every code: nothing matches.
		const keys = [row!.challengeHash, row!.phone, row!.address, ''];
		for (let n = 0; n < 1_000_000; n++) {
			const guess = String(n).padStart(6, '0');
			if (encodeHexLowerCase(sha256(new TextEncoder().encode(guess))) === row!.codeHash) throw new Error(`sha256 reverses to ${guess}`);
			if (n % 100_000 === 0 || guess === code) {
				for (const key of keys) expect(createHmac('sha256', key).update(`find_registrations:${PHONE}:${guess}`).digest('hex')).not.toBe(row!.codeHash);
			}
		}
		// With the token the browser holds, it is the code: the check above could have matched.
		expect(createHmac('sha256', asked.challenge).update(`find_registrations:${PHONE}:${code}`).digest('hex')).toBe(row!.codeHash);
	});
});

describe('throttles', () => {
	it('sends one code a minute per phone: a second ask within the minute is a 429 that says how long, writes nothing and extends nothing', async () => {
		await ask();
		const early = await refusal(ask(PHONE, at(30), { address: '10.0.0.2' }));
		expect(early).toMatchObject({ status: 429, field: 'phone', message: m.phoneCode.wait(30) });
		expect(await codeRows()).toHaveLength(1);
		expect(await texts()).toHaveLength(1);
		// The refusal at 30 s did not restart the minute.
		await ask(PHONE, at(60), { address: '10.0.0.2' });
		expect(await codeRows()).toHaveLength(2);
	});

	it(`sends ${PHONE_CODES_PER_DAY} codes a Beijing day per phone, whatever the purpose, and more from midnight`, async () => {
		for (let i = 0; i < PHONE_CODES_PER_DAY; i++) await ask(PHONE, at(i * 61), { purpose: i % 2 ? 'follow' : 'find_registrations', address: `10.0.0.${i}` });
		const eleventh = await refusal(ask(PHONE, at(PHONE_CODES_PER_DAY * 61), { address: '10.9.9.9' }));
		expect(eleventh).toMatchObject({ status: 429, field: 'phone', message: m.phoneCode.dailyCap });
		expect(await texts()).toHaveLength(PHONE_CODES_PER_DAY);
		// Another phone is not held back.
		await ask('13800000002', at(PHONE_CODES_PER_DAY * 61), { address: '10.9.9.9' });
		// Still refused at 23:59 in Beijing; from midnight (16:00 UTC) the owner may ask again.
		expect(await refusal(ask(PHONE, new Date('2026-12-07T15:59:00Z'), { address: '10.9.9.8' }))).toMatchObject({ message: m.phoneCode.dailyCap });
		await ask(PHONE, new Date('2026-12-07T16:00:00Z'), { address: '10.9.9.8' });
	});

	it('caps codes per address per hour, for any phones, and lets the address in again after the hour', async () => {
		const limits = { perAddressPerHour: 3 };
		for (let i = 0; i < 3; i++) await ask(`1380000000${i}`, at(i), { limits });
		const fourth = await refusal(ask('13800000009', at(10), { limits }));
		expect(fourth).toMatchObject({ status: 429, message: m.phoneCode.addressCap });
		expect(await texts()).toHaveLength(3);
		// Another address (the phone's owner elsewhere) is not held back by this one.
		await ask('13800000009', at(11), { limits, address: '10.0.0.99' });
		await ask('13800000008', at(3603), { limits });
	});

	it('reads the per-address cap from PHONE_CODE_LIMIT_PER_IP, and keeps the default for nonsense', () => {
		expect(phoneCodeLimitsFromEnv({ PHONE_CODE_LIMIT_PER_IP: '200' })).toEqual({ perAddressPerHour: 200 });
		expect(phoneCodeLimitsFromEnv({ PHONE_CODE_LIMIT_PER_IP: '0' })).toEqual(phoneCodeLimitsFromEnv({}));
		expect(phoneCodeLimitsFromEnv({ PHONE_CODE_LIMIT_PER_IP: 'many' })).toEqual(phoneCodeLimitsFromEnv({}));
		expect(phoneCodeLimitsFromEnv({}).perAddressPerHour).toBeGreaterThan(PHONE_CODES_PER_DAY);
	});
});

describe('checking a code', () => {
	it('opens a 30-minute session for the phone with the right code, and refuses the same code again as used (409)', async () => {
		const { challenge } = await ask();
		const code = await codeTextedTo(PHONE, at(1));
		const session = await verifyPhoneCode(t.db, { challenge, code: ` ${code.slice(0, 3)} ${code.slice(3)} `, purpose: 'find_registrations' }, at(20));
		expect(session).toMatchObject({ phone: PHONE, purpose: 'find_registrations', expiresAt: new Date(at(20).getTime() + PHONE_SESSION_LIFETIME_MS) });
		expect(await phoneOfSession(t.db, session.token, 'find_registrations', at(21))).toEqual({ phone: PHONE, expiresAt: session.expiresAt });
		// Only its hash is kept.
		expect((await t.db.select().from(phoneSessions)).map((s) => s.tokenHash)).not.toContain(session.token);
		const replay = await refusal(verifyPhoneCode(t.db, { challenge, code, purpose: 'find_registrations' }, at(30)));
		expect(replay).toMatchObject({ status: 409, field: 'code', message: m.phoneCode.used });
	});

	it('refuses a code at 10 minutes and accepts it a moment before (an injected clock)', async () => {
		const { challenge } = await ask();
		const code = await codeTextedTo(PHONE, at(1));
		const late = await refusal(verifyPhoneCode(t.db, { challenge, code, purpose: 'find_registrations' }, new Date(at(0).getTime() + CODE_LIFETIME_MS)));
		expect(late).toMatchObject({ status: 400, field: 'code', message: m.phoneCode.expired });
		await verifyPhoneCode(t.db, { challenge, code, purpose: 'find_registrations' }, new Date(at(0).getTime() + CODE_LIFETIME_MS - 1));
	});

	it('allows 5 tries: 4 wrong ones say how many are left, the 5th kills the code, and then the right code is refused too', async () => {
		const { challenge } = await ask();
		const code = await codeTextedTo(PHONE, at(1));
		for (let left = 4; left >= 1; left--) {
			const wrong = await refusal(verifyPhoneCode(t.db, { challenge, code: other(code), purpose: 'find_registrations' }, at(10)));
			expect(wrong).toMatchObject({ status: 400, field: 'code', message: m.phoneCode.wrongCode(left) });
		}
		const fifth = await refusal(verifyPhoneCode(t.db, { challenge, code: other(code), purpose: 'find_registrations' }, at(11)));
		expect(fifth).toMatchObject({ status: 429, message: m.phoneCode.dead });
		const right = await refusal(verifyPhoneCode(t.db, { challenge, code, purpose: 'find_registrations' }, at(12)));
		expect(right).toMatchObject({ status: 429, message: m.phoneCode.dead });
		expect(await t.db.select().from(phoneSessions)).toHaveLength(0);
	});

	it('counts no try for a code that is not 6 digits', async () => {
		const { challenge } = await ask();
		const code = await codeTextedTo(PHONE, at(1));
		for (let i = 0; i < 6; i++) {
			const typo = await refusal(verifyPhoneCode(t.db, { challenge, code: '12345', purpose: 'find_registrations' }, at(10)));
			expect(typo).toMatchObject({ status: 400, field: 'code', message: m.phoneCode.badCode });
		}
		expect((await codeRows())[0]!.attempts).toBe(0);
		await verifyPhoneCode(t.db, { challenge, code, purpose: 'find_registrations' }, at(11));
	});

	it('refuses a code without the browser’s challenge, or with one it never gave, as 400s', async () => {
		await ask();
		const code = await codeTextedTo(PHONE, at(1));
		for (const challenge of [null, undefined, '', 'abcdefghijklmnopqrstuvwxyz234567']) {
			const error = await refusal(verifyPhoneCode(t.db, { challenge, code, purpose: 'find_registrations' }, at(10)));
			expect(error).toMatchObject({ status: 400, field: 'code', message: m.phoneCode.noCode });
		}
	});

	it('keeps a code to its purpose: a code asked to follow an expert finds no registrations, and its session neither', async () => {
		const { challenge } = await ask(PHONE, at(0), { purpose: 'follow' });
		const code = await codeTextedTo(PHONE, at(1));
		const crossed = await refusal(verifyPhoneCode(t.db, { challenge, code, purpose: 'find_registrations' }, at(10)));
		expect(crossed).toMatchObject({ status: 400, field: 'code', message: m.phoneCode.wrongPurpose });
		// Still good for what it was asked for, and no try was spent.
		const session = await verifyPhoneCode(t.db, { challenge, code, purpose: 'follow' }, at(11));
		expect(await phoneOfSession(t.db, session.token, 'find_registrations', at(12))).toBeNull();
		expect(await phoneOfSession(t.db, session.token, 'follow', at(12))).toMatchObject({ phone: PHONE });
	});

	it('lets no one else spoil the owner’s code: a stranger’s wrong tries and newer codes to the same phone leave it working', async () => {
		const owner = await ask(PHONE, at(0), { address: '10.0.0.1' });
		const ownersCode = await codeTextedTo(PHONE, at(1));
		const stranger = await ask(PHONE, at(61), { address: '10.6.6.6' });
		for (let i = 0; i < 5; i++) await refusal(verifyPhoneCode(t.db, { challenge: stranger.challenge, code: ownersCode === '000000' ? '111111' : '000000', purpose: 'find_registrations' }, at(62)));
		// The owner's code typed with the stranger's challenge is just a wrong try of the stranger's.
		const mixed = await refusal(verifyPhoneCode(t.db, { challenge: stranger.challenge, code: ownersCode, purpose: 'find_registrations' }, at(63)));
		expect(mixed).toMatchObject({ status: 429 });
		const session = await verifyPhoneCode(t.db, { challenge: owner.challenge, code: ownersCode, purpose: 'find_registrations' }, at(64));
		expect(session.phone).toBe(PHONE);
	});
});

describe('the phone session', () => {
	it('ends after 30 minutes, or at once with 退出', async () => {
		const { challenge } = await ask();
		const session = await verifyPhoneCode(t.db, { challenge, code: await codeTextedTo(PHONE, at(1)), purpose: 'find_registrations' }, at(10));
		const end = session.expiresAt.getTime();
		expect(await phoneOfSession(t.db, session.token, 'find_registrations', new Date(end - 1))).not.toBeNull();
		expect(await phoneOfSession(t.db, session.token, 'find_registrations', new Date(end))).toBeNull();
		await endPhoneSession(t.db, session.token);
		expect(await phoneOfSession(t.db, session.token, 'find_registrations', at(11))).toBeNull();
		expect(await phoneOfSession(t.db, null, 'find_registrations', at(11))).toBeNull();
	});
});
