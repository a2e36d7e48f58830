/**
 * The audit log: every change to rotations, sittings, leave and people records who, when, and what it
 * was before and after. Written inside the caller's transaction, so a change and its record commit or
 * fail together.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { auditLog } from '../db/schema';
import { formatDateTime } from '../../format/dates';
import { newId } from '../ids';
import { dm } from '../../i18n/domain';

/** Who is acting: a signed-in user, or the system (seed, scripts). */
export interface AuditActor {
	userId: string | null;
	name: string;
}

export const SYSTEM_ACTOR: AuditActor = { userId: null, name: dm.audit.labels.system };

export interface AuditEntry {
	action: string;
	objectKind: string;
	objectId: string;
	organizationId?: string | null;
	before?: Record<string, unknown> | null;
	after?: Record<string, unknown> | null;
	summary: string;
}

/** Returns the entry's id, for a page that shows what one change did (the sitting page's notice). */
export async function recordAudit(db: DbOrTx, actor: AuditActor, entry: AuditEntry, now = new Date()): Promise<string> {
	const id = newId();
	await db.insert(auditLog).values({
		id,
		at: now,
		actorUserId: actor.userId,
		actorName: actor.name,
		action: entry.action,
		objectKind: entry.objectKind,
		objectId: entry.objectId,
		organizationId: entry.organizationId ?? null,
		before: entry.before ?? null,
		after: entry.after ?? null,
		summary: entry.summary
	});
	return id;
}

/**
 * The entry for an edit of an object's own fields (`<kind>.update`): only the fields that changed,
 * before and after, passed through `shown` (which hides what the log must not keep), and their names
 * for `summary` to list.
 */
export function editedEntry(
	objectKind: string,
	objectId: string,
	organizationId: string,
	current: object,
	next: Record<string, unknown>,
	summary: (changed: string[]) => string,
	shown: (fields: Record<string, unknown>) => Record<string, unknown> = (fields) => fields
): AuditEntry {
	const diff = changedFields(current as Record<string, unknown>, next);
	return {
		action: `${objectKind}.update`,
		objectKind,
		objectId,
		organizationId,
		before: shown(diff.before),
		after: shown(diff.after),
		summary: summary(Object.keys(diff.after))
	};
}

/**
 * The entry for switching an object off or back on (soft deactivation keeps what history refers to):
 * `<kind>.deactivate` or `<kind>.activate`, with the flag before and after.
 */
export function activeChangedEntry(
	objectKind: string,
	current: { id: string; organizationId: string; active: boolean },
	active: boolean,
	summary: string
): AuditEntry {
	return {
		action: `${objectKind}.${active ? 'activate' : 'deactivate'}`,
		objectKind,
		objectId: current.id,
		organizationId: current.organizationId,
		before: { active: current.active },
		after: { active },
		summary
	};
}

export async function auditTrail(db: DbOrTx, objectKind: string, objectId: string, limit = 50) {
	return db
		.select()
		.from(auditLog)
		.where(and(eq(auditLog.objectKind, objectKind), eq(auditLog.objectId, objectId)))
		.orderBy(desc(auditLog.at))
		.limit(limit);
}

/** An object's trail as its page shows it: `11月25日 14:05 周晓梅：停诊 …`. */
export async function auditTrailView(db: DbOrTx, objectKind: string, objectId: string) {
	return (await auditTrail(db, objectKind, objectId)).map((t) => ({ id: t.id, at: formatDateTime(t.at), who: t.actorName, summary: t.summary }));
}

/** Only the fields that changed, for a readable before/after. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
	const b: Record<string, unknown> = {};
	const a: Record<string, unknown> = {};
	for (const key of Object.keys(after)) {
		if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
			b[key] = before[key];
			a[key] = after[key];
		}
	}
	return { before: b, after: a };
}
