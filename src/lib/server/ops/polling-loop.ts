/**
 * A background loop in the server process (the mail and SMS outboxes). Runs never overlap: a poke
 * during a run makes another run follow it at once, and so does a run that says there may be more;
 * otherwise the next run is pollMs later. A failed run is logged and the loop goes on.
 */
export interface PollingLoop {
	/** Run soon: call after a transaction that queued work has committed. */
	poke(): void;
	/** Stops polling and waits for the run in progress to finish. */
	stop(): Promise<void>;
}

export function startPollingLoop(options: { name: string; pollMs: number; runOnce: () => Promise<{ more: boolean }> }): PollingLoop {
	let timer: NodeJS.Timeout | null = null;
	let running: Promise<void> | null = null;
	let runAgain = false;
	let stopped = false;

	const schedule = (delayMs: number) => {
		if (stopped) return;
		if (timer) clearTimeout(timer);
		timer = setTimeout(run, delayMs);
		// Pending work must not keep a script or a test process alive.
		timer.unref();
	};

	const run = () => {
		timer = null;
		if (running) {
			runAgain = true;
			return;
		}
		running = (async () => {
			try {
				if ((await options.runOnce()).more) runAgain = true;
			} catch (error) {
				console.error(`${options.name}:`, error instanceof Error ? error.message : error);
			}
		})().finally(() => {
			running = null;
			const again = runAgain;
			runAgain = false;
			schedule(again ? 0 : options.pollMs);
		});
	};

	schedule(0);
	return {
		poke() {
			if (running) runAgain = true;
			else schedule(0);
		},
		async stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			timer = null;
			await running;
		}
	};
}
