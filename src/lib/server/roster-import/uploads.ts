/**
 * The sheet an organizer checked, kept server-side for the import that follows, so they need not
 * choose the file again: a file input cannot be pre-filled, and the page works without JavaScript.
 * The page holds a random token; the database holds its SHA-256, the uploader and the bytes. Only the
 * uploader can use it, for UPLOAD_MINUTES.
 */
import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Actor } from '../auth/policy';
import { generateToken, hashToken } from '../auth/tokens';
import type { DbOrTx } from '../db/client';
import { rosterUploads } from '../db/schema';
import { notFound } from '../errors';
import { assertMayImport } from './access';
import { dm } from '../../i18n/domain';

export const UPLOAD_MINUTES = 30;
/** An organizer checking several sheets in turn keeps this many; older ones are dropped. */
const KEPT_PER_USER = 5;

export const UPLOAD_MISSING = dm.rosterImport.upload.missing;
export const UPLOAD_EXPIRED = dm.rosterImport.upload.expired(UPLOAD_MINUTES);

export interface KeptUpload {
	bytes: Uint8Array;
	filename: string;
}

/** Keeps the sheet for its uploader; returns the token that fetches it back. */
export async function keepUpload(db: DbOrTx, actor: Actor, upload: KeptUpload, now = new Date()): Promise<string> {
	assertMayImport(actor);
	const token = generateToken();
	await db.delete(rosterUploads).where(lt(rosterUploads.expiresAt, now));
	const kept = await db
		.select({ id: rosterUploads.id })
		.from(rosterUploads)
		.where(eq(rosterUploads.userId, actor.userId))
		.orderBy(desc(rosterUploads.createdAt));
	const older = kept.slice(KEPT_PER_USER - 1).map((r) => r.id);
	if (older.length > 0) await db.delete(rosterUploads).where(inArray(rosterUploads.id, older));
	await db.insert(rosterUploads).values({
		id: hashToken(token),
		userId: actor.userId,
		filename: upload.filename,
		bytes: Buffer.from(upload.bytes),
		expiresAt: new Date(now.getTime() + UPLOAD_MINUTES * 60_000),
		createdAt: now
	});
	return token;
}

/**
 * The sheet behind a token, for the user who uploaded it. Another user's token is as unknown as a
 * made-up one (404); an expired one is deleted and says so.
 */
export async function loadUpload(db: DbOrTx, actor: Actor, token: string, now = new Date()): Promise<KeptUpload> {
	assertMayImport(actor);
	const row = await db
		.select()
		.from(rosterUploads)
		.where(and(eq(rosterUploads.id, hashToken(token)), eq(rosterUploads.userId, actor.userId)))
		.get();
	if (!row) throw notFound(UPLOAD_MISSING);
	if (row.expiresAt <= now) {
		await db.delete(rosterUploads).where(eq(rosterUploads.id, row.id));
		throw notFound(UPLOAD_EXPIRED);
	}
	return { bytes: new Uint8Array(row.bytes), filename: row.filename };
}

/** Once imported, the sheet is not kept: importing it again means choosing it again. */
export async function dropUpload(db: DbOrTx, actor: Actor, token: string): Promise<void> {
	assertMayImport(actor);
	await db.delete(rosterUploads).where(and(eq(rosterUploads.id, hashToken(token)), eq(rosterUploads.userId, actor.userId)));
}
