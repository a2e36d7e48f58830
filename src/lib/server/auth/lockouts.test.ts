import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, users } from '../db/schema';
import { type TestDb } from '../testing/test-db';
import { lockedAccounts, unlockAccount } from './lockouts';
import type { Actor } from './policy';
import { ACCOUNT_LOCK_MS, FAILURES_PER_PAIR_STEP, loginLockedUntil, MAX_FAILURES_PER_ACCOUNT, recordLoginFailure } from './throttle';
import { loadActor, signIn } from './users';
import { createDemoDb } from '../testing/demo-db';

const T0 = new Date('2026-11-25T08:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const TARGET = 'organizer@yizhen.example';

let t: TestDb;
let admin: Actor;
let organizer: Actor;
beforeEach(async () => {
	t = await createDemoDb('2026-11-25');
	admin = await actorFor('admin@yizhen.example');
	organizer = await actorFor('organizer.cjq@yizhen.example');
});
afterEach(() => t.cleanup());

async function actorFor(email: string): Promise<Actor> {
	const user = (await t.db.select().from(users).where(eq(users.email, email)).get())!;
	return loadActor(t.db, user);
}

/** The account-wide ceiling, reached from many addresses. */
async function lockEverywhere(email: string) {
	for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) await recordLoginFailure(t.db, email, `198.18.0.${Math.floor(i / FAILURES_PER_PAIR_STEP)}`, at(i * 1000));
}

describe('an admin unlocking an account', () => {
	it('lists the locked accounts, clears the lock, and audits who unlocked it', async () => {
		const target = (await t.db.select().from(users).where(eq(users.email, TARGET)).get())!;
		await lockEverywhere(TARGET);
		// Another account, held back only at the one address that guessed it.
		for (let i = 0; i < FAILURES_PER_PAIR_STEP; i++) await recordLoginFailure(t.db, 'expert@yizhen.example', '203.0.113.5', at(i * 1000));
		const now = at(60_000);
		expect(await loginLockedUntil(t.db, TARGET, '192.0.2.1', now)).toEqual(at((MAX_FAILURES_PER_ACCOUNT - 1) * 1000 + ACCOUNT_LOCK_MS));
		expect(await lockedAccounts(t.db, admin, at(30_000))).toEqual([
			{ userId: expect.any(String), name: '李康宁', email: 'expert@yizhen.example', until: '11月25日 16:01', everywhere: false, addresses: 1 },
			{ userId: target.id, name: '周晓梅', email: TARGET, until: '11月25日 16:15', everywhere: true, addresses: 0 }
		]);

		expect(await unlockAccount(t.db, admin, target.id, now)).toEqual({ email: TARGET });
		expect(await loginLockedUntil(t.db, TARGET, '192.0.2.1', now)).toBeNull();
		expect(await loginLockedUntil(t.db, TARGET, '198.18.0.0', now)).toBeNull();
		expect((await signIn(t.db, TARGET, 'yizhen-demo-2026', '192.0.2.1', now)).ok).toBe(true);
		expect((await lockedAccounts(t.db, admin, now)).map((a) => a.email)).toEqual(['expert@yizhen.example']);
		const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'user.unlock'));
		expect(audit).toMatchObject({ objectKind: 'user', objectId: target.id, actorName: '系统管理员', summary: `解除 周晓梅（${TARGET}）的登录锁定` });
	});

	it('refuses anyone but an admin with 403, and leaves the lock on', async () => {
		const target = (await t.db.select().from(users).where(eq(users.email, TARGET)).get())!;
		await lockEverywhere(TARGET);
		const self = await actorFor(TARGET);
		await expect(unlockAccount(t.db, organizer, target.id, at(60_000))).rejects.toMatchObject({ status: 403 });
		await expect(unlockAccount(t.db, self, target.id, at(60_000))).rejects.toMatchObject({ status: 403 });
		await expect(lockedAccounts(t.db, organizer, at(60_000))).rejects.toMatchObject({ status: 403 });
		expect(await loginLockedUntil(t.db, TARGET, '192.0.2.1', at(60_000))).not.toBeNull();
		expect(await t.db.select().from(auditLog).where(eq(auditLog.action, 'user.unlock'))).toHaveLength(0);
		await expect(unlockAccount(t.db, admin, 'no-such-user', at(60_000))).rejects.toMatchObject({ status: 404 });
	});
});
