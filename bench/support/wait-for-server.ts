/** Waits for a benchmark's server to answer /healthz: up to 30 s, then throws. */
export async function waitForServer(base: string): Promise<void> {
	for (let i = 0; i < 150; i++) {
		try {
			if ((await fetch(`${base}/healthz`)).ok) return;
		} catch {
			/* not listening yet */
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error('server did not start');
}
