import { createServer, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
	BUSY_WORDS,
	DEFAULT_MAX_IN_FLIGHT,
	DEFAULT_OVERLOAD_DELAY_MS,
	LAG_NEEDS_IN_FLIGHT,
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

	const held: ServerResponse[] = [];
	afterEach(() => {
		for (const res of held.splice(0)) res.end('released');
	});

	/**
	 * A server in this process with only the guard in front of a trivial answer; /hold is admitted and
	 * left unanswered, standing for requests piling up in a busy process.
	 */
	async function guarded(maxLoopDelayMs: number, lagNeedsInFlight = LAG_NEEDS_IN_FLIGHT): Promise<number> {
		guard = createOverloadGuard({ maxInFlight: 0, maxLoopDelayMs }, 100, lagNeedsInFlight);
		server = createServer((req, res) => {
			if (!guard.admit(req, res)) return;
			if (req.url === '/hold') held.push(res);
			else res.end('ok');
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

	/** Opens `count` requests the server keeps open, and waits until it has admitted them all. */
	async function hold(port: number, count: number) {
		for (let i = 0; i < count; i++) {
			const req = request({ host: '127.0.0.1', port, path: '/hold' });
			req.on('error', () => {});
			req.end();
		}
		await expect.poll(() => held.length, { timeout: 5_000, interval: 10 }).toBe(count);
	}

	it('answers 503 while every turn waits longer than the threshold with requests piling up, /healthz excepted, and recovers', async () => {
		const port = await guarded(100, 3);
		expect((await get(port, '/')).status).toBe(200);
		await hold(port, 3);

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

	it('lets a lone request through a late loop: the machine busy with something else is not overload', async () => {
		const port = await guarded(100, 3);
		await hold(port, 2);
		keepLoopBusy(300);
		await expect.poll(() => guard.lagging(), { timeout: 5_000, interval: 20 }).toBe(true);
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
