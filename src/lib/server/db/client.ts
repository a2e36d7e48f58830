import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import * as schema from './schema';
import { openHotReader } from './hot-reads';
import { gateTransactions } from './transaction-gate';

export type Db = LibSQLDatabase<typeof schema>;
/** A transaction handle: every domain function that writes takes `Db | Tx`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface DatabaseConfig {
	url: string;
	authToken?: string;
}

/** How long a connection waits for another process's write lock before failing. */
const BUSY_TIMEOUT_MS = 5_000;

export interface OpenDatabase {
	db: Db;
	client: Client;
	close(): void;
}

/**
 * Opens the database. A `file:` URL gets WAL (so readers never wait for the writer, and two app
 * processes can share one file) and a busy timeout on every pooled connection. libSQL enforces
 * foreign keys on every new connection by default; that is checked, because a build that did not
 * would silently accept orphans.
 */
export async function openDatabase(config: DatabaseConfig): Promise<OpenDatabase> {
	const client = createClient({
		url: config.url,
		authToken: config.authToken || undefined,
		timeout: BUSY_TIMEOUT_MS
	});
	if (config.url.startsWith('file:')) {
		await client.execute('PRAGMA journal_mode = WAL');
		await client.execute('PRAGMA synchronous = NORMAL');
		const fk = await client.execute('PRAGMA foreign_keys');
		if (fk.rows[0]?.[0] !== 1) {
			client.close();
			throw new Error('The database connection does not enforce foreign keys.');
		}
	} else {
		// A libSQL server enforces foreign keys itself; this fails fast if it cannot be reached.
		await client.execute('SELECT 1');
	}
	gateTransactions(client, config.url);
	const db = drizzle(client, { schema, casing: 'snake_case' });
	const reader = openHotReader(db, config.url);
	return {
		db,
		client,
		close: () => {
			reader?.close();
			client.close();
		}
	};
}

/** Reads DATABASE_URL / DATABASE_AUTH_TOKEN with the embedded default. */
export function databaseConfigFromEnv(env: Record<string, string | undefined> = process.env): DatabaseConfig {
	return {
		url: env.DATABASE_URL || 'file:data/yizhen.db',
		authToken: env.DATABASE_AUTH_TOKEN || undefined
	};
}
