/**
 * `npm run bench:feeds`: calendar feeds on the district-scale database (`npm run bench:data`).
 *
 * 1. Generation, in process: the busiest expert's and the busiest site's full feed (most sittings in
 *    the window), built from the schedule engine and written through the ledger, with no cache —
 *    the cost a feed pays each time the schedule changes. First build (ledger empty) and the median
 *    and worst of 20 later builds.
 * 2. Over HTTP, in one run: the conditional request a subscribed client makes every hour
 *    (If-None-Match, answered 304) against a static asset, autocannon, 20 connections × 10 s.
 *
 * Targets (issue 6): a full feed under 50 ms; the 304 path at least half the static asset's throughput.
 * Figures are printed, never asserted.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { count, desc } from 'drizzle-orm';
import { openDatabase } from '../src/lib/server/db/client';
import { applyMigrations } from '../src/lib/server/db/migrate';
import { rotations } from '../src/lib/server/db/schema';
import { publishFeed } from '../src/lib/server/feeds/publish';
import { expertFeed, feedConfigFromEnv, feedWindow, siteFeed, type FeedSource } from '../src/lib/server/feeds/sources';
import { waitForServer } from './support/wait-for-server';

const PORT = Number(process.env.BENCH_PORT ?? 4321);
const BASE = `http://127.0.0.1:${PORT}`;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const RUNS = 20;

if (!existsSync('bench/data/district.db') || !existsSync('bench/data/district.json')) {
	console.error('没有压测数据库：请先运行 npm run bench:data');
	process.exit(1);
}
if (!existsSync('build/handler.js')) {
	console.error('没有构建产物：请先运行 npm run build');
	process.exit(1);
}
const { today } = JSON.parse(readFileSync('bench/data/district.json', 'utf8')) as { today: string };
const window = feedWindow(today, feedConfigFromEnv());

const opened = await openDatabase({ url: 'file:bench/data/district.db' });
const db = opened.db;
await applyMigrations(db);

async function busiest(column: typeof rotations.expertId | typeof rotations.siteId): Promise<string> {
	const [row] = await db.select({ id: column, n: count() }).from(rotations).groupBy(column).orderBy(desc(count())).limit(1);
	return row!.id;
}

function ms(start: bigint): number {
	return Number(process.hrtime.bigint() - start) / 1e6;
}

async function timeFeed(name: string, load: () => Promise<FeedSource | null>) {
	let start = process.hrtime.bigint();
	const source = (await load())!;
	const feed = await publishFeed(db, source);
	const first = ms(start);
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		start = process.hrtime.bigint();
		await publishFeed(db, (await load())!);
		times.push(ms(start));
	}
	times.sort((a, b) => a - b);
	return { name, items: source.items.length, kb: feed.body.length / 1024, gzKb: feed.gzipped.length / 1024, first, median: times[RUNS >> 1]!, worst: times[RUNS - 1]! };
}

const expertId = await busiest(rotations.expertId);
const siteId = await busiest(rotations.siteId);
const generation = [
	await timeFeed(`busiest expert (${expertId})`, () => expertFeed(db, expertId, window, BASE)),
	await timeFeed(`busiest site (${siteId})`, () => siteFeed(db, siteId, window, BASE))
];
opened.close();

const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts'], {
	env: { ...process.env, DATABASE_URL: 'file:bench/data/district.db', PORT: String(PORT), HOST: '127.0.0.1', ORIGIN: BASE, YIZHEN_TODAY: today, OUTBOX_WORKER: 'off' },
	stdio: ['ignore', 'ignore', 'inherit']
});

function measure(path: string, headers: Record<string, string> = {}): Promise<autocannon.Result> {
	return new Promise((resolve, reject) => {
		autocannon({ url: BASE + path, connections: CONNECTIONS, duration: DURATION_S, headers }, (err, result) => (err ? reject(err) : resolve(result)));
	});
}

try {
	await waitForServer(BASE);
	const feedPath = `/feeds/centers/${siteId}.ics`;
	const etag = (await fetch(BASE + feedPath)).headers.get('etag')!;
	const check = await fetch(BASE + feedPath, { headers: { 'If-None-Match': etag } });
	const targets: { name: string; path: string; headers: Record<string, string> }[] = [
		{ name: 'static /favicon.svg', path: '/favicon.svg', headers: {} },
		{ name: 'feed 304 (If-None-Match)', path: feedPath, headers: { 'If-None-Match': etag } },
		{ name: 'feed 200 (full, gzip)', path: feedPath, headers: { 'Accept-Encoding': 'gzip' } }
	];
	const rows = [];
	for (const t of targets) {
		await measure(t.path, t.headers); // warm-up, discarded
		const r = await measure(t.path, t.headers);
		rows.push({ name: t.name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors });
	}
	console.log(`\nYizhen feed benchmark, node ${process.version}, window ${window.from} – ${window.to}\n`);
	console.log('feed generation (no cache)          items   body KB  gzip KB   first ms  median ms  worst ms');
	for (const g of generation) {
		console.log(
			`${g.name.padEnd(34)} ${String(g.items).padStart(6)} ${g.kb.toFixed(0).padStart(9)} ${g.gzKb.toFixed(1).padStart(8)} ${g.first.toFixed(1).padStart(10)} ${g.median.toFixed(1).padStart(10)} ${g.worst.toFixed(1).padStart(9)}`
		);
	}
	console.log(`\nconditional request answered ${check.status}; ${CONNECTIONS} connections × ${DURATION_S} s each`);
	console.log('target                        req/s     p50 ms   p99 ms   vs static   errors/non-2xx');
	for (const r of rows) {
		console.log(
			`${r.name.padEnd(26)} ${r.rps.toFixed(0).padStart(8)} ${r.p50.toFixed(1).padStart(9)} ${r.p99.toFixed(1).padStart(8)} ${((r.rps / rows[0]!.rps) * 100).toFixed(0).padStart(9)}%   ${r.errors}/${r.non2xx}`
		);
	}
	const slow = generation.filter((g) => g.median >= 50);
	console.log(slow.length ? `\n50 ms target missed by: ${slow.map((g) => g.name).join(', ')}` : '\nevery full feed under 50 ms (median)');
	console.log(rows[1]!.rps >= rows[0]!.rps / 2 ? '304 path at least half the static asset' : '304 path below half the static asset');
} finally {
	server.kill('SIGTERM');
}
