/**
 * Private feed addresses. An expert's is random and can be rotated (the old one answers 404 at once);
 * a resident's is derived from their registration's manage token, so the manage page can show it
 * every time without storing anything secret beyond what the manage link already is.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../audit/audit';
import { assertCan, type Actor } from '../auth/policy';
import { loadOrgTree, scopedObject } from '../auth/scope';
import { generateToken } from '../auth/tokens';
import type { Db, DbOrTx } from '../db/client';
import { calendarFeedTokens } from '../db/schema';
import { dm } from '../../i18n/domain';

/** 160 bits in base32 (32 characters): what generateToken and calendarTokenOf both give. */
const TOKEN_SHAPE = /^[a-z2-7]{32}$/;

export interface FeedSubject {
	kind: 'expert' | 'resident';
	subjectId: string;
}

/** The subject a live token opens, or null for a malformed, unknown, rotated or revoked one. */
export async function resolveFeedToken(db: DbOrTx, token: string): Promise<FeedSubject | null> {
	if (!TOKEN_SHAPE.test(token)) return null;
	const row = await db
		.select({ kind: calendarFeedTokens.kind, subjectId: calendarFeedTokens.subjectId })
		.from(calendarFeedTokens)
		.where(and(eq(calendarFeedTokens.token, token), isNull(calendarFeedTokens.revokedAt)))
		.get();
	return row ?? null;
}

/** The expert's live private address, for their own page only: it is a secret, as issuing one is. */
export async function currentExpertFeedToken(db: DbOrTx, actor: Actor, expertId: string): Promise<string | null> {
	await assertManagesOwnFeed(db, actor, expertId);
	const row = await db
		.select({ token: calendarFeedTokens.token })
		.from(calendarFeedTokens)
		.where(and(eq(calendarFeedTokens.kind, 'expert'), eq(calendarFeedTokens.subjectId, expertId), isNull(calendarFeedTokens.revokedAt)))
		.get();
	return row?.token ?? null;
}

/**
 * The address is the expert's own secret: only they (or an admin) may issue or stop it. An organizer of
 * their hospital may not: no console page ever offered it, and issuing one would hand them a secret
 * that opens the expert's private calendar.
 */
async function assertManagesOwnFeed(db: DbOrTx, actor: Actor, expertId: string): Promise<void> {
	assertCan(actor, 'feed:manage-own', await scopedObject(db, await loadOrgTree(db), 'expert', expertId));
}

/**
 * A new address for the expert's feed; any previous one stops working in the same transaction.
 * `replaced` says whether there was one, so the page can say 更换 rather than 生成.
 */
export async function rotateExpertFeedToken(db: Db, actor: Actor, expertId: string, now = new Date()): Promise<{ token: string; replaced: boolean }> {
	const token = generateToken();
	return db.transaction(async (tx) => {
		await assertManagesOwnFeed(tx, actor, expertId);
		const revoked = await tx
			.update(calendarFeedTokens)
			.set({ revokedAt: now })
			.where(and(eq(calendarFeedTokens.kind, 'expert'), eq(calendarFeedTokens.subjectId, expertId), isNull(calendarFeedTokens.revokedAt)));
		await tx.insert(calendarFeedTokens).values({ token, kind: 'expert', subjectId: expertId, createdAt: now });
		await recordAudit(
			tx,
			actor,
			{
				action: 'expert.feed-token',
				objectKind: 'expert',
				objectId: expertId,
				summary: revoked.rowsAffected > 0 ? dm.feeds.audit.tokenReplaced : dm.feeds.audit.tokenCreated
			},
			now
		);
		return { token, replaced: revoked.rowsAffected > 0 };
	});
}

/** Stops the expert's feed address without issuing a new one. */
export async function revokeExpertFeedToken(db: Db, actor: Actor, expertId: string, now = new Date()): Promise<void> {
	await db.transaction(async (tx) => {
		await assertManagesOwnFeed(tx, actor, expertId);
		await tx
			.update(calendarFeedTokens)
			.set({ revokedAt: now })
			.where(and(eq(calendarFeedTokens.kind, 'expert'), eq(calendarFeedTokens.subjectId, expertId), isNull(calendarFeedTokens.revokedAt)));
		await recordAudit(tx, actor, { action: 'expert.feed-token', objectKind: 'expert', objectId: expertId, summary: dm.feeds.audit.tokenRevoked }, now);
	});
}

/** Derived, one-way: knowing the calendar address does not give the manage link. */
export function calendarTokenOf(manageToken: string): string {
	return encodeBase32LowerCaseNoPadding(sha256(new TextEncoder().encode(`calendar:${manageToken}`))).slice(0, 32);
}

/** The resident's feed address for the registration the manage link opened; recorded on first use. */
export async function residentFeedToken(db: DbOrTx, registrationId: string, manageToken: string): Promise<string> {
	const token = calendarTokenOf(manageToken);
	await db.insert(calendarFeedTokens).values({ token, kind: 'resident', subjectId: registrationId }).onConflictDoNothing();
	return token;
}
