/**
 * `npx tsx bench/roster-bomb.ts`: what an .xlsx "zip bomb" costs the server (issue 15, point 6). The
 * bomb is a roster under the 2 MB upload limit whose worksheet unpacks to about 54 MB of XML (50,000
 * rows), as in the issue; the same bomb once more with its zip directory claiming 19 MB, which no
 * check of the claims alone can refuse. Each is read by readRosterSheet, as an upload is, once and four
 * at once, and so is a legitimate 2,000-row roster (first read, which starts the reading worker, then
 * again, then after the bombs).
 *
 * Printed for each: the time until the answer; the longest the event loop was held meanwhile
 * (perf_hooks.monitorEventLoopDelay: the worst any other request, /healthz included, would have waited);
 * how long the request thread was busy in all (its event-loop utilization); and the process's peak
 * resident memory so far, worker threads included (the kernel's high-water mark, so a peak reached while
 * the event loop was held still counts). A first line measures a second of doing nothing, which is what
 * a busy machine alone adds. Figures are printed, never asserted.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { readRosterSheet } from '../src/lib/server/roster-import/parse';
import { rosterWorkbook } from '../src/lib/server/roster-import/xlsx-fixtures';
import { inspectXlsx } from '../src/lib/server/roster-import/xlsx-inspect';
import { XLSX_LIMITS } from '../src/lib/server/roster-import/xlsx';
import { readZipDirectory } from '../src/lib/server/roster-import/zip-directory';

const NOTE = '请带好医保卡和既往病历，复诊患者请携带上次的检查报告。'.repeat(12).slice(0, 300);
const bomb = rosterWorkbook({ rows: 50_000, note: NOTE });
const liar = rosterWorkbook({ rows: 50_000, note: NOTE, declaredSheetSize: 19_000_000 });
const roster = rosterWorkbook({ rows: 2000 });
// The honest bomb's directory tells the truth, so it says what both hold.
const unpacked = (readZipDirectory(bomb) ?? []).reduce((sum, entry) => sum + entry.declaredSize, 0);
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

interface Figures {
	elapsed: number;
	held: number;
	busy: number;
	/** Peak resident memory of the process so far, MB. */
	peakRss: number;
}

async function observe(work: () => Promise<unknown>): Promise<Figures> {
	const delay = monitorEventLoopDelay({ resolution: 5 });
	delay.enable();
	const utilization = performance.eventLoopUtilization();
	const start = performance.now();
	await work();
	const elapsed = performance.now() - start;
	const { active } = performance.eventLoopUtilization(utilization);
	delay.disable();
	return { elapsed, held: delay.max / 1e6, busy: active, peakRss: process.resourceUsage().maxRSS / 1024 };
}

const ms = (n: number, width = 6) => `${n.toFixed(0).padStart(width)} ms`;
function print(label: string, size: string, f: Figures, answer: string): void {
	console.log(
		`${label.padEnd(34)} ${size.padStart(8)}  ${ms(f.elapsed)}  loop held ≤ ${ms(f.held, 5)}  busy ${ms(f.busy, 5)}  peak RSS ${f.peakRss.toFixed(0).padStart(5)} MB  ${answer}`
	);
}

async function measure(label: string, bytes: Uint8Array, copies = 1): Promise<void> {
	let answers: string[] = [];
	const figures = await observe(async () => {
		answers = await Promise.all(
			Array.from({ length: copies }, () =>
				readRosterSheet(bytes, 'roster.xlsx').then(
					(rows) => `${rows.length} rows`,
					(e: unknown) => (e instanceof Error ? e.message.slice(0, 40) : String(e))
				)
			)
		);
	});
	print(label, `${(bytes.byteLength / 1024).toFixed(0)} KB`, figures, [...new Set(answers)].join(' / '));
}

console.log(`node ${process.version}; the bomb: ${(bomb.byteLength / 1024).toFixed(0)} KB unpacking to ${megabytes(unpacked)}`);
print('nothing, for a second', '', await observe(() => new Promise((resolve) => setTimeout(resolve, 1000))), '');
await measure('legitimate 2,000 rows (first read)', roster);
await measure('legitimate 2,000 rows (again)', roster);
await measure('bomb', bomb);
await measure('bomb, four at once', bomb, 4);
await measure('bomb claiming 19 MB', liar);
await measure('bomb claiming 19 MB, four at once', liar, 4);
await measure('legitimate 2,000 rows (after)', roster);

const { verdict, counts } = await inspectXlsx(liar, XLSX_LIMITS);
console.log(
	`the bomb claiming 19 MB: ${verdict} after ${counts.rows} rows and ${counts.cells} cells, ` +
		`${megabytes(counts.unpackedBytes)} inflated of the ${megabytes(unpacked)} it holds`
);
