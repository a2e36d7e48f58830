/**
 * `npm start`'s build: the same `vite build`, with its ~460 lines (module lists, plugin timings, advice
 * to run `npm run preview`, which is not how this app starts) kept back unless it fails.
 * `npm run build` still shows everything.
 */
import { spawn } from 'node:child_process';

const started = performance.now();
console.log('正在构建 / building…');
const child = spawn('vite', ['build'], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
const output: Buffer[] = [];
child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
const code: number = await new Promise((resolve) => child.on('close', (status) => resolve(status ?? 1)));
const log = Buffer.concat(output).toString('utf8');
if (code !== 0) {
	process.stderr.write(log);
	console.error(`\n构建失败 / build failed (exit ${code})`);
	process.exit(code);
}
const modules = [...log.matchAll(/✓ (\d+) modules transformed/g)].map((match) => Number(match[1]));
const warnings = log.split('\n').filter((line) => /\bwarn(ing)?\b/i.test(line) && !/PLUGIN_TIMINGS/.test(line));
const seconds = ((performance.now() - started) / 1000).toFixed(0);
console.log(`构建完成 / built in ${seconds} s (${modules.join(' + ')} modules)${warnings.length ? `, ${warnings.length} warnings (npm run build shows them)` : ''}`);
