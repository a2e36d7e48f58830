import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
	BUSY_WORDS,
	DEFAULT_MAX_IN_FLIGHT,
	DEFAULT_OVERLOAD_DELAY_MS,
	RETRY_AFTER_SECONDS,
	createOverloadGuard,
	overloadLimitsFromEnv,
	type OverloadGuard
} from './overload';
import { get } from './testing/server-process';

describe('the overload limits from the environment', () => {
	it('has defaults, takes whole numbers, 0 turns a check off, and refuses anything else', () => {
		expect(overloadLimitsFromEnv({})).toEqual({ maxInFlight: DEFAULT_MAX_IN_FLIGHT, maxLoopDelayMs: DEFAULT_OVERLOAD_DELAY_MS });
		expect(overloadLimitsFromEnv({ MAX_IN_FLIGHT: ' 40 ', OVERLOAD_DELAY_MS: '0' })).toEqual({ maxInFlight: 40, maxLoopDelayMs: 0 });
		expect(() => overloadLimitsFromEnv({ MAX_IN_FLIGHT: '-1' })).toThrow(/MAX_IN_FLIGHT/);
		expect(() => overloadLimitsFromEnv({ OVERLOAD_DELAY_MS: '0.5s' })).toThrow(/OVERLOAD_DELAY_MS/);
	});
});

describe('refusing requests while the event loop runs late', () => {
	let server: Server;
	let guard: OverloadGuard;
	let blocker: NodeJS.Timeout | undefined;
	afterEach(() => {
		clearInterval(blocker);
		guard?.stop();
		server?.close();
	});

	/** A server in this process with only the guard in front of a trivial answer. */
	async function guarded(maxLoopDelayMs: number): Promise<number> {
		guard = createOverloadGuard({ maxInFlight: 0, maxLoopDelayMs }, 100);
		server = createServer((req, res) => {
			if (guard.admit(req, res)) res.end('ok');
		});
		await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
		return (server.address() as AddressInfo).port;
	}

	/** Keeps every turn of the loop busy for `ms`, as a process with more work than it can do would be. */
	function keepLoopBusy(ms: number) {
		blocker = setInterval(() => {
			const until = performance.now() + ms;
			while (performance.now() < until);
		}, 1);
	}

	it('answers 503 while every turn waits longer than the threshold, /healthz excepted, and recovers', async () => {
		const port = await guarded(100);
		expect((await get(port, '/')).status).toBe(200);

		keepLoopBusy(300);
		await expect.poll(() => guard.lagging(), { timeout: 5_000, interval: 20 }).toBe(true);
		const refused = await get(port, '/events');
		expect(refused.status).toBe(503);
		expect(refused.headers['retry-after']).toBe(String(RETRY_AFTER_SECONDS));
		expect(refused.headers['cache-control']).toBe('no-store');
		expect(refused.body).toContain(BUSY_WORDS.heading);
		expect(refused.body).not.toContain(BUSY_WORDS.notSubmitted);
		expect((await get(port, '/healthz')).status).toBe(200);

		clearInterval(blocker);
		await expect.poll(() => guard.lagging(), { timeout: 5_000, interval: 20 }).toBe(false);
		expect((await get(port, '/events')).status).toBe(200);
	});

	it('lets one slow turn pass: a single long task is not overload', async () => {
		// A threshold well above what a busy test machine adds by itself, and one block far beyond it.
		const port = await guarded(250);
		await new Promise((done) => setTimeout(done, 250));
		const until = performance.now() + 700;
		while (performance.now() < until);
		for (let i = 0; i < 5; i++) {
			expect((await get(port, '/')).status).toBe(200);
			expect(guard.lagging()).toBe(false);
			await new Promise((done) => setTimeout(done, 60));
		}
	});
});
