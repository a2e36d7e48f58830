/**
 * exceljs reads a workbook in one go and, for a 2,000-row roster, holds the thread for a few hundred
 * milliseconds in stretches no other request can get between. So it runs in a worker thread: the
 * request thread only waits for the cells, a heap limit and a deadline bound what one file can cost, and
 * a file that breaks either kills the worker, not the server.
 *
 * The worker's code is a string evaluated by Node rather than a module file: the SvelteKit server build
 * bundles src/ into chunks and would not emit a separate worker file (sveltejs/kit#10113), while
 * exceljs stays in node_modules, where the worker requires it by the path resolved here. Everything
 * with a rule in it (which cells mean what, which sheet is the roster) stays in typed code in xlsx.ts;
 * the worker only hands over each sheet's cell values.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type ExcelJS from 'exceljs';

export interface SheetCells {
	/** 'visible', 'hidden' or 'veryHidden'. */
	state: string;
	rows: { rowNumber: number; values: ExcelJS.CellValue[] }[];
}

export type WorkbookReading =
	| { outcome: 'read'; sheets: SheetCells[]; date1904: boolean }
	/** exceljs could not make sense of the file. */
	| { outcome: 'unreadable' }
	/** The worker ran out of heap or time. */
	| { outcome: 'too_large' };

export interface WorkerLimits {
	memoryMb: number;
	timeoutMs: number;
}

/**
 * The largest workbook XLSX_LIMITS lets through (10,000 rows, 100,000 cells, each a different string)
 * was read within a 64 MB heap, in 4 s with this one on a busy 2-core machine.
 */
export const WORKER_LIMITS: WorkerLimits = { memoryMb: 256, timeoutMs: 20_000 };
/** Loading exceljs takes the worker a second on a busy machine, so it is kept for the next import a while. */
const IDLE_MS = 60_000;

const EXCELJS_PATH = createRequire(import.meta.url).resolve('exceljs');

// Merged cells report the merged value in every cell (exceljs does that), so a name merged down three
// rows counts for each. Values are sent as exceljs gives them; Dates survive the structured clone.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ExcelJS = require(workerData.exceljs);
parentPort.on('message', async (bytes) => {
	const workbook = new ExcelJS.Workbook();
	try {
		await workbook.xlsx.load(bytes);
	} catch {
		parentPort.postMessage({ ok: false });
		return;
	}
	const sheets = workbook.worksheets.map((sheet) => {
		const rows = [];
		sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
			const values = [];
			row.eachCell({ includeEmpty: true }, (cell, col) => (values[col - 1] = cell.value));
			rows.push({ rowNumber, values: Array.from(values, (v) => v ?? null) });
		});
		return { state: sheet.state, rows };
	});
	parentPort.postMessage({ ok: true, sheets, date1904: workbook.properties?.date1904 === true });
});
`;

type WorkerReply = { ok: false } | { ok: true; sheets: SheetCells[]; date1904: boolean };

interface LiveWorker {
	worker: Worker;
	memoryMb: number;
	idle: NodeJS.Timeout | null;
}

let live: LiveWorker | null = null;
/** One workbook at a time: four uploads at once must not mean four gigabyte-sized heaps. */
let queue: Promise<unknown> = Promise.resolve();

function retire(entry: LiveWorker): void {
	if (entry.idle) clearTimeout(entry.idle);
	if (live === entry) live = null;
	void entry.worker.terminate();
}

function workerFor(memoryMb: number): LiveWorker {
	if (live && live.memoryMb === memoryMb) {
		if (live.idle) clearTimeout(live.idle);
		live.idle = null;
		return live;
	}
	if (live) retire(live);
	const worker = new Worker(WORKER_SOURCE, {
		eval: true,
		workerData: { exceljs: EXCELJS_PATH },
		// Plain JavaScript: no TypeScript loader the parent may run under.
		execArgv: [],
		resourceLimits: { maxOldGenerationSizeMb: memoryMb }
	});
	// An idle worker must not keep a stopping server alive.
	worker.unref();
	const entry: LiveWorker = { worker, memoryMb, idle: null };
	// Without a listener an error while idle would be thrown in the server; the worker is replaced instead.
	worker.on('error', () => retire(entry));
	worker.on('exit', () => retire(entry));
	return (live = entry);
}

const isOutOfMemory = (error: Error) => 'code' in error && error.code === 'ERR_WORKER_OUT_OF_MEMORY';

function readOnce(bytes: Uint8Array, limits: WorkerLimits): Promise<WorkbookReading> {
	const entry = workerFor(limits.memoryMb);
	const { worker } = entry;
	// A copy with an ArrayBuffer of its own: a Node Buffer's slice() shares memory (often Node's pool of
	// small buffers), which cannot be transferred and must not be detached from under its owner.
	const copy = new Uint8Array(bytes);
	return new Promise<WorkbookReading>((resolve, reject) => {
		const finish = (keepWorker: boolean, settle: () => void) => {
			clearTimeout(deadline);
			worker.off('message', onMessage);
			worker.off('error', onError);
			worker.off('exit', onExit);
			if (keepWorker) entry.idle = setTimeout(() => retire(entry), IDLE_MS).unref();
			else retire(entry);
			settle();
		};
		const onMessage = (reply: WorkerReply) =>
			finish(true, () => resolve(reply.ok ? { outcome: 'read', sheets: reply.sheets, date1904: reply.date1904 } : { outcome: 'unreadable' }));
		const onError = (error: Error) => finish(false, () => (isOutOfMemory(error) ? resolve({ outcome: 'too_large' }) : reject(error)));
		const onExit = (code: number) => finish(false, () => reject(new Error(`The .xlsx worker stopped (exit code ${code}) without answering.`)));
		const deadline = setTimeout(() => finish(false, () => resolve({ outcome: 'too_large' })), limits.timeoutMs);
		worker.on('message', onMessage);
		worker.on('error', onError);
		worker.on('exit', onExit);
		worker.postMessage(copy.buffer, [copy.buffer]);
	});
}

/** The cell values of every sheet, read by exceljs off the request thread. */
export function readWorkbookInWorker(bytes: Uint8Array, limits: WorkerLimits = WORKER_LIMITS): Promise<WorkbookReading> {
	const reading = queue.then(() => readOnce(bytes, limits));
	queue = reading.catch(() => undefined);
	return reading;
}
