/**
 * The answers the door screen lists under the count, newest first: the server's outcomes for queued
 * ops, and the camera's refusals. Only this phone's answers since the page opened are kept.
 */
import type { ServerOutcome } from './queue';

export type DoorResult = ServerOutcome & { admittable?: boolean };

/** Enough for the volunteer to look back over the last few people without the list pushing the form away. */
const KEPT = 20;

/** `answered` in the order the server applied them; the list shows the latest at the top. */
export function withNewResults(shown: readonly DoorResult[], answered: readonly DoorResult[]): DoorResult[] {
	return [...answered].reverse().concat(shown).slice(0, KEPT);
}

/** A line saying the camera could not be used. `id` keeps two such lines apart in a keyed list. */
export function cameraRefusal(message: string, id: string): DoorResult {
	return { opId: `camera:${id}`, outcome: 'rejected', message };
}

/** The colour class a result is shown in: let in, let in before, or needing the volunteer. */
export function outcomeTone(outcome: ServerOutcome['outcome']): 'ok' | 'info' | 'warn' {
	return outcome === 'checked_in' ? 'ok' : outcome === 'already' ? 'info' : 'warn';
}

/** Whether this phone has seen the resident in: the search list is as old as the last page load. */
export function checkedInFromThisPhone(results: readonly DoorResult[], registrationId: string): boolean {
	return results.some((r) => r.registrationId === registrationId && (r.outcome === 'checked_in' || r.outcome === 'already'));
}
