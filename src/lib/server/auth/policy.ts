/**
 * Who may do what, in one place. The domain functions ask it, not the routes: each one that reads
 * private data or writes takes the signed-in `Actor` and, first, inside its transaction, asks
 * `assertCan` (usually through `authorize` in scope.ts, which resolves the object from the database)
 * about every object it touches, including those reached through another (a sitting through a leave,
 * a registration through a check-in op, a shift's role). An organizer of hospital A editing an id in a
 * URL to reach hospital B's rotation is refused here, whatever the route does. access-in-domain.test.ts
 * holds every writer to this; tests/e2e/console-access-matrix.spec.ts tries every console action.
 *
 * Scope follows the 医共体 tree: an organizer of an organization acts on it and everything below it.
 * Objects therefore carry `orgPath`, the ids from their owning organization up to the root.
 */
import { DomainError } from '../errors';
import { dm } from '../../i18n/domain';

export interface Actor {
	userId: string;
	name: string;
	isAdmin: boolean;
	/** Organizations the user organizes (each covers its subtree). */
	organizerOf: readonly string[];
	volunteerOf: readonly string[];
	/** Expert records this user is. */
	expertIds: readonly string[];
}

export type ScopedKind = 'organization' | 'site' | 'expert' | 'rotation' | 'sitting' | 'leave' | 'event' | 'survey' | 'questionnaire';

export interface ScopedObject {
	kind: ScopedKind;
	/** Owning organization first, root last. */
	orgPath: readonly string[];
	/** For expert-owned objects (an expert's leave, their own sittings). */
	expertId?: string | null;
}

export const ORGANIZER_ACTIONS = [
	'organization:edit',
	'site:edit',
	'expert:edit',
	'rotation:view',
	'rotation:edit',
	'sitting:change',
	'leave:record',
	'leave:resolve',
	'audit:view',
	'user:invite',
	'event:edit',
	/** See registrants' full phone numbers, export one person's data, erase it. */
	'event:people',
	'volunteer:assign',
	/** See a health literacy survey's results, open and close it; edit and publish questionnaires. */
	'survey:manage',
	/** The outreach report of an organization's subtree, on screen and as a download. */
	'report:view'
] as const;
/** At the door: organizers of the event's organization, and its volunteers. */
export const DOOR_ACTIONS = ['event:checkin', 'volunteer:signup'] as const;
/** 诊疗人次 of a sitting: its expert, or an organizer of the site. */
export const SITTING_RECORD_ACTIONS = ['sitting:record-visits'] as const;
export const EXPERT_ACTIONS = ['schedule:view-own', 'leave:request', 'feed:manage-own'] as const;
/** `system:view`: the operator's page (database, backups, jobs, disk) and its JSON. */
export const ADMIN_ACTIONS = ['holiday:edit', 'outbox:view', 'department:edit', 'system:view'] as const;

export type Action =
	| (typeof ORGANIZER_ACTIONS)[number]
	| (typeof EXPERT_ACTIONS)[number]
	| (typeof ADMIN_ACTIONS)[number]
	| (typeof DOOR_ACTIONS)[number]
	| (typeof SITTING_RECORD_ACTIONS)[number];

function organizesAnyOf(actor: Actor, orgPath: readonly string[]): boolean {
	return orgPath.some((id) => actor.organizerOf.includes(id));
}

export function can(actor: Actor | null, action: Action, object: ScopedObject | null = null): boolean {
	if (!actor) return false;
	if (actor.isAdmin) return true;
	if ((ADMIN_ACTIONS as readonly string[]).includes(action)) return false;
	if ((EXPERT_ACTIONS as readonly string[]).includes(action)) {
		return object?.expertId != null && actor.expertIds.includes(object.expertId);
	}
	// Organizer actions: on an object inside one of the actor's subtrees.
	if (!object) return false;
	if ((DOOR_ACTIONS as readonly string[]).includes(action)) {
		return organizesAnyOf(actor, object.orgPath) || object.orgPath.some((id) => actor.volunteerOf.includes(id));
	}
	if ((SITTING_RECORD_ACTIONS as readonly string[]).includes(action)) {
		return organizesAnyOf(actor, object.orgPath) || (object.expertId != null && actor.expertIds.includes(object.expertId));
	}
	return organizesAnyOf(actor, object.orgPath);
}

export class Forbidden extends DomainError {
	constructor(message = dm.auth.errors.forbidden) {
		super('forbidden', message);
	}
}

export function assertCan(actor: Actor | null, action: Action, object: ScopedObject | null = null): void {
	if (!can(actor, action, object)) throw new Forbidden();
}
