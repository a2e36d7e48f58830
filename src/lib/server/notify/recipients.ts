/**
 * Who may be written to. Each address has a one-click unsubscribe token (used in List-Unsubscribe),
 * and is blocked once its owner unsubscribes or a server refuses it for good, so a wrong address is
 * not retried forever and an unsubscribed person gets nothing further.
 */
import { eq, sql } from 'drizzle-orm';
import { generateToken } from '../auth/tokens';
import type { DbOrTx } from '../db/client';
import { mailRecipients } from '../db/schema';
import { publicOrigin } from '../public-url';

export interface Recipient {
	email: string;
	unsubscribeToken: string;
	blocked: boolean;
}

export async function recipientFor(db: DbOrTx, emailInput: string): Promise<Recipient> {
	const email = emailInput.trim().toLowerCase();
	await db.insert(mailRecipients).values({ email, unsubscribeToken: generateToken() }).onConflictDoNothing();
	const row = (await db.select().from(mailRecipients).where(eq(mailRecipients.email, email)).get())!;
	return { email, unsubscribeToken: row.unsubscribeToken, blocked: row.unsubscribedAt !== null || row.bouncedAt !== null };
}

/** RFC 2369 and RFC 8058 headers: mail apps show an unsubscribe button that works in one click. */
export function unsubscribeHeaders(recipient: Recipient): Record<string, string> {
	return {
		'List-Unsubscribe': `<${publicOrigin()}/unsubscribe/${recipient.unsubscribeToken}>`,
		'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click'
	};
}

/** Returns the address unsubscribed, or null for an unknown token. Unsubscribing twice is fine. */
export async function unsubscribe(db: DbOrTx, token: string, now = new Date()): Promise<string | null> {
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	const row = await db.select().from(mailRecipients).where(eq(mailRecipients.unsubscribeToken, token)).get();
	if (!row) return null;
	if (!row.unsubscribedAt) await db.update(mailRecipients).set({ unsubscribedAt: now }).where(eq(mailRecipients.email, row.email));
	return row.email;
}

export async function markBounced(db: DbOrTx, emailInput: string, reason: string, now = new Date()): Promise<void> {
	const email = emailInput.trim().toLowerCase();
	await db
		.insert(mailRecipients)
		.values({ email, unsubscribeToken: generateToken(), bouncedAt: now, bounceReason: reason.slice(0, 300) })
		.onConflictDoUpdate({ target: mailRecipients.email, set: { bouncedAt: sql`coalesce(${mailRecipients.bouncedAt}, ${now.getTime()})`, bounceReason: reason.slice(0, 300) } });
}

/** The address behind a token, masked for the confirmation page (w***@example.com); null if unknown. */
export async function describeUnsubscribe(db: DbOrTx, token: string): Promise<{ masked: string; unsubscribed: boolean } | null> {
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	const row = await db.select().from(mailRecipients).where(eq(mailRecipients.unsubscribeToken, token)).get();
	if (!row) return null;
	const [local = '', domain = ''] = row.email.split('@');
	return { masked: `${local.slice(0, 1)}***@${domain}`, unsubscribed: row.unsubscribedAt !== null };
}
