import { availableParallelism } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKER_HEADER } from './http-server';
import { webProcessesFromEnv } from './web-processes';
import { get, startServerScript, type ServerProcess } from './testing/server-process';

describe('WEB_PROCESSES', () => {
	it('is one process unless set; a positive whole number or auto (one per core); anything else stops the start', () => {
		expect(webProcessesFromEnv({})).toBe(1);
		expect(webProcessesFromEnv({ WEB_PROCESSES: ' 3 ' })).toBe(3);
		expect(webProcessesFromEnv({ WEB_PROCESSES: 'auto' })).toBe(availableParallelism());
		expect(() => webProcessesFromEnv({ WEB_PROCESSES: '0' })).toThrow(/WEB_PROCESSES/);
		expect(() => webProcessesFromEnv({ WEB_PROCESSES: 'two' })).toThrow(/WEB_PROCESSES/);
	});
});

const READY = /worker (\d+) \(pid (\d+)\) 已就绪 \/ ready，后台任务 \/ background jobs: (\S+) \/ (on|off)/g;

function readyWorkers(output: string) {
	return [...output.matchAll(READY)].map((m) => ({ slot: m[1]!, pid: Number(m[2]), jobs: m[4]! }));
}

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

describe('the built app in two processes (WEB_PROCESSES=2)', () => {
	let server: ServerProcess;
	let port: number;

	beforeAll(async () => {
		server = startServerScript('scripts/serve.ts', { WEB_PROCESSES: '2', ORIGIN: undefined });
		port = Number((await server.waitFor(/is running on 127\.0\.0\.1:(\d+)（2 个进程 \/ processes）/, 60_000))[1]);
		// Each worker prints its own ready line on the pipe it shares with the primary, so a line can
		// arrive just after the primary's "is running": wait for both (waitFor reads all output so far).
		await server.waitFor(/worker 1 \(pid \d+\) 已就绪/, 30_000);
		await server.waitFor(/worker 2 \(pid \d+\) 已就绪/, 30_000);
	}, 90_000);
	afterAll(() => {
		for (const { pid } of readyWorkers(server?.output() ?? '')) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
		server?.cleanUp();
	});

	it('has two workers answering on one port, and the background jobs in exactly one of them', async () => {
		const workers = readyWorkers(server.output());
		expect(workers.map((w) => w.slot).sort()).toEqual(['1', '2']);
		expect(new Set(workers.map((w) => w.pid)).size).toBe(2);
		expect(workers.map((w) => w.pid)).not.toContain(server.child.pid);
		expect(workers.filter((w) => w.jobs === 'on').map((w) => w.slot)).toEqual(['1']);

		const answeredBy = new Set<string>();
		for (let i = 0; i < 8; i++) {
			const answer = await get(port, '/healthz');
			expect(answer.status).toBe(200);
			answeredBy.add(String(answer.headers[WORKER_HEADER.toLowerCase()]));
		}
		expect([...answeredBy].sort()).toEqual(['1', '2']);
	});

	it('says once, not once per worker, where links point', async () => {
		for (let i = 0; i < 4; i++) expect((await get(port, '/')).status).toBe(200);
		expect(server.output().match(/ORIGIN is not set/g)).toHaveLength(1);
	});

	it('replaces a worker that dies, with the same slot', async () => {
		const second = readyWorkers(server.output()).find((w) => w.slot === '2')!;
		process.kill(second.pid, 'SIGKILL');
		await server.waitFor(/worker 2 died unexpectedly, restarting in [\d.]+ s/);
		await expect
			.poll(() => readyWorkers(server.output()).filter((w) => w.slot === '2').length, { timeout: 30_000, interval: 100 })
			.toBe(2);
		const replacement = readyWorkers(server.output()).filter((w) => w.slot === '2')[1]!;
		expect(replacement.pid).not.toBe(second.pid);
		expect(replacement.jobs).toBe('off');
		expect((await get(port, '/healthz')).status).toBe(200);
	}, 40_000);

	it('stops every worker on SIGTERM and exits 0', async () => {
		const alive = readyWorkers(server.output()).filter((w) => isRunning(w.pid));
		expect(alive).toHaveLength(2);
		server.child.kill('SIGTERM');
		expect(await server.exited).toEqual({ code: 0, signal: null });
		for (const { pid } of alive) expect(isRunning(pid)).toBe(false);
	}, 40_000);
});
