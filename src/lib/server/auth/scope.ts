/**
 * Where objects sit in the 医共体 tree, for the policy: every object an organizer touches is resolved
 * to its owning organization's path (owner first, root last) from the database, never from the form.
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { events, expertLeaves, experts, organizations, questionnaires, rotations, sites, surveys } from '../db/schema';
import { notFound } from '../errors';
import { assertCan, type Action, type Actor, type ScopedKind, type ScopedObject } from './policy';
import { parseSittingId } from '../../sitting-id';
import { dm } from '../../i18n/domain';

export interface OrgTree {
	pathOf(orgId: string): string[];
	/** The organization and every organization below it. */
	subtreeOf(orgId: string): Set<string>;
}

export async function loadOrgTree(db: DbOrTx): Promise<OrgTree> {
	const rows = await db.select({ id: organizations.id, parentId: organizations.parentId }).from(organizations);
	const parent = new Map(rows.map((r) => [r.id, r.parentId]));
	const children = new Map<string, string[]>();
	for (const r of rows) if (r.parentId) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r.id]);
	return {
		pathOf(orgId) {
			const path: string[] = [];
			// The guard stops a corrupted tree with a cycle from looping forever.
			for (let id: string | null | undefined = orgId; id && path.length < 64; id = parent.get(id)) path.push(id);
			return path;
		},
		subtreeOf(orgId) {
			const found = new Set<string>();
			const queue = [orgId];
			while (queue.length) {
				const id = queue.pop()!;
				if (found.has(id)) continue;
				found.add(id);
				queue.push(...(children.get(id) ?? []));
			}
			return found;
		}
	};
}

/** The organizations an actor organizes, with everything below them; null means all (an admin). */
export function organizedOrgIds(actor: Actor, tree: OrgTree): Set<string> | null {
	if (actor.isAdmin) return null;
	const all = new Set<string>();
	for (const id of actor.organizerOf) for (const member of tree.subtreeOf(id)) all.add(member);
	return all;
}

async function owningOrganization(db: DbOrTx, kind: ScopedKind, id: string): Promise<{ orgId: string; expertId: string | null } | null> {
	switch (kind) {
		case 'organization':
			return (await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, id)).get())
				? { orgId: id, expertId: null }
				: null;
		case 'site': {
			const row = await db.select({ orgId: sites.organizationId }).from(sites).where(eq(sites.id, id)).get();
			return row ? { orgId: row.orgId, expertId: null } : null;
		}
		case 'expert': {
			const row = await db.select({ orgId: experts.organizationId }).from(experts).where(eq(experts.id, id)).get();
			return row ? { orgId: row.orgId, expertId: id } : null;
		}
		case 'rotation':
		case 'sitting': {
			// A sitting belongs to its rotation's site.
			const rotationId = kind === 'sitting' ? parseSittingId(id)?.rotationId : id;
			if (!rotationId) return null;
			const row = await db
				.select({ orgId: sites.organizationId, expertId: rotations.expertId })
				.from(rotations)
				.innerJoin(sites, eq(sites.id, rotations.siteId))
				.where(eq(rotations.id, rotationId))
				.get();
			return row ? { orgId: row.orgId, expertId: row.expertId } : null;
		}
		case 'leave': {
			const row = await db
				.select({ orgId: experts.organizationId, expertId: experts.id })
				.from(expertLeaves)
				.innerJoin(experts, eq(experts.id, expertLeaves.expertId))
				.where(eq(expertLeaves.id, id))
				.get();
			return row ? { orgId: row.orgId, expertId: row.expertId } : null;
		}
		case 'event': {
			const row = await db.select({ orgId: events.organizationId }).from(events).where(eq(events.id, id)).get();
			return row ? { orgId: row.orgId, expertId: null } : null;
		}
		case 'survey': {
			const row = await db.select({ orgId: surveys.organizationId }).from(surveys).where(eq(surveys.id, id)).get();
			return row ? { orgId: row.orgId, expertId: null } : null;
		}
		case 'questionnaire': {
			const row = await db.select({ orgId: questionnaires.organizationId }).from(questionnaires).where(eq(questionnaires.id, id)).get();
			return row ? { orgId: row.orgId, expertId: null } : null;
		}
	}
}

/** The object as the policy sees it; a 404 when it does not exist. */
export async function scopedObject(db: DbOrTx, tree: OrgTree, kind: ScopedKind, id: string): Promise<ScopedObject> {
	const owner = await owningOrganization(db, kind, id);
	if (!owner) throw notFound(dm.auth.errors.targetNotFound);
	return { kind, orgPath: tree.pathOf(owner.orgId), expertId: owner.expertId };
}

/**
 * The one gate routes call before touching an object: resolves it from the database and asks the
 * policy. Throws 404 for a missing object and 403 for one outside the actor's reach.
 */
export async function authorize(
	db: DbOrTx,
	actor: Actor | null,
	action: Action,
	kind: ScopedKind,
	id: string
): Promise<ScopedObject> {
	const object = await scopedObject(db, await loadOrgTree(db), kind, id);
	assertCan(actor, action, object);
	return object;
}
