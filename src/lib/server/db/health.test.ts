import { describe, expect, it } from 'vitest';
import { createTestDb } from '../testing/test-db';
import { isDatabaseReachable } from './health';

describe('isDatabaseReachable', () => {
	it('is true for an open database and false once it is closed', async () => {
		const t = await createTestDb();
		expect(await isDatabaseReachable(t.db)).toBe(true);
		t.cleanup();
		expect(await isDatabaseReachable(t.db)).toBe(false);
	});
});
