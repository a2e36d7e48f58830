import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outboxMessages, userTokens } from '../db/schema';
import { createTestDb, type TestDb } from '../testing/test-db';
import { setPasswordWithLink } from './account-links';
import {
	ACCOUNT_LOCK_MS,
	FAILURES_PER_PAIR_STEP,
	loginLockedUntil,
	MAX_FAILURES_PER_ACCOUNT,
	MAX_FAILURES_PER_IP,
	pairLockedUntil,
	THROTTLE_WINDOW_MS
} from './throttle';
import { generateToken, hashToken } from './tokens';
import { createUser, signIn } from './users';

const PASSWORD = 'a-long-password-1';
const T0 = new Date('2026-11-25T08:00:00Z');
const MINUTE = 60_000;
const at = (ms: number) => new Date(T0.getTime() + ms);

let t: TestDb;
let userId: string;
beforeEach(async () => {
	t = await createTestDb();
	userId = await createUser(t.db, { email: 'Zhou@Example.com', name: '周晓梅', password: PASSWORD });
});
afterEach(() => t.cleanup());

/** `n` wrong passwords for 周晓梅 from `ip`, a second apart from `start` ms after T0. */
async function guess(ip: string, n: number, start = 0) {
	const results = [];
	for (let i = 0; i < n; i++) results.push(await signIn(t.db, 'zhou@example.com', `wrong-${i}`, ip, at(start + i * 1000)));
	return results;
}

const lockMails = () => t.db.select().from(outboxMessages).where(eq(outboxMessages.kind, 'account_locked'));

describe('wrong passwords from one address', () => {
	it('cannot lock the owner out at another address, however many the guesser sends', async () => {
		const results = await guess('203.0.113.66', 40);
		expect(results.slice(0, FAILURES_PER_PAIR_STEP).every((r) => !r.ok && r.reason === 'invalid')).toBe(true);
		expect(results.slice(FAILURES_PER_PAIR_STEP).every((r) => !r.ok && r.reason === 'locked')).toBe(true);
		// The guesser's address is held back; the owner at home signs in straight away.
		expect(await loginLockedUntil(t.db, 'zhou@example.com', '203.0.113.66', at(40_000))).not.toBeNull();
		expect(await signIn(t.db, 'ZHOU@example.com', PASSWORD, '198.51.100.7', at(41_000))).toEqual({ ok: true, userId });
	});

	it('make that address wait 1, 5, 15, then 60 minutes after each 5, and a right password from it starts afresh', async () => {
		const ip = '203.0.113.9';
		let now = 0;
		for (const wait of [1, 5, 15, 60, 60]) {
			const results = await guess(ip, FAILURES_PER_PAIR_STEP, now);
			expect(results.every((r) => !r.ok && r.reason === 'invalid')).toBe(true);
			const lastFailure = at(now + (FAILURES_PER_PAIR_STEP - 1) * 1000);
			const locked = await signIn(t.db, 'zhou@example.com', PASSWORD, ip, new Date(lastFailure.getTime() + 1000));
			expect(locked).toEqual({ ok: false, reason: 'locked', until: new Date(lastFailure.getTime() + wait * MINUTE) });
			now = lastFailure.getTime() - T0.getTime() + wait * MINUTE;
		}
		expect(await signIn(t.db, 'zhou@example.com', PASSWORD, ip, at(now))).toEqual({ ok: true, userId });
		// Cleared: the next mistakes start again at one minute.
		await guess(ip, FAILURES_PER_PAIR_STEP, now + 1000);
		expect(await loginLockedUntil(t.db, 'zhou@example.com', ip, at(now + 6000))).toEqual(at(now + 5000 + MINUTE));
	});

	it('computes the wait from the times of the failures', () => {
		const times = (n: number) => Array.from({ length: n }, (_, i) => at(i * 1000));
		expect(pairLockedUntil(times(4), at(5000))).toBeNull();
		expect(pairLockedUntil(times(5), at(5000))).toEqual(at(4000 + MINUTE));
		expect(pairLockedUntil(times(7), at(5000))).toEqual(at(4000 + MINUTE));
		expect(pairLockedUntil(times(5), at(4000 + MINUTE))).toBeNull();
		expect(pairLockedUntil(times(10), at(10_000))).toEqual(at(9000 + 5 * MINUTE));
		expect(pairLockedUntil(times(40), at(40_000))).toEqual(at(39_000 + 60 * MINUTE));
	});

	it(`lock an address after ${MAX_FAILURES_PER_IP} failures across different accounts`, async () => {
		for (let i = 0; i < MAX_FAILURES_PER_IP; i++) await signIn(t.db, `guess${i}@example.com`, 'x', '10.9.9.9', T0);
		expect(await loginLockedUntil(t.db, 'zhou@example.com', '10.9.9.9', T0)).toEqual(at(THROTTLE_WINDOW_MS));
		expect(await loginLockedUntil(t.db, 'zhou@example.com', '10.9.9.10', T0)).toBeNull();
	});
});

