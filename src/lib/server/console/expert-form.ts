/** Pick lists for the expert form: hospitals the organizer may place experts in, departments, titles. */
import { inArray } from 'drizzle-orm';
import type { Actor } from '../auth/policy';
import { loadOrgTree, organizedOrgIds } from '../auth/scope';
import type { DbOrTx } from '../db/client';
import { EXPERT_TITLES, organizations } from '../db/schema';
import { departmentOptions } from './scope-lists';

export async function expertFormOptions(db: DbOrTx, actor: Actor) {
	const allowed = organizedOrgIds(actor, await loadOrgTree(db));
	const hospitals = (
		await db
			.select({ id: organizations.id, name: organizations.name })
			.from(organizations)
			.where(inArray(organizations.kind, ['lead_hospital', 'hospital']))
	).filter((o) => allowed === null || allowed.has(o.id));
	return { hospitals, departments: await departmentOptions(db), titles: EXPERT_TITLES };
}
