/**
 * The page's two requests to its own endpoints (ops/ and headcount/ beside it). `fetch` is passed in:
 * the page passes the browser's.
 */
import type { Headcount } from '$lib/server/checkin/door-views';
import type { ServerOutcome } from './queue';

type Fetch = typeof fetch;

/**
 * Sends one batch of queued ops; the server's outcomes and the fresh count, or null when it turned the
 * batch away (signed out, busy, the door closed), and the ops stay queued. Offline, the fetch throws.
 */
export async function sendDoorOps(fetch: Fetch, eventId: string, ops: Record<string, unknown>[]): Promise<{ outcomes: ServerOutcome[]; count: Headcount } | null> {
	const res = await fetch(`/console/checkin/${eventId}/ops`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ ops })
	});
	if (!res.ok) return null;
	const { outcomes, count } = await res.json();
	return { outcomes, count };
}

/** The door's figures as they are now (other phones check people in too), or null when they cannot be had. */
export async function fetchDoorCount(fetch: Fetch, eventId: string): Promise<Headcount | null> {
	try {
		const res = await fetch(`/console/checkin/${eventId}/headcount`);
		return res.ok ? (await res.json()).count : null;
	} catch {
		// Weak signal: the next tick tries again.
		return null;
	}
}