describe('wrong passwords from many addresses', () => {
	/** The ceiling reached by guessers at many addresses, each staying under its own limit. */
	async function spreadGuesses(start: number) {
		const addresses = MAX_FAILURES_PER_ACCOUNT / FAILURES_PER_PAIR_STEP;
		for (let a = 0; a < addresses; a++) await guess(`198.18.${start / 1000}.${a}`, FAILURES_PER_PAIR_STEP, start + a * FAILURES_PER_PAIR_STEP * 1000);
		return at(start + (MAX_FAILURES_PER_ACCOUNT - 1) * 1000);
	}

	it(`lock the account everywhere at ${MAX_FAILURES_PER_ACCOUNT} in the window, and mail its owner once per lock`, async () => {
		const lockedAt = await spreadGuesses(0);
		const fromHome = await signIn(t.db, 'zhou@example.com', PASSWORD, '192.0.2.1', at(60_000));
		expect(fromHome).toEqual({ ok: false, reason: 'locked', until: new Date(lockedAt.getTime() + ACCOUNT_LOCK_MS) });
		// More tries during the lock are refused without counting, and send nothing more.
		await guess('198.18.99.1', 3, 61_000);
		const [mail, ...more] = await lockMails();
		expect(more).toHaveLength(0);
		expect(mail).toMatchObject({ toAddress: 'zhou@example.com', toName: '周晓梅', subject: '您的义诊账号已暂时锁定' });
		expect(mail!.textBody).toContain(`账号 zhou@example.com 在 ${MAX_FAILURES_PER_ACCOUNT} 次密码错误后暂时锁定，11月25日 16:15 之后可以再登录。`);
		expect(mail!.textBody).toContain('如果不是您本人操作');

		// After the lock the owner gets in; a new lock takes another fifty wrong passwords, and mails again.
		const afterLock = lockedAt.getTime() - T0.getTime() + ACCOUNT_LOCK_MS;
		expect(await signIn(t.db, 'zhou@example.com', PASSWORD, '192.0.2.1', at(afterLock))).toEqual({ ok: true, userId });
		await guess('198.18.200.1', 1, afterLock + 1000);
		expect(await loginLockedUntil(t.db, 'zhou@example.com', '192.0.2.1', at(afterLock + 2000))).toBeNull();
		await spreadGuesses(afterLock + 10_000);
		expect(await loginLockedUntil(t.db, 'zhou@example.com', '192.0.2.1', at(afterLock + 70_000))).not.toBeNull();
		expect(await lockMails()).toHaveLength(2);
	});

	it('lift the lock when the owner sets a new password through a mailed link', async () => {
		const lockedAt = await spreadGuesses(0);
		const token = generateToken();
		await t.db.insert(userTokens).values({ id: hashToken(token), userId, purpose: 'reset', expiresAt: at(3_600_000) });
		await setPasswordWithLink(t.db, token, 'a-brand-new-password', new Date(lockedAt.getTime() + 1000));
		expect(await signIn(t.db, 'zhou@example.com', 'a-brand-new-password', '192.0.2.1', new Date(lockedAt.getTime() + 2000))).toEqual({ ok: true, userId });
	});
});

describe('the limits as the people page explains them', () => {
	it('are read from the throttle, so the hint cannot drift from what is enforced', async () => {
		const { m } = await import('../../i18n');
		const { lockLimits, ACCOUNT_LOCK_MS, FAILURES_PER_PAIR_STEP, MAX_FAILURES_PER_ACCOUNT, PAIR_DELAYS_MS } = await import('./throttle');
		const hint = m.console.people.lockedHint(lockLimits());
		expect(hint).toContain(`连续输错 ${FAILURES_PER_PAIR_STEP} 次`);
		expect(hint).toContain(`输错 ${MAX_FAILURES_PER_ACCOUNT} 次`);
		expect(hint).toContain(`锁定 ${ACCOUNT_LOCK_MS / 60_000} 分钟`);
		for (const ms of PAIR_DELAYS_MS) expect(hint).toContain(`${ms / 60_000}`);
	});
});
