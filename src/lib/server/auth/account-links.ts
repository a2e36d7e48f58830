/**
 * Invitations and password resets: a single-use, expiring link mailed through the outbox. The link
 * carries a random token; the database keeps only its SHA-256, so a leaked table opens nothing.
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit/audit';
import type { Db } from '../db/client';
import { experts, memberships, organizations, users, userTokens } from '../db/schema';
import { conflict, invalid } from '../errors';
import { newId } from '../ids';
import { enqueueMail } from '../notify/outbox';
import { publicOrigin } from '../public-url';
import { parseOrThrow } from '../validation';
import { hashPassword, passwordProblem, verifyPasswordHash } from './password';
import { assertCan, type Actor } from './policy';
import { loadOrgTree } from './scope';
import { invalidateAllSessionsOfUser } from './sessions';
import { clearAccountFailures } from './throttle';
import { generateToken, hashToken } from './tokens';
import { normalizeEmail } from './users';
import { singleLineText } from '../text/single-line';
import { dm } from '../../i18n/domain';

export const INVITE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
export const RESET_LIFETIME_MS = 60 * 60 * 1000;

export const Invitation = z
	.object({
		email: z.string().trim().min(1, dm.auth.fields.emailRequired).email(dm.auth.fields.emailInvalid),
		name: singleLineText(dm.auth.fields.name).min(1, dm.auth.fields.nameRequired).max(40, dm.auth.fields.nameMax),
		role: z.enum(['organizer', 'volunteer', 'expert'], { message: dm.auth.fields.chooseRole }),
		organizationId: z.string().optional(),
		expertId: z.string().optional()
	})
	.refine((i) => i.role === 'expert' || Boolean(i.organizationId), { message: dm.auth.fields.chooseOrganization, path: ['organizationId'] })
	.refine((i) => i.role !== 'expert' || Boolean(i.expertId), { message: dm.auth.fields.chooseExpert, path: ['expertId'] });
export type Invitation = z.input<typeof Invitation>;

function linkMail(kind: 'invite' | 'reset', to: string, name: string, url: string, inviter?: string) {
	const subject = kind === 'invite' ? dm.auth.mail.inviteSubject : dm.auth.mail.resetSubject;
	const lead =
		kind === 'invite'
			? dm.auth.mail.inviteLead(name, inviter ?? dm.auth.mail.defaultInviter)
			: dm.auth.mail.resetLead(name);
	const tail = kind === 'invite' ? dm.auth.mail.inviteTail : dm.auth.mail.resetTail;
	return { kind, to, toName: name, subject, text: dm.auth.mail.body(lead, url, tail) };
}

/** The link's host is the configured public address, never the request's: a forged Host cannot redirect it. */
const setPasswordLink = (token: string) => `${publicOrigin()}/account/set-password?token=${token}`;

/**
 * Creates the account (without a password) and its role, and mails a link to set the password, in
 * one transaction. Inviting an existing account adds the role and mails a fresh link.
 *
 * The role belongs to one organization: the one chosen for an organizer or volunteer, the expert's
 * own hospital for an expert (the form's organization field is then ignored, as the membership
 * ignores it). The inviter must organize that organization or one above it, and the audit record is
 * filed under it, so its organizers see who joined.
 */
export async function inviteUser(db: Db, actor: Actor, input: Invitation, now = new Date()): Promise<string> {
	const invitation = parseOrThrow(Invitation, input);
	const email = normalizeEmail(invitation.email);
	return db.transaction(async (tx) => {
		let roleOrganizationId: string;
		let expertId: string | null = null;
		if (invitation.role === 'expert') {
			const expert = await tx.select({ id: experts.id, organizationId: experts.organizationId }).from(experts).where(eq(experts.id, invitation.expertId!)).get();
			if (!expert) throw invalid(dm.auth.errors.expertNotFound, 'expertId');
			roleOrganizationId = expert.organizationId;
			expertId = expert.id;
		} else {
			const org = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, invitation.organizationId!)).get();
			if (!org) throw invalid(dm.auth.errors.organizationNotFound, 'organizationId');
			roleOrganizationId = org.id;
		}
		const tree = await loadOrgTree(tx);
		assertCan(actor, 'user:invite', { kind: expertId ? 'expert' : 'organization', orgPath: tree.pathOf(roleOrganizationId), expertId });
		let user = await tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.email, email)).get();
		if (!user) {
			user = { id: newId(), name: invitation.name };
			await tx.insert(users).values({ id: user.id, email, name: invitation.name });
		}
		const inserted = await tx
			.insert(memberships)
			.values({
				id: newId(),
				userId: user.id,
				role: invitation.role,
				organizationId: expertId ? null : roleOrganizationId,
				expertId
			})
			.onConflictDoNothing()
			.returning({ id: memberships.id });
		if (inserted.length === 0) throw conflict(dm.auth.errors.roleAlreadyHeld, 'email');
		const token = generateToken();
		await tx.insert(userTokens).values({ id: hashToken(token), userId: user.id, purpose: 'invite', expiresAt: new Date(now.getTime() + INVITE_LIFETIME_MS) });
		await enqueueMail(tx, linkMail('invite', email, user.name, setPasswordLink(token), actor.name), now);
		await recordAudit(tx, actor, {
			action: 'user.invite',
			objectKind: 'user',
			objectId: user.id,
			organizationId: roleOrganizationId,
			after: { email, role: invitation.role, ...(expertId ? { expertId } : { organizationId: roleOrganizationId }) },
			summary: dm.auth.audit.invited(user.name, email)
		});
		return user.id;
	});
}

