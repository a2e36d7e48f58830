import { Forbidden, type Actor } from '../auth/policy';

/** Importing rotations is an organizer's work; anyone else is refused before their file is read or kept. */
export function assertMayImport(actor: Actor): void {
	if (!actor.isAdmin && actor.organizerOf.length === 0) throw new Forbidden('只有组织者可以导入排班表');
}
