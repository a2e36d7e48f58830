/**
 * `npm run bench:weight`: the weight of each public page's first response, the one a resident on a
 * weak signal inside WeChat waits for. Starts the built server (`npm run build` first) on a temporary
 * database with the demo data, fetches every public page as an ordinary browser, in 长辈版 and inside
 * WeChat, and prints the HTML's size raw and gzipped, plus the render-blocking stylesheets it links
 * (gzipped, fetched once each: a second page finds them in the browser's cache).
 *
 * Target (issue 9): the center week's HTML under 14 KB gzipped, i.e. inside TCP's first
 * round trip (10 segments of ~1.4 KB). Figures are printed, never asserted.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { todayIn } from '../src/lib/calendar-date';
import { openDatabase } from '../src/lib/server/db/client';
import { applyMigrations } from '../src/lib/server/db/migrate';
import { demoId, seedDemoData } from '../src/lib/server/seed/seed-demo';
import { waitForServer } from './support/wait-for-server';

const PORT = Number(process.env.BENCH_PORT ?? 4320);
const BASE = `http://127.0.0.1:${PORT}`;
const TARGET = 14 * 1024;
const WECHAT_UA = 'Mozilla/5.0 (Linux; Android 12) AppleWebKit/537.36 Chrome/107.0 Mobile Safari/537.36 MicroMessenger/8.0.47.2560 WeChat/arm64';

if (!existsSync('build/handler.js')) {
	console.error('没有构建产物：请先运行 npm run build');
	process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'yizhen-weight-'));
const url = `file:${join(dir, 'weight.db')}`;
const today = todayIn('Asia/Shanghai');
{
	const { db, close } = await openDatabase({ url });
	await applyMigrations(db);
	await seedDemoData(db, { today });
	close();
}

const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts'], {
	env: { ...process.env, DATABASE_URL: url, PORT: String(PORT), HOST: '127.0.0.1', ORIGIN: BASE, YIZHEN_TODAY: today },
	stdio: ['ignore', 'ignore', 'inherit']
});

const pages = [
	{ name: 'center week', path: `/centers/${demoId('site:xinqiao')}` },
	{ name: 'expert', path: `/experts/${demoId('expert:likangning')}` },
	{ name: 'free clinic', path: `/events/${demoId('event:clinic-this-saturday')}` },
	{ name: 'events list', path: '/events' },
	{ name: 'home', path: '/' },
	{ name: 'centers list', path: '/centers' },
	{ name: 'find', path: '/find' }
];
const modes: { name: string; headers: Record<string, string> }[] = [
	{ name: 'standard', headers: {} },
	{ name: '长辈版', headers: { cookie: 'yz_text=large' } },
	{ name: 'WeChat', headers: { 'user-agent': WECHAT_UA } }
];

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const pad = (value: string, width: number) => value + ' '.repeat(Math.max(0, width - [...value].length * (/[^\x00-\xff]/.test(value) ? 2 : 1)));

try {
	await waitForServer(BASE);
	const stylesheets = new Map<string, number>();
	console.log(`${pad('page', 14)}${pad('mode', 10)}${'html'.padStart(10)}${'gzipped'.padStart(10)}${'+ new css gz'.padStart(14)}  target`);
	for (const page of pages) {
		for (const mode of modes) {
			const response = await fetch(BASE + page.path, { headers: mode.headers });
			const html = Buffer.from(await response.arrayBuffer());
			const gz = gzipSync(html).length;
			let css = 0;
			for (const [, href] of html.toString('utf8').matchAll(/<link href="([^"]+\.css)" rel="stylesheet">/g)) {
				const absolute = new URL(href!, BASE + page.path).href;
				if (stylesheets.has(absolute)) continue;
				const size = gzipSync(Buffer.from(await (await fetch(absolute)).arrayBuffer())).length;
				stylesheets.set(absolute, size);
				css += size;
			}
			const verdict = page.name === 'center week' ? (gz < TARGET ? `< ${kb(TARGET)} ok` : `> ${kb(TARGET)} OVER`) : '';
			console.log(`${pad(page.name, 14)}${pad(mode.name, 10)}${kb(html.length).padStart(10)}${kb(gz).padStart(10)}${kb(css).padStart(14)}  ${response.status} ${verdict}`);
		}
	}
	const totalCss = [...stylesheets.values()].reduce((a, b) => a + b, 0);
	console.log(`\n${stylesheets.size} stylesheets, ${kb(totalCss)} gzipped in all (linked, not inlined: each is another round trip the first time).`);
} finally {
	server.kill();
	rmSync(dir, { recursive: true, force: true });
}
