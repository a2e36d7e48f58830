import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

import { migrate } from 'drizzle-orm/libsql/migrator';
import type { Db } from './client';

/** The generated SQL migrations, found from the project root whether run from source or the build. */
export function migrationsFolder(): string {
	const fromEnv = process.env.MIGRATIONS_DIR;
	if (fromEnv) return resolve(fromEnv);
	return resolve(process.cwd(), 'drizzle');
}

export async function applyMigrations(db: Db): Promise<void> {
	await migrate(db, { migrationsFolder: migrationsFolder() });
}

/** Creates the folder a `file:` database lives in, so a fresh checkout starts without a manual step. */
export function ensureDatabaseFolder(url: string): void {
	if (!url.startsWith('file:')) return;
	const path = url.slice('file:'.length).split('?')[0] ?? '';
	if (!path || path === ':memory:') return;
	const absolute = path.startsWith('/') ? path : resolve(process.cwd(), path);
	mkdirSync(dirname(absolute), { recursive: true });
}

