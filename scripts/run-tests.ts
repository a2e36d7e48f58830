/**
 * `npm test`: every test runner, then one plain total line — `N passed, N failed, N skipped` — that CI
 * reads. Builds first, because the Playwright journeys and the server tests run against the built server.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

interface Totals {
	passed: number;
	failed: number;
	skipped: number;
}

function run(command: string, args: string[], env: Record<string, string> = {}): number {
	const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
	return result.status ?? 1;
}

function readJson(path: string): unknown {
	return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
}

function vitestTotals(path: string): Totals | null {
	const report = readJson(path) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number } | null;
	if (!report) return null;
	return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
}

function playwrightTotals(path: string): Totals | null {
	const report = readJson(path) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } } | null;
	if (!report) return null;
	const s = report.stats;
	return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped };
}

mkdirSync('test-results', { recursive: true });
rmSync('test-results/vitest.json', { force: true });
rmSync('test-results/playwright.json', { force: true });

const totals: Totals = { passed: 0, failed: 0, skipped: 0 };
let broken = false;

// Built first: the browser journeys and the unit tests of the server around the app (scripts/*.test.ts:
// overload, several processes) run against the built server.
const buildExit = run('vite', ['build', '--logLevel', 'warn']);
if (buildExit !== 0) console.error('vite build failed: the browser journeys and the server tests cannot run.');

const vitestExit = run('vitest', ['run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json']);
const unit = vitestTotals('test-results/vitest.json');
if (!unit) broken = true;
else for (const k of ['passed', 'failed', 'skipped'] as const) totals[k] += unit[k];
if (vitestExit !== 0 && (!unit || unit.failed === 0)) broken = true;

if (buildExit !== 0) {
	broken = true;
} else {
	const e2eExit = run('playwright', ['test']);
	const e2e = playwrightTotals('test-results/playwright.json');
	if (!e2e) broken = true;
	else for (const k of ['passed', 'failed', 'skipped'] as const) totals[k] += e2e[k];
	if (e2eExit !== 0 && (!e2e || e2e.failed === 0)) broken = true;
}

if (broken && totals.failed === 0) totals.failed = 1; // a runner that crashed counts as a failure
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 ? 1 : 0);
