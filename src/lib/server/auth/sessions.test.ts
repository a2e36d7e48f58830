import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessions, users } from '../db/schema';
import { createTestDb, type TestDb } from '../testing/test-db';
import { createSession, invalidateSession, SESSION_LIFETIME_MS, validateSessionToken } from './sessions';
import { createUser } from './users';
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
