/**
 * Prometheus metrics (prom-client), served at /metrics to a scraper holding METRICS_TOKEN.
 *
 * Per request the server only counts (request-stats.ts: a Map lookup and a few additions), and a
 * page-cache hit or miss. Everything read from the database (outbox backlog, jobs' last
 * success) and from the disk (backups) is read when a scrape asks, by the process that answers it,
 * so every process reports the same figures.
 *
 * With WEB_PROCESSES > 1 each worker counts its own requests; the process answering a scrape asks
 * the primary for the sum over all workers (prom-client's AggregatorRegistry, web-processes.ts).
 */
import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import client from 'prom-client';
import type { Db } from '../db/client';
import { backupBaseOf, backupConfigFromEnv, listBackups } from '../db/backup';
import { databaseConfigFromEnv } from '../db/client';
import { databaseFilePath } from '../db/database-file';
import { lastJobRuns } from './job-runs';
import { outboxBacklog } from './outbox-backlog';
import { RequestStats } from './request-stats';

/** Counted per request, in this process. */
const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry, prefix: 'yizhen_' });

const requestStats = new RequestStats([0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]);
registry.registerMetric(
	requestStats.counter('yizhen_http_requests_total', 'HTTP requests answered, by SvelteKit route id (never the URL: no phone number or token in a label), method and status') as never
);
registry.registerMetric(requestStats.histogram('yizhen_http_request_duration_seconds', 'Time to answer, by route id and method') as never);
const pageCache = { hit: 0, miss: 0 };
registry.registerMetric({
	name: 'yizhen_page_cache_requests_total',
	get: async () => ({
		name: 'yizhen_page_cache_requests_total',
		help: 'Residents’ pages served from the page cache (hit) or drawn (miss)',
		type: 'counter',
		aggregator: 'sum',
		values: [
			{ labels: { result: 'hit' }, value: pageCache.hit },
			{ labels: { result: 'miss' }, value: pageCache.miss }
		]
	})
} as never);

/** Counts one answered request. `routeId` is SvelteKit's (null for a URL no route matched). */
export function observeRequest(routeId: string | null, method: string, status: number, seconds: number): void {
	requestStats.observe(routeId ?? 'none', method, status, seconds);
}

export function observePageCache(hit: boolean): void {
	if (hit) pageCache.hit++;
	else pageCache.miss++;
}

/** Read at each scrape from the database and the disk, by the answering process alone. */
async function stateText(db: Db, env: Record<string, string | undefined>, now: Date): Promise<string> {
	const state = new client.Registry();
	const backlog = new client.Gauge({ name: 'yizhen_outbox_messages', help: 'Messages in the outboxes not yet sent, by channel and status (pending, sending, dead)', labelNames: ['channel', 'status'] as const, registers: [state] });
	const retrying = new client.Gauge({ name: 'yizhen_outbox_retrying_messages', help: 'Pending messages whose last attempt failed (send failures being retried), by channel', labelNames: ['channel'] as const, registers: [state] });
	const waiting = new client.Gauge({ name: 'yizhen_outbox_oldest_waiting_seconds', help: 'Age of the oldest message not yet sent, by channel (0: none waiting)', labelNames: ['channel'] as const, registers: [state] });
	const jobs = new client.Gauge({ name: 'yizhen_job_last_success_timestamp_seconds', help: 'When each background job last ran without failing (absent: never recorded)', labelNames: ['job'] as const, registers: [state] });
	const jobOk = new client.Gauge({ name: 'yizhen_job_last_run_ok', help: '1 when the job’s last run succeeded, 0 when it failed', labelNames: ['job'] as const, registers: [state] });
	const backupAge = new client.Gauge({ name: 'yizhen_backup_newest_age_seconds', help: 'Age of the newest backup copy (absent: no copy, or a libSQL server)', registers: [state] });
	const backupBytes = new client.Gauge({ name: 'yizhen_backup_newest_bytes', help: 'Size of the newest backup copy', registers: [state] });

	const [outbox, runs] = await Promise.all([outboxBacklog(db), lastJobRuns(db)]);
	for (const channel of ['mail', 'sms'] as const) {
		const c = outbox[channel];
		for (const status of ['pending', 'sending', 'dead'] as const) backlog.labels(channel, status).set(c[status]);
		retrying.labels(channel).set(c.retrying);
		waiting.labels(channel).set(c.oldestWaitingSince ? Math.max(0, (now.getTime() - c.oldestWaitingSince.getTime()) / 1000) : 0);
	}
	for (const run of Object.values(runs)) {
		if (run.lastSuccessAt) jobs.labels(run.job).set(run.lastSuccessAt.getTime() / 1000);
		jobOk.labels(run.job).set(run.ok ? 1 : 0);
	}
	const file = databaseFilePath(databaseConfigFromEnv(env).url);
	if (file) {
		const newest = listBackups(backupConfigFromEnv(file, env).dir, backupBaseOf(file))[0];
		if (newest) {
			backupAge.set((now.getTime() - newest.takenAt.getTime()) / 1000);
			backupBytes.set(newest.bytes);
		}
	}
	return state.metrics();
}

/** This process's counters, or every worker's summed when the app runs in several. */
async function countersText(): Promise<string> {
	if (!cluster.isWorker || !process.send) return registry.metrics();
	const id = randomUUID();
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			process.off('message', onMessage);
			reject(new Error('the primary did not answer the metrics request within 5 s'));
		}, 5_000);
		const onMessage = (message: { type?: string; id?: string; text?: string; error?: string }) => {
			if (message?.type !== 'yizhen:metrics-response' || message.id !== id) return;
			clearTimeout(timer);
			process.off('message', onMessage);
			if (message.error !== undefined) reject(new Error(message.error));
			else resolve(message.text ?? '');
		};
		process.on('message', onMessage);
		process.send!({ type: 'yizhen:metrics-request', id });
	});
}

// A worker answers the primary's requests for its counters (prom-client's cluster protocol).
if (cluster.isWorker) {
	new client.AggregatorRegistry();
	client.AggregatorRegistry.setRegistries([registry]);
}

export const METRICS_CONTENT_TYPE = registry.contentType;

/** The whole exposition: counters (of all workers) and state read now. */
export async function metricsText(db: Db, now: Date, env: Record<string, string | undefined> = process.env): Promise<string> {
	const [counters, state] = await Promise.all([countersText(), stateText(db, env, now)]);
	return `${counters.trimEnd()}\n${state}`;
}
