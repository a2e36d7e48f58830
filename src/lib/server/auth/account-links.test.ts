import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { auditLog, memberships, outboxMessages, sessions, users } from '../db/schema';
import { deliverDue } from '../notify/worker';
import { listMailbox } from '../notify/outbox';
import { mailboxTransport } from '../notify/transport';
import { demoId } from '../seed/seed-demo';
import { type TestDb } from '../testing/test-db';
import { checkAccountLink, inviteUser, requestPasswordReset, RESET_LIFETIME_MS, setPasswordWithLink } from './account-links';
import type { Actor } from './policy';
import { createSession } from './sessions';
import { generateToken } from './tokens';
import { loadActor, signIn } from './users';
import { createDemoDb } from '../testing/demo-db';

let t: TestDb;
/** 周晓梅, organizer of 区人民医院 and its centers. */
let organizer: Actor;
beforeEach(async () => {
	t = await createDemoDb('2026-11-25');
	organizer = await actorFor('organizer@yizhen.example');
});
afterEach(() => t.cleanup());

async function actorFor(email: string): Promise<Actor> {
	const user = (await t.db.select().from(users).where(eq(users.email, email)).get())!;
	return loadActor(t.db, user);
}

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

	it('refuses an organizer of 陈家桥医院 inviting into 区人民医院 (or as its expert) with 403, and saves nothing', async () => {
		const cjq = await actorFor('organizer.cjq@yizhen.example');
		await expect(
			inviteUser(t.db, cjq, { email: 'intruder@example.com', name: '某某', role: 'organizer', organizationId: demoId('org:rm') })
		).rejects.toMatchObject({ status: 403 });
		await expect(
			inviteUser(t.db, cjq, { email: 'intruder@example.com', name: '某某', role: 'volunteer', organizationId: demoId('org:xinqiao') })
		).rejects.toMatchObject({ status: 403 });
		// The expert's hospital decides, whatever organization the form also carried.
		await expect(
			inviteUser(t.db, cjq, { email: 'intruder@example.com', name: '某某', role: 'expert', expertId: demoId('expert:yangfan'), organizationId: demoId('org:cjq') })
		).rejects.toMatchObject({ status: 403 });
		expect(await t.db.select().from(users).where(eq(users.email, 'intruder@example.com'))).toHaveLength(0);
		expect(await t.db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, 'intruder@example.com'))).toHaveLength(0);

		// Their own hospital's center is theirs to invite into.
		await inviteUser(t.db, cjq, { email: 'helper@example.com', name: '帮手', role: 'volunteer', organizationId: demoId('org:jingkou') });
	});

	it('audits an invite under the organization of the invited role, never one the form named beside it', async () => {
		const admin = await actorFor('admin@yizhen.example');
		const volunteerId = await inviteUser(t.db, organizer, { email: 'v@example.com', name: '陈小雨', role: 'volunteer', organizationId: demoId('org:xinqiao') });
		// An expert of 区人民医院, with 陈家桥医院 left selected in the form's other field.
		const expertUserId = await inviteUser(t.db, admin, { email: 'yf@example.com', name: '杨帆', role: 'expert', expertId: demoId('expert:yangfan'), organizationId: demoId('org:cjq') });
		const audited = async (userId: string) =>
			(await t.db.select().from(auditLog).where(eq(auditLog.objectId, userId))).map((a) => ({ action: a.action, organizationId: a.organizationId, actor: a.actorName }));
		expect(await audited(volunteerId)).toEqual([{ action: 'user.invite', organizationId: demoId('org:xinqiao'), actor: '周晓梅' }]);
		expect(await audited(expertUserId)).toEqual([{ action: 'user.invite', organizationId: demoId('org:rm'), actor: '系统管理员' }]);
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
