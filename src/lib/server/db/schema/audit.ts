/** The audit log: who changed what, before and after. */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';

/** Who changed what, when, and what it was before and after. Never updated, never deleted. */
export const auditLog = sqliteTable(
	'audit_log',
	{
		id: text().primaryKey(),
		at: integer({ mode: 'timestamp_ms' }).notNull(),
		/** Null for the system (the demo seed, an import run by a script). */
		actorUserId: text().references(() => users.id),
		actorName: text().notNull(),
		/** e.g. rotation.create, sitting.cancel, leave.approve, expert.update */
		action: text().notNull(),
		objectKind: text().notNull(),
		objectId: text().notNull(),
		/** The organization that owns the object, so organizers see the log of their subtree only. */
		organizationId: text(),
		before: text({ mode: 'json' }).$type<Record<string, unknown> | null>(),
		after: text({ mode: 'json' }).$type<Record<string, unknown> | null>(),
		/** One line in Chinese for the object's page, e.g. 停诊 12月3日 周四 上午：专家外出培训 */
		summary: text().notNull()
	},
	(t) => [index('audit_object_idx').on(t.objectKind, t.objectId, t.at), index('audit_org_idx').on(t.organizationId, t.at)]
);
