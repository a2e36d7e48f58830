/**
 * Sending the queue one attempt at a time: the ten-second tick, the online event and each new check-in
 * all ask for a send, and two sends overlapping would post the same ops twice.
 */
export interface RetryingSync {
	/** Starts an attempt unless one is under way. */
	run(): Promise<void>;
	/** Cancels a retry waiting to start, as the page closes. */
	stop(): void;
}

/** Signal that has just come back is often patchy, and a busy server may turn one request away. */
const RETRY_AFTER_MS = 2_000;

/**
 * `attempt` says whether it delivered anything (or had nothing to deliver). When it did not and the
 * phone thinks it is online, it is tried again after RETRY_AFTER_MS rather than at the next tick.
 */
export function retryingSync(attempt: () => Promise<boolean>, online: () => boolean): RetryingSync {
	let running = false;
	let retry: ReturnType<typeof setTimeout> | undefined;
	async function run() {
		if (running) return;
		clearTimeout(retry);
		running = true;
		try {
			if (!(await attempt()) && online()) retry = setTimeout(() => void run(), RETRY_AFTER_MS);
		} finally {
			running = false;
		}
	}
	return { run, stop: () => clearTimeout(retry) };
}
