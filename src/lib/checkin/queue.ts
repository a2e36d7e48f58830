/**
 * The door phone's queue of check-in operations, as pure functions the page wraps around storage
 * and fetch. An operation stays queued until the server has answered for it; the server is
 * idempotent by operation id, so sending one twice (an answer lost on a weak signal) is harmless.
 */
export interface QueuedOp {
	id: string;
	kind: 'code' | 'registration' | 'walk_in';
	/** Shown while it waits: the code, or the name. */
	label: string;
	body: Record<string, unknown>;
	clientAt: string;
}

export interface ServerOutcome {
	opId: string;
	outcome: 'checked_in' | 'already' | 'conflict' | 'rejected';
	message: string;
	registrationId?: string | null;
}

export interface FlushResult {
	remaining: QueuedOp[];
	outcomes: ServerOutcome[];
	/** False when nothing could be sent (offline, server unreachable, signed out). */
	delivered: boolean;
}

export function newOp(kind: QueuedOp['kind'], label: string, body: Record<string, unknown>, id: string, now: Date): QueuedOp {
	return { id, kind, label, body: { ...body, id, kind, clientAt: now.toISOString() }, clientAt: now.toISOString() };
}

/** Sends the queue in order, in batches; whatever the server did not answer stays, in order. */
export async function flush(
	queue: readonly QueuedOp[],
	send: (ops: Record<string, unknown>[]) => Promise<ServerOutcome[] | null>,
	batchSize = 50
): Promise<FlushResult> {
	let remaining = [...queue];
	const outcomes: ServerOutcome[] = [];
	let delivered = queue.length === 0;
	while (remaining.length > 0) {
		const batch = remaining.slice(0, batchSize);
		const answered = await send(batch.map((op) => op.body)).catch(() => null);
		if (!answered) break;
		delivered = true;
		const done = new Set(answered.map((o) => o.opId));
		outcomes.push(...answered);
		remaining = remaining.filter((op) => !done.has(op.id));
		// A batch the server answered only in part would loop forever; leave the rest for next time.
		if (batch.some((op) => !done.has(op.id))) break;
	}
	return { remaining, outcomes, delivered };
}

/**
 * The queue once the server's answers are in. Takes the queue as it is now, not as it was sent: what
 * the volunteer tapped while a batch was on its way must stay for the next one.
 */
export function withoutAnswered(queue: readonly QueuedOp[], outcomes: readonly ServerOutcome[]): QueuedOp[] {
	const answered = new Set(outcomes.map((o) => o.opId));
	return queue.filter((op) => !answered.has(op.id));
}

/** The queue as kept in localStorage: a list of ops, or empty for anything unreadable. */
export function parseStoredQueue(raw: string | null): QueuedOp[] {
	if (!raw) return [];
	try {
		const value = JSON.parse(raw);
		return Array.isArray(value) ? value.filter((op) => op && typeof op.id === 'string' && typeof op.body === 'object') : [];
	} catch {
		return [];
	}
}
