/**
 * Sessions after the Lucia guide: the cookie holds a random token, the database only its SHA-256;
 * a session lasts 30 days and is extended when used in its second half (sliding expiry).
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { sessions, users } from '../db/schema';
import { hashToken } from './tokens';

export const SESSION_COOKIE = 'yz_session';
const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;

export interface Session {
	id: string;
	userId: string;
	expiresAt: Date;
}

export interface SessionUser {
	id: string;
	email: string;
	name: string;
	isAdmin: boolean;
}

export async function createSession(db: DbOrTx, token: string, userId: string, now = new Date()): Promise<Session> {
	const session: Session = { id: hashToken(token), userId, expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS) };
	await db.insert(sessions).values(session);
	return session;
}

export type SessionValidation = { session: Session; user: SessionUser; renewed: boolean } | null;

/** The session and user for a cookie token, or null; extends the session when half its life is used. */
export async function validateSessionToken(db: DbOrTx, token: string, now = new Date()): Promise<SessionValidation> {
	const id = hashToken(token);
	const row = await db
		.select({
			id: sessions.id,
			userId: sessions.userId,
			expiresAt: sessions.expiresAt,
			email: users.email,
			name: users.name,
			isAdmin: users.isAdmin,
			active: users.active
		})
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(eq(sessions.id, id))
		.get();
	if (!row) return null;
	if (now.getTime() >= row.expiresAt.getTime() || !row.active) {
		await db.delete(sessions).where(eq(sessions.id, id));
		return null;
	}
	let expiresAt = row.expiresAt;
	let renewed = false;
	if (now.getTime() >= expiresAt.getTime() - SESSION_LIFETIME_MS / 2) {
		expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
		await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id));
		renewed = true;
	}
	return {
		session: { id, userId: row.userId, expiresAt },
		user: { id: row.userId, email: row.email, name: row.name, isAdmin: row.isAdmin },
		renewed
	};
}

export async function invalidateSession(db: DbOrTx, sessionId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function invalidateAllSessionsOfUser(db: DbOrTx, userId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.userId, userId));
}
