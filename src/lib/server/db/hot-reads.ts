/**
 * A read connection with prepared statements kept, for the one read every cached page makes: the
 * cache-scope stamps (schedule/cache-scopes.ts). The libSQL client prepares each statement afresh on
 * every call, which for that tiny read was most of its cost: about 115 µs a page served from the
 * cache, against 20 µs with the statement kept (scratch measurement, district database).
 *
 * Only for an embedded file database, and only for reads outside a transaction: in WAL mode a
 * reader never waits for the writer, so this connection needs no place in the transaction gate, and
 * it sees every committed write, as the client's own connections do. With a libSQL server URL there
 * is no reader and callers use the client.
 */
import Database from 'libsql';

const BUSY_TIMEOUT_MS = 5_000;

export interface HotReader {
	/** Rows as arrays, for SQL built once per shape by the caller; the statement is prepared once. */
	rows(sql: string, params: readonly unknown[]): unknown[][];
	close(): void;
}

const readers = new WeakMap<object, HotReader>();

/** The file a `file:` URL names, or null for anything else (a server, or a database in memory). */
export function databaseFilePath(url: string): string | null {
	if (!url.startsWith('file:') || url.includes(':memory:')) return null;
	const path = url.startsWith('file://') ? new URL(url).pathname : url.slice('file:'.length).split('?')[0]!;
	return decodeURIComponent(path) || null;
}

/** Opens the reader of `owner`'s database (its Db), when it is a file. */
export function openHotReader(owner: object, url: string): HotReader | null {
	const path = databaseFilePath(url);
	if (!path) return null;
	const db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
	const statements = new Map<string, Database.Statement<unknown[]>>();
	const reader: HotReader = {
		rows(sql, params) {
			let statement = statements.get(sql);
			if (!statement) statements.set(sql, (statement = db.prepare<unknown[]>(sql).raw(true)));
			return statement.all(...params) as unknown[][];
		},
		close() {
			readers.delete(owner);
			statements.clear();
			db.close();
		}
	};
	readers.set(owner, reader);
	return reader;
}

/** `db`'s reader, or null for a transaction (which must read its own writes) or a server database. */
export function hotReaderOf(db: object): HotReader | null {
	return readers.get(db) ?? null;
}
