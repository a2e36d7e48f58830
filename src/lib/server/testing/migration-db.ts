/**
 * A migration test's database: an empty file, fresh for each test of the file that calls this, where
 * the test builds the schema as it stood just before the migration it tests (`migrationsBefore`),
 * writes rows in that schema's SQL, then applies the rest and looks at what became of them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openDatabase, type OpenDatabase } from '../db/client';
import { forEachTest, standingFor } from './each-test';
import { migrationsUpTo, shippedTags } from './old-schema';

export function migrationDbForEachTest(): { open: OpenDatabase; migrationsBefore(tag: string): string } {
	const current = forEachTest(
		async () => {
			const dir = mkdtempSync(join(tmpdir(), 'yizhen-migration-'));
			return { dir, open: await openDatabase({ url: `file:${join(dir, 'test.db')}` }) };
		},
		({ dir, open }) => {
			open.close();
			rmSync(dir, { recursive: true, force: true });
		}
	);
	return {
		open: standingFor(() => current().open),
		/** The migrations up to, not including, `tag` (old-schema.ts cuts the shipped folder). */
		migrationsBefore(tag: string): string {
			const tags = shippedTags();
			const cut = tags.indexOf(tag);
			expect(cut).toBeGreaterThan(0);
			return migrationsUpTo(tags[cut - 1]!, current().dir);
		}
	};
}
