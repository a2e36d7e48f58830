import { resolve } from 'node:path';

/**
 * The file behind a `file:` database URL, absolute; null for a libSQL server URL or `:memory:`, which
 * have no file this process can copy, lock or replace.
 */
export function databaseFilePath(url: string): string | null {
	if (!url.startsWith('file:') || url.includes(':memory:')) return null;
	const path = url.startsWith('file://') ? new URL(url).pathname : (url.slice('file:'.length).split('?')[0] ?? '');
	if (!path) return null;
	return resolve(process.cwd(), path);
}

/** SQLite's companions of a WAL database: a copy or a swap that forgot them would lose or corrupt data. */
export function walCompanions(path: string): string[] {
	return [`${path}-wal`, `${path}-shm`];
}
