import { Forbidden, type Actor } from '../auth/policy';
import { dm } from '../../i18n/domain';

/** Importing rotations is an organizer's work; anyone else is refused before their file is read or kept. */
export function assertMayImport(actor: Actor): void {
	if (!actor.isAdmin && actor.organizerOf.length === 0) throw new Forbidden(dm.rosterImport.errors.organizersOnly);
}
