/**
 * One transaction at a time per process, and no statement on the shared connection while one runs.
 *
 * Why: the embedded libSQL driver is synchronous. A transaction holds SQLite's write lock on its own
 * connection while it awaits JavaScript between statements; if another connection in the same
 * process then asks for the lock, SQLite's busy handler sleeps *on the event loop*, so the
 * transaction it waits for can never finish — a stall of the full busy timeout, then SQLITE_BUSY.
 * Queuing in JavaScript instead keeps the event loop free. Other processes are unaffected (their
 * waits block only themselves) and a libSQL server URL is asynchronous, so the gate only costs a
 * queue there.
 */
import type { Client, Transaction, TransactionMode } from '@libsql/client';

/** If a statement waits this long, something holds a transaction open: say so rather than hang. */
const STALL_MS = 15_000;

interface Gate {
	active: Promise<void> | null;
}

/** One gate per database per process: two clients of one file in one process share it. */
const gates = new Map<string, Gate>();

export function gateTransactions(client: Client, url: string): Client {
	let gate = gates.get(url);
	if (!gate) gates.set(url, (gate = { active: null }));
	const g = gate;

	async function acquire(): Promise<() => void> {
		while (g.active) await waitFor(g.active);
		let release!: () => void;
		g.active = new Promise<void>((resolve) => (release = resolve));
		let released = false;
		return () => {
			if (released) return;
			released = true;
			g.active = null;
			release();
		};
	}

	async function waitFor(current: Promise<void>): Promise<void> {
		let timer: NodeJS.Timeout | undefined;
		const stalled = new Promise<never>((_, reject) => {
			timer = setTimeout(
				() => reject(new Error('A database statement waited 15 s for a transaction to finish: is `db` used inside `db.transaction` instead of `tx`?')),
				STALL_MS
			);
			timer.unref();
		});
		try {
			await Promise.race([current, stalled]);
		} finally {
			clearTimeout(timer);
		}
	}

	const transaction = client.transaction.bind(client);
	const execute = client.execute.bind(client);
	const batch = client.batch.bind(client);

	client.transaction = (async (mode?: TransactionMode) => {
		const release = await acquire();
		let tx: Transaction;
		try {
			tx = await transaction(mode);
		} catch (error) {
			release();
			throw error;
		}
		const commit = tx.commit.bind(tx);
		const rollback = tx.rollback.bind(tx);
		const close = tx.close.bind(tx);
		tx.commit = async () => {
			try {
				await commit();
			} finally {
				release();
			}
		};
		tx.rollback = async () => {
			try {
				await rollback();
			} finally {
				release();
			}
		};
		tx.close = () => {
			close();
			release();
		};
		return tx;
	}) as Client['transaction'];

	client.execute = (async (...args: Parameters<Client['execute']>) => {
		while (g.active) await waitFor(g.active);
		return execute(...(args as [never]));
	}) as Client['execute'];

	client.batch = (async (...args: Parameters<Client['batch']>) => {
		while (g.active) await waitFor(g.active);
		return batch(...(args as [never, never]));
	}) as Client['batch'];

	return client;
}
