import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memberships, sessions, users } from '../db/schema';
import { deliverDue } from '../notify/worker';
import { listMailbox } from '../notify/outbox';
import { mailboxTransport } from '../notify/transport';
import { demoId, seedDemoData } from '../seed/seed-demo';
import { createTestDb, type TestDb } from '../testing/test-db';
import { checkAccountLink, inviteUser, requestPasswordReset, RESET_LIFETIME_MS, setPasswordWithLink } from './account-links';
import { createSession } from './sessions';
import { generateToken } from './tokens';
import { signIn } from './users';

const organizer = { userId: null, name: '周晓梅' };
let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
	await seedDemoData(t.db, { today: '2026-11-25' });
});
afterEach(() => t.cleanup());

/** The link in the newest mailbox message to `to`, after the worker has delivered it. */
async function linkMailedTo(to: string): Promise<string> {
	await deliverDue(t.db, mailboxTransport(), 'test');
	const [message] = await listMailbox(t.db, { to });
	const match = /token=([a-z0-9]+)/.exec(message!.textBody);
	return match![1]!;
}

describe('invitations', () => {
	it('creates the account and role, mails a single-use link that sets the password', async () => {
		await inviteUser(t.db, organizer, { email: 'New.Volunteer@Example.com', name: '陈小雨', role: 'volunteer', organizationId: demoId('org:rm') });
		const token = await linkMailedTo('new.volunteer@example.com');
		expect(await checkAccountLink(t.db, token)).toMatchObject({ purpose: 'invite', name: '陈小雨' });
		expect((await signIn(t.db, 'new.volunteer@example.com', 'whatever-password', '10.0.0.1')).ok).toBe(false);

		await setPasswordWithLink(t.db, token, 'a-good-long-password');
		expect((await signIn(t.db, 'new.volunteer@example.com', 'a-good-long-password', '10.0.0.1')).ok).toBe(true);
		await expect(setPasswordWithLink(t.db, token, 'another-long-password')).rejects.toMatchObject({ status: 400, field: 'form' });
		const user = (await t.db.select().from(users).where(eq(users.email, 'new.volunteer@example.com')).get())!;
		expect((await t.db.select().from(memberships).where(eq(memberships.userId, user.id))).map((m) => m.role)).toEqual(['volunteer']);
	});

	it('refuses a weak password with a reason, and keeps the link usable', async () => {
		await inviteUser(t.db, organizer, { email: 'x@example.com', name: '某某', role: 'expert', expertId: demoId('expert:yangfan') });
		const token = await linkMailedTo('x@example.com');
		await expect(setPasswordWithLink(t.db, token, 'short')).rejects.toMatchObject({ field: 'password' });
		expect(await checkAccountLink(t.db, token)).not.toBeNull();
	});
});

describe('password reset', () => {
	it('mails a link that expires after an hour and signs out every session when used', async () => {
		const now = new Date();
		const user = (await t.db.select().from(users).where(eq(users.email, 'organizer@yizhen.example')).get())!;
		await createSession(t.db, generateToken(), user.id);
		await requestPasswordReset(t.db, ' Organizer@yizhen.example ', now);
		const token = await linkMailedTo('organizer@yizhen.example');
		expect(await checkAccountLink(t.db, token, new Date(now.getTime() + RESET_LIFETIME_MS + 1))).toBeNull();
		await setPasswordWithLink(t.db, token, 'brand-new-password-1', now);
		expect(await t.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
		expect((await signIn(t.db, 'organizer@yizhen.example', 'yizhen-demo-2026', '10.0.0.2')).ok).toBe(false);
		expect((await signIn(t.db, 'organizer@yizhen.example', 'brand-new-password-1', '10.0.0.2')).ok).toBe(true);
	});

	it('links to the configured public address, whatever host the request came to', async () => {
		vi.stubEnv('ORIGIN', 'https://yizhen.example.org');
		try {
			await requestPasswordReset(t.db, 'organizer@yizhen.example');
			await deliverDue(t.db, mailboxTransport(), 'test');
			const [message] = await listMailbox(t.db, { to: 'organizer@yizhen.example' });
			expect(message!.textBody).toMatch(/^https:\/\/yizhen\.example\.org\/account\/set-password\?token=[a-z0-9]+$/m);
		} finally {
			vi.unstubAllEnvs();
		}
	});

	it('sends nothing for an address without an account, and says nothing different', async () => {
		await expect(requestPasswordReset(t.db, 'nobody@example.com')).resolves.toBeUndefined();
		await deliverDue(t.db, mailboxTransport(), 'test');
		expect(await listMailbox(t.db, { to: 'nobody@example.com' })).toHaveLength(0);
	});
});

describe('changing the password while signed in', () => {
	it('checks the current password and ends every session of the account', async () => {
		const { changePassword } = await import('./account-links');
		const user = (await t.db.select().from(users).where(eq(users.email, 'expert@yizhen.example')).get())!;
		await createSession(t.db, generateToken(), user.id);
		await createSession(t.db, generateToken(), user.id);
		await expect(changePassword(t.db, user.id, 'not-my-password', 'a-new-long-password')).rejects.toMatchObject({ field: 'current' });
		expect(await t.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(2);
		await changePassword(t.db, user.id, 'yizhen-demo-2026', 'a-new-long-password');
		expect(await t.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
		expect((await signIn(t.db, 'expert@yizhen.example', 'a-new-long-password', '10.0.0.3')).ok).toBe(true);
	});
});