/**
 * Mails a reset link when the address belongs to an active account. Says nothing either way, so the
 * form cannot be used to find out who has an account.
 */
export async function requestPasswordReset(db: Db, emailInput: string, now = new Date()): Promise<void> {
	const email = normalizeEmail(emailInput);
	await db.transaction(async (tx) => {
		const user = await tx.select({ id: users.id, name: users.name, active: users.active }).from(users).where(eq(users.email, email)).get();
		if (!user || !user.active) return;
		const token = generateToken();
		await tx.insert(userTokens).values({ id: hashToken(token), userId: user.id, purpose: 'reset', expiresAt: new Date(now.getTime() + RESET_LIFETIME_MS) });
		await enqueueMail(tx, linkMail('reset', email, user.name, setPasswordLink(token)), now);
	});
}

/** Whether a link is still usable (for the form page), without using it. */
export async function checkAccountLink(db: Db, token: string, now = new Date()) {
	const row = await db
		.select({ purpose: userTokens.purpose, email: users.email, name: users.name })
		.from(userTokens)
		.innerJoin(users, eq(users.id, userTokens.userId))
		.where(and(eq(userTokens.id, hashToken(token)), isNull(userTokens.usedAt), gt(userTokens.expiresAt, now)))
		.get();
	return row ?? null;
}

export const LINK_EXPIRED = dm.auth.errors.linkExpired;

/**
 * Sets the password through a link, once; every existing session of the account is signed out and
 * any sign-in lock on it is lifted (the login page offers 忘记密码 as the way past a lock).
 */
export async function setPasswordWithLink(db: Db, token: string, password: string, now = new Date()): Promise<string> {
	return db.transaction(async (tx) => {
		const id = hashToken(token);
		const row = await tx
			.select({ userId: userTokens.userId, email: users.email })
			.from(userTokens)
			.innerJoin(users, eq(users.id, userTokens.userId))
			.where(and(eq(userTokens.id, id), isNull(userTokens.usedAt), gt(userTokens.expiresAt, now)))
			.get();
		if (!row) throw invalid(LINK_EXPIRED, 'form');
		const problem = passwordProblem(password, row.email);
		if (problem) throw invalid(problem, 'password');
		// Claim the token first: of two concurrent uses only one updates a row.
		const claimed = await tx.update(userTokens).set({ usedAt: now }).where(and(eq(userTokens.id, id), isNull(userTokens.usedAt)));
		if (claimed.rowsAffected === 0) throw invalid(LINK_EXPIRED, 'form');
		await tx.update(users).set({ passwordHash: await hashPassword(password) }).where(eq(users.id, row.userId));
		await invalidateAllSessionsOfUser(tx, row.userId);
		// Whoever opened the mailbox link is the owner: a lock from someone's guessing no longer keeps them out.
		await clearAccountFailures(tx, row.email);
		return row.userId;
	});
}

/**
 * A signed-in user changes their password: the current one is checked, every session of the account
 * ends (a stolen session dies with the old password), and the caller opens a fresh one.
 */
export async function changePassword(db: Db, userId: string, current: string, next: string): Promise<void> {
	await db.transaction(async (tx) => {
		const user = await tx.select({ email: users.email, passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).get();
		if (!user || !user.passwordHash || !(await verifyPasswordHash(user.passwordHash, current))) throw invalid(dm.auth.errors.wrongCurrentPassword, 'current');
		const problem = passwordProblem(next, user.email);
		if (problem) throw invalid(problem, 'password');
		if (next === current) throw invalid(dm.auth.errors.samePassword, 'password');
		await tx.update(users).set({ passwordHash: await hashPassword(next) }).where(eq(users.id, userId));
		await invalidateAllSessionsOfUser(tx, userId);
	});
}
