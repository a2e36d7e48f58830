/**
 * WEB_PROCESSES: the built app in several processes sharing one port, because one Node process runs our
 * code on one core. node:cluster: the primary forks the workers and hands them connections; it never
 * loads the app itself, so it stays small and outlives their crashes.
 *
 * The background jobs (outbox mail, reminders, retention) run in worker 1 only: the others get
 * YIZHEN_BACKGROUND_JOBS=off, which hooks.server.ts `init` reads. A replacement takes its slot's number,
 * so the jobs come back with a new worker 1.
 */
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { AggregatorRegistry } from 'prom-client';
import { serveBuiltApp } from './http-server';

/** A worker that lived this long before dying is restarted almost at once; one that died young, later. */
const STABLE_AFTER_MS = 30_000;
const FIRST_RESTART_DELAY_MS = 500;
const LONGEST_RESTART_DELAY_MS = 30_000;

export function webProcessesFromEnv(env: NodeJS.ProcessEnv): number {
	const raw = env.WEB_PROCESSES?.trim();
	if (!raw) return 1;
	if (raw === 'auto') return availableParallelism();
	if (!/^[1-9]\d*$/.test(raw)) throw new Error(`WEB_PROCESSES 应为正整数或 auto / must be a positive whole number or auto, got "${raw}"`);
	return Number(raw);
}

export interface Serving {
	host: string;
	port: number;
	processes: number;
}

/** One process (the default) is exactly serveBuiltApp; more are cluster workers, resolved once all listen. */
export async function serveInProcesses(env: NodeJS.ProcessEnv = process.env): Promise<Serving> {
	const processes = webProcessesFromEnv(env);
	if (processes === 1) {
		const { host, port } = await serveBuiltApp(env);
		return { host, port, processes };
	}
	const port = await startWorkers(processes, env);
	return { host: env.HOST?.trim() || '0.0.0.0', port, processes };
}

function startWorkers(count: number, env: NodeJS.ProcessEnv): Promise<number> {
	cluster.setupPrimary({ exec: fileURLToPath(new URL('./serve-worker.ts', import.meta.url)) });
	const workers = new Map<Worker, { slot: number; startedAt: number }>();
	const youngDeaths = new Map<number, number>();
	const pendingRestarts = new Set<NodeJS.Timeout>();
	let stopping: NodeJS.Signals | null = null;
	let failed = false;

	const fork = (slot: number) => {
		const worker = cluster.fork({
			...env,
			YIZHEN_WORKER_SLOT: String(slot),
			YIZHEN_BACKGROUND_JOBS: slot === 1 ? 'on' : 'off'
		});
		workers.set(worker, { slot, startedAt: Date.now() });
	};

	const exitWhenAllGone = () => {
		if (workers.size === 0) process.exit(failed ? 1 : 0);
	};

	// Each worker shuts down gracefully on the signal (installGracefulShutdown); the primary waits for
	// them and exits 0 only if every one of them did.
	const stop = (signal: NodeJS.Signals) => {
		if (stopping) return;
		stopping = signal;
		for (const timer of pendingRestarts) clearTimeout(timer);
		for (const worker of workers.keys()) worker.process.kill(signal);
		exitWhenAllGone();
	};
	process.on('SIGTERM', () => stop('SIGTERM'));
	process.on('SIGINT', () => stop('SIGINT'));
	answerMetricsRequests();

	// A broken start never resolves: the primary exits 1 once the workers are gone.
	return new Promise((started) => {
		let listening = 0;
		let up = false;
		cluster.on('listening', (_worker, address) => {
			if (up) return;
			// Worker 1 first, the rest once it listens: the app migrates the database as it loads, and
			// several processes migrating a fresh database at once would fail all but one.
			if (++listening === 1) for (let slot = 2; slot <= count; slot++) fork(slot);
			if (listening === count) {
				up = true;
				started(address.port);
			}
		});
		cluster.on('exit', (worker, code, signal) => {
			const { slot, startedAt } = workers.get(worker)!;
			workers.delete(worker);
			if (stopping) {
				// A worker still loading the app has no handler yet and dies of the signal itself: as asked.
				failed ||= code !== 0 && signal !== stopping;
				return exitWhenAllGone();
			}
			if (!up) {
				// Before every worker listens, a death is a broken start (port taken, build missing), not a
				// crash to retry: stop the rest and fail as one process would.
				console.error(`工作进程 ${slot} 未能启动 / worker ${slot} failed to start (${code ?? signal})`);
				failed = true;
				return stop('SIGTERM');
			}
			const young = Date.now() - startedAt < STABLE_AFTER_MS;
			const deaths = young ? (youngDeaths.get(slot) ?? 0) + 1 : 0;
			youngDeaths.set(slot, deaths);
			const delay = Math.min(LONGEST_RESTART_DELAY_MS, FIRST_RESTART_DELAY_MS * 2 ** deaths);
			console.error(
				`工作进程 ${slot}（pid ${worker.process.pid}）意外退出（${code ?? signal}），${delay / 1000} 秒后重启 / ` +
					`worker ${slot} died unexpectedly, restarting in ${delay / 1000} s`
			);
			const timer = setTimeout(() => {
				pendingRestarts.delete(timer);
				fork(slot);
			}, delay);
			pendingRestarts.add(timer);
		});
		fork(1);
	});
}

/**
 * /metrics in a worker asks here for every worker's counters summed (ops/metrics.ts): prom-client's
 * AggregatorRegistry collects them from the workers over the cluster channel.
 */
function answerMetricsRequests(): void {
	const aggregator = new AggregatorRegistry();
	cluster.on('message', (worker, message: { type?: string; id?: string }) => {
		if (message?.type !== 'yizhen:metrics-request') return;
		aggregator.clusterMetrics().then(
			(text) => worker.send({ type: 'yizhen:metrics-response', id: message.id, text }),
			(error: unknown) => worker.send({ type: 'yizhen:metrics-response', id: message.id, error: error instanceof Error ? error.message : String(error) })
		);
	});
}
