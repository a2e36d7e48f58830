/**
 * Rendered posters, kept until the schedule generation or the date moves on (both are in the key),
 * bounded by count and by bytes so odd URLs cannot fill the memory. Renders of the same key share one
 * promise, and renders run one at a time: a poster costs a core for a moment, and the machine has two
 * that the residents' pages need more.
 */

const MAX_ENTRIES = 300;
const MAX_BYTES = 48 * 1024 * 1024;

const entries = new Map<string, Buffer>();
let bytes = 0;
const inFlight = new Map<string, Promise<Buffer>>();
let queue: Promise<unknown> = Promise.resolve();

function remember(key: string, png: Buffer): void {
	forget(key);
	entries.set(key, png);
	bytes += png.length;
	while (entries.size > MAX_ENTRIES || bytes > MAX_BYTES) forget(entries.keys().next().value!);
}

function forget(key: string): void {
	const old = entries.get(key);
	if (!old) return;
	entries.delete(key);
	bytes -= old.length;
}

/** One render at a time, in arrival order; a failed render does not block the ones behind it. */
function serialized<T>(work: () => Promise<T>): Promise<T> {
	const run = queue.then(work, work);
	queue = run.catch(() => undefined);
	return run;
}

/** The poster drawn for `key`, if it is still kept. */
export function peekPoster(key: string): Buffer | null {
	const hit = entries.get(key);
	if (!hit) return null;
	// Re-insert so the Map's order is least-recently-used first.
	entries.delete(key);
	entries.set(key, hit);
	return hit;
}

/** The poster for `key`, drawn by `render` unless kept or already being drawn for someone else. */
export async function cachedPoster(key: string, render: () => Promise<Buffer>): Promise<{ png: Buffer; hit: boolean }> {
	const hit = peekPoster(key);
	if (hit) return { png: hit, hit: true };
	let pending = inFlight.get(key);
	if (!pending) {
		pending = serialized(render).finally(() => inFlight.delete(key));
		inFlight.set(key, pending);
		const png = await pending;
		remember(key, png);
		return { png, hit: false };
	}
	return { png: await pending, hit: false };
}

/** For tests: forget everything. */
export function clearPosterCache(): void {
	entries.clear();
	bytes = 0;
}

export function posterCacheSize(): { entries: number; bytes: number } {
	return { entries: entries.size, bytes };
}
