import { readFileSync } from 'node:fs';
import { it, expect } from 'vitest';
import { seedDemoData } from '../seed/seed-demo';
import { createTestDb } from '../testing/test-db';
import { previewRosterImport } from './import';
it('scratch', async () => {
	const t = await createTestDb();
	await seedDemoData(t.db, { today: '2026-11-25' });
	for (const f of ['roster-sample.csv', 'roster-two-bad-rows.csv']) {
		const p = await previewRosterImport(t.db, readFileSync('docs/samples/' + f), f, { siteIds: null }, '2026-11-25');
		console.log(JSON.stringify({ ...p, rows: p.rows.map(({ input, ...r }) => r) }, null, 1));
	}
	t.cleanup();
	expect(1).toBe(1);
});
