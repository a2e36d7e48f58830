/**
 * An organization picked in a form (a new site's parent, an expert's hospital) is reached through the
 * input, not the URL, so the write must check it as it checks the object it was called on: otherwise
 * an organizer could place a site or an expert under another hospital by editing one form field.
 */
import { eq } from 'drizzle-orm';
import { can, type Action, type Actor } from '../auth/policy';
import type { OrgTree } from '../auth/scope';
import type { DbOrTx } from '../db/client';
import { organizations, type ORGANIZATION_KINDS } from '../db/schema';

type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];
import { DomainError, invalid } from '../errors';

export interface ChosenOrganizationWords {
	/** Shown at the field when the id names no organization (a stale form, a crafted post). */
	missing: string;
	/** Shown at the field when the organization is outside the actor's subtrees. */
	outOfReach: string;
	/** The kinds that may be picked here, with what to say about any other (a center cannot hold a site). */
	kinds?: { allowed: readonly OrganizationKind[]; wrong: string };
}

/** Throws 400 at `field` for an unknown organization and 403 at `field` for one out of reach. */
export async function assertChosenOrganizationInReach(
	db: DbOrTx,
	tree: OrgTree,
	actor: Actor,
	action: Action,
	organizationId: string,
	field: string,
	words: ChosenOrganizationWords
): Promise<void> {
	const row = await db.select({ id: organizations.id, kind: organizations.kind }).from(organizations).where(eq(organizations.id, organizationId)).get();
	if (!row) throw invalid(words.missing, field);
	// At the field, not the form: the organizer picked it and can pick another.
	if (!can(actor, action, { kind: 'organization', orgPath: tree.pathOf(organizationId) })) throw new DomainError('forbidden', words.outOfReach, field);
	if (words.kinds && !words.kinds.allowed.includes(row.kind)) throw invalid(words.kinds.wrong, field);
}
