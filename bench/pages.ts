/**
 * `npm run bench`: starts the built server on the district-scale database (`npm run bench:data`) and
 * measures, in one run, the center-week page, the expert page, the find page and a static asset with
 * autocannon (20 connections, 10 s each, loopback only). Prints requests/s, p50 and p99 latency, each
 * page's throughput as a share of the static asset's, and the center-week HTML's gzipped size.
 *
 * Targets (issue 3): every page p99 < 100 ms at 20 connections; center-week HTML gzipped < 14 KB.
 * Figures are printed, never asserted: a slow machine should not fail the build.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { waitForServer } from './support/wait-for-server';

const PORT = Number(process.env.BENCH_PORT ?? 4319);
const BASE = `http://127.0.0.1:${PORT}`;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);

if (!existsSync('bench/data/district.db') || !existsSync('bench/data/district.json')) {
	console.error('没有压测数据库：请先运行 npm run bench:data');
	process.exit(1);
}
if (!existsSync('build/handler.js')) {
	console.error('没有构建产物：请先运行 npm run build');
	process.exit(1);
}
const sample = JSON.parse(readFileSync('bench/data/district.json', 'utf8')) as {
	today: string;
	siteId: string;
	expertId: string;
	departmentId: string;
};

const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts'], {
	env: {
		...process.env,
		DATABASE_URL: 'file:bench/data/district.db',
		PORT: String(PORT),
		HOST: '127.0.0.1',
		ORIGIN: BASE,
		YIZHEN_TODAY: sample.today
	},
	// The request log goes to /dev/null: a terminal would be measured instead of the app.
	stdio: ['ignore', 'ignore', 'inherit']
});

const targets = [
	{ name: 'static /favicon.svg', path: '/favicon.svg' },
	{ name: 'center week', path: `/centers/${sample.siteId}` },
	{ name: 'expert', path: `/experts/${sample.expertId}` },
	{ name: 'find (next week)', path: `/find?department=${sample.departmentId}&when=next-week` }
];

function measure(path: string): Promise<autocannon.Result> {
	return new Promise((resolve, reject) => {
		autocannon({ url: BASE + path, connections: CONNECTIONS, duration: DURATION_S }, (err, result) =>
			err ? reject(err) : resolve(result)
		);
	});
}

try {
	await waitForServer(BASE);
	const html = await (await fetch(`${BASE}/centers/${sample.siteId}`)).text();
	const sittings = (html.match(/class="sitting/g) ?? []).length;
	const rows: { name: string; rps: number; p50: number; p99: number; errors: number; non2xx: number }[] = [];
	for (const t of targets) {
		await measure(t.path).then(() => undefined); // warm-up run, discarded, so JIT and caches settle
		const r = await measure(t.path);
		rows.push({ name: t.name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx });
	}
	const staticRps = rows[0]!.rps;
	console.log(`\nYizhen page benchmark: ${CONNECTIONS} connections × ${DURATION_S} s per target, node ${process.version}`);
	console.log(`center-week page shows ${sittings} sittings; HTML ${html.length} bytes, gzipped ${gzipSync(html).length} bytes (target < 14336)\n`);
	console.log('target                    req/s     p50 ms   p99 ms   vs static   errors/non-2xx');
	for (const r of rows) {
		console.log(
			`${r.name.padEnd(24)} ${r.rps.toFixed(0).padStart(7)} ${r.p50.toFixed(1).padStart(9)} ${r.p99.toFixed(1).padStart(8)} ${((r.rps / staticRps) * 100).toFixed(0).padStart(9)}%   ${r.errors}/${r.non2xx}`
		);
	}
	const slow = rows.filter((r) => r.p99 >= 100);
	console.log(slow.length ? `\np99 target (< 100 ms) missed by: ${slow.map((r) => r.name).join(', ')}` : '\nevery target p99 < 100 ms');
} finally {
	server.kill('SIGTERM');
}
