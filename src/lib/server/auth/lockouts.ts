/**
 * The admin's side of the sign-in limits (throttle.ts): which accounts cannot sign in now, and
 * unlocking one once the owner has been reached. Guessers spread over many addresses can still lock
 * an account through the account-wide ceiling; this is how its owner gets back in before it ends.
 */
import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import { formatDateTime } from '../../format/dates';
import { m } from '../../i18n';
import { recordAudit } from '../audit/audit';
import type { Db, DbOrTx } from '../db/client';
import { loginFailures, users } from '../db/schema';
import { notFound } from '../errors';
import { Forbidden, type Actor } from './policy';
import { accountLockStart, ACCOUNT_LOCK_MS, clearAccountFailures, PAIR_MEMORY_MS, pairLockedUntil } from './throttle';

export interface LockedAccount {
	userId: string;
	name: string;
	email: string;
	/** When the last of its locks ends, as people read it: `11月25日 14:05`. */
	until: string;
	/** Locked from every address (the account-wide ceiling), not only from the addresses that guessed. */
	everywhere: boolean;
	/** Addresses the account is locked from, when not everywhere. */
	addresses: number;
}

function assertAdmin(actor: Actor): void {
	if (!actor.isAdmin) throw new Forbidden();
}

/** Rows whose key starts with `prefix` (`pair:`, `lock:`); `;` sorts right after `:`. */
const keysStartingWith = (prefix: string) => and(gte(loginFailures.key, prefix), lt(loginFailures.key, `${prefix.slice(0, -1)};`));

/** Accounts that cannot sign in now from everywhere or from some address, for the admin. */
export async function lockedAccounts(db: DbOrTx, actor: Actor, now = new Date()): Promise<LockedAccount[]> {
	assertAdmin(actor);
	const locks = new Map<string, { until: Date; everywhere: boolean; addresses: number }>();
	const note = (email: string, until: Date, everywhere: boolean) => {
		const seen = locks.get(email) ?? { until, everywhere: false, addresses: 0 };
		locks.set(email, {
			until: until > seen.until ? until : seen.until,
			everywhere: seen.everywhere || everywhere,
			addresses: seen.addresses + (everywhere ? 0 : 1)
		});
	};

	const accountLocks = await db
		.select({ key: loginFailures.key, at: loginFailures.at })
		.from(loginFailures)
		.where(and(keysStartingWith('lock:'), gte(loginFailures.at, new Date(now.getTime() - ACCOUNT_LOCK_MS))));
	for (const row of accountLocks) note(row.key.slice('lock:'.length), new Date(row.at.getTime() + ACCOUNT_LOCK_MS), true);

	const pairFailures = await db
		.select({ key: loginFailures.key, at: loginFailures.at })
		.from(loginFailures)
		.where(and(keysStartingWith('pair:'), gte(loginFailures.at, new Date(now.getTime() - PAIR_MEMORY_MS))))
		.orderBy(asc(loginFailures.key), asc(loginFailures.at));
	const byPair = Map.groupBy(pairFailures, (row) => row.key);
	for (const [key, rows] of byPair) {
		const until = pairLockedUntil(rows.map((r) => r.at), now);
		// Addresses never contain `|`; an email might.
		if (until) note(key.slice('pair:'.length, key.lastIndexOf('|')), until, false);
	}

	if (locks.size === 0) return [];
	const accounts = await db
		.select({ id: users.id, name: users.name, email: users.email })
		.from(users)
		.where(inArray(users.email, [...locks.keys()]))
		.orderBy(asc(users.email));
	return accounts.map((a) => {
		const lock = locks.get(a.email)!;
		return { userId: a.id, name: a.name, email: a.email, until: formatDateTime(lock.until), everywhere: lock.everywhere, addresses: lock.everywhere ? 0 : lock.addresses };
	});
}

/** Lifts every sign-in limit on one account (not on the addresses that guessed) and audits it. */
export async function unlockAccount(db: Db, actor: Actor, userId: string, now = new Date()): Promise<{ email: string }> {
	assertAdmin(actor);
	return db.transaction(async (tx) => {
		const user = await tx.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, userId)).get();
		if (!user) throw notFound(m.console.people.accountNotFound);
		const lockStart = await accountLockStart(tx, user.email);
		await clearAccountFailures(tx, user.email);
		await recordAudit(
			tx,
			actor,
			{
				action: 'user.unlock',
				objectKind: 'user',
				objectId: user.id,
				before: lockStart ? { lockedAt: lockStart.toISOString() } : null,
				summary: m.console.people.unlockedAudit(user.name, user.email)
			},
			now
		);
		return { email: user.email };
	});
}
