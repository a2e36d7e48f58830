import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeSitting } from './rotations';
import { createTestDb, type TestDb } from '../testing/test-db';
import { makeScheduleWorld } from '../testing/factories';
import { cachedView, clearViewCache, currentGeneration } from './view-cache';
import { listSittings } from './sittings';
import { openDatabase } from '../db/client';

let t: TestDb;
beforeEach(async () => {
	clearViewCache();
	t = await createTestDb();
});
afterEach(() => t.cleanup());

describe('the schedule view cache', () => {
	it('serves a cached view until any write, from any connection, changes the schedule', async () => {
		const world = await makeScheduleWorld(t.db);
		const rotationId = await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU' });
		let computed = 0;
		const view = () =>
			cachedView(t.db, 'week', async () => {
				computed++;
				return (await listSittings(t.db, { from: '2026-12-01', to: '2026-12-01' })).sittings.map((s) => s.status);
			});
		expect(await view()).toEqual(['scheduled']);
		expect(await view()).toEqual(['scheduled']);
		expect(computed).toBe(1);

		// Another process (a second app instance) cancels the sitting through its own connection.
		const other = await openDatabase({ url: t.url });
		const before = await currentGeneration(t.db);
		await changeSitting(other.db, rotationId, '2026-12-01', { cancelled: true, reason: '专家外出' });
		other.close();
		expect(await currentGeneration(t.db)).toBeGreaterThan(before);
		expect(await view()).toEqual(['cancelled']);
		expect(computed).toBe(2);
	});
});
