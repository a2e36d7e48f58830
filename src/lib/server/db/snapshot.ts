/**
 * A consistent copy of a live SQLite database, and a look inside a database file, each on a thread of
 * its own.
 *
 * Why VACUUM INTO: the `libsql` driver's `backup()` (SQLite's online backup API) throws "not
 * implemented", and the @libsql/client has no backup call. VACUUM INTO reads the whole database inside
 * one read transaction, so the copy is exactly the committed state of the moment it began; in WAL mode
 * a reader never blocks the writer, so registrations go on being saved while it runs. It also writes
 * the copy compacted, without the free pages.
 *
 * Why a worker thread: the embedded driver is synchronous (see transaction-gate.ts). On the server's
 * own connection a copy of a district's database would hold the event loop for as long as it takes;
 * on a thread with its own connection the server keeps answering, and only that thread waits.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The worker's code, run as CommonJS with `eval`, so it is found the same way from source, tests and the build. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const { op, from, to, busyTimeoutMs } = workerData;
function integrity(db) {
	const rows = db.prepare('PRAGMA integrity_check').all();
	return rows.map((r) => String(Object.values(r)[0]));
}
try {
	if (op === 'snapshot') {
		const live = new Database(from);
		try {
			live.pragma('busy_timeout = ' + busyTimeoutMs);
			live.prepare('VACUUM INTO ?').run(to);
		} finally {
			live.close();
		}
		const copy = new Database(to);
		try {
			parentPort.postMessage({ ok: true, integrity: integrity(copy) });
		} finally {
			copy.close();
		}
	} else {
		const db = new Database(from);
		try {
			const problems = integrity(db);
			const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => r.name);
			const migrations = tables.includes('__drizzle_migrations')
				? db.prepare('SELECT created_at FROM __drizzle_migrations').all().map((r) => Number(r.created_at))
				: null;
			parentPort.postMessage({ ok: true, integrity: problems, tables, migrations });
		} finally {
			db.close();
		}
	}
} catch (error) {
	parentPort.postMessage({ ok: false, code: error && error.code ? String(error.code) : null, message: String(error && error.message ? error.message : error) });
}
`;

/** What the thread reports; `integrity` is PRAGMA integrity_check's lines, ['ok'] when the file is sound. */
export type WorkerAnswer =
	| { ok: true; integrity: string[]; tables?: string[]; migrations?: number[] | null }
	| { ok: false; code: string | null; message: string };

function runInWorker(data: { op: 'snapshot' | 'inspect'; from: string; to?: string }): Promise<WorkerAnswer> {
	const driver = createRequire(import.meta.url).resolve('libsql');
	return new Promise((resolve, reject) => {
		const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ...data, driver, busyTimeoutMs: 5_000 } });
		let answered = false;
		worker.once('message', (answer: WorkerAnswer) => {
			answered = true;
			resolve(answer);
		});
		worker.once('error', reject);
		worker.once('exit', (code) => {
			if (!answered) reject(new Error(`snapshot worker exited with code ${code} before answering`));
		});
	});
}

/** Copies the live database at `from` into a new file `to` and checks the copy. */
export function snapshotInWorker(from: string, to: string): Promise<WorkerAnswer> {
	return runInWorker({ op: 'snapshot', from, to });
}

/** Checks the file at `path` (integrity, tables, applied migrations) without changing what it holds. */
export function inspectInWorker(path: string): Promise<WorkerAnswer> {
	return runInWorker({ op: 'inspect', from: path });
}

/** True when integrity_check found nothing wrong. */
export function isIntact(lines: readonly string[]): boolean {
	return lines.length === 1 && lines[0] === 'ok';
}
