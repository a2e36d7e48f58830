import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessions, users } from '../db/schema';
import { createTestDb, type TestDb } from '../testing/test-db';
import { createSession, invalidateSession, SESSION_LIFETIME_MS, validateSessionToken } from './sessions';
import { loginLockedUntil, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP, THROTTLE_WINDOW_MS } from './throttle';
import { createUser, signIn } from './users';
import { generateToken, hashToken } from './tokens';

let t: TestDb;
let userId: string;
beforeEach(async () => {
	t = await createTestDb();
	userId = await createUser(t.db, { email: 'Zhou@Example.com', name: '周晓梅', password: 'a-long-password-1' });
});
afterEach(() => t.cleanup());

const DAY = 24 * 60 * 60 * 1000;

describe('sessions', () => {
	it('store only the hash of the token, slide in their second half, and end when expired or signed out', async () => {
		const start = new Date('2026-11-25T00:00:00Z');
		const token = generateToken();
		const session = await createSession(t.db, token, userId, start);
		expect(session.id).toBe(hashToken(token));
		expect((await t.db.select().from(sessions)).map((s) => s.id)).toEqual([hashToken(token)]);

		// Ten days in: valid, not renewed.
		const early = await validateSessionToken(t.db, token, new Date(start.getTime() + 10 * DAY));
		expect(early).toMatchObject({ renewed: false, user: { email: 'zhou@example.com' } });
		// Twenty days in: renewed for a full lifetime from then.
		const late = new Date(start.getTime() + 20 * DAY);
		const renewed = await validateSessionToken(t.db, token, late);
		expect(renewed!.renewed).toBe(true);
		expect(renewed!.session.expiresAt.getTime()).toBe(late.getTime() + SESSION_LIFETIME_MS);
		// Past the renewed expiry: gone, and the row is deleted.
		expect(await validateSessionToken(t.db, token, new Date(late.getTime() + SESSION_LIFETIME_MS + 1))).toBeNull();
		expect(await t.db.select().from(sessions)).toHaveLength(0);

		const other = generateToken();
		await createSession(t.db, other, userId);
		await invalidateSession(t.db, hashToken(other));
		expect(await validateSessionToken(t.db, other)).toBeNull();
	});

	it('end when the account is deactivated', async () => {
		const token = generateToken();
		await createSession(t.db, token, userId);
		await t.db.update(users).set({ active: false }).where(eq(users.id, userId));
		expect(await validateSessionToken(t.db, token)).toBeNull();
	});
});

describe('the sign-in rate limit', () => {
	it(`locks an account after ${MAX_FAILURES_PER_ACCOUNT} failures in the window, and lets it in once they age out`, async () => {
		const now = new Date('2026-11-25T08:00:00Z');
		for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
			expect(await signIn(t.db, 'zhou@example.com', 'wrong', `10.0.0.${i}`, new Date(now.getTime() + i * 1000))).toEqual({ ok: false, reason: 'invalid' });
		}
		const locked = await signIn(t.db, 'ZHOU@example.com', 'a-long-password-1', '10.0.1.1', new Date(now.getTime() + 10_000));
		expect(locked).toMatchObject({ ok: false, reason: 'locked' });
		expect((locked as { until: Date }).until.getTime()).toBe(now.getTime() + THROTTLE_WINDOW_MS);
		const later = await signIn(t.db, 'zhou@example.com', 'a-long-password-1', '10.0.1.1', new Date(now.getTime() + THROTTLE_WINDOW_MS + 1));
		expect(later).toEqual({ ok: true, userId });
	});

	it(`locks an address after ${MAX_FAILURES_PER_IP} failures across different accounts`, async () => {
		const now = new Date('2026-11-25T08:00:00Z');
		for (let i = 0; i < MAX_FAILURES_PER_IP; i++) await signIn(t.db, `guess${i}@example.com`, 'x', '10.9.9.9', now);
		expect(await loginLockedUntil(t.db, 'zhou@example.com', '10.9.9.9', now)).not.toBeNull();
		expect(await loginLockedUntil(t.db, 'zhou@example.com', '10.9.9.10', now)).toBeNull();
	});
});
