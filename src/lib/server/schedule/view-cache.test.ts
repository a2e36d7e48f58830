import { beforeEach, describe, expect, it } from 'vitest';
import { changeSitting } from './rotations';
import { emptyDbForEachTest } from '../testing/each-test';
import { makeScheduleWorld } from '../testing/factories';
import { scopes } from './cache-scopes';
import { cachedView, clearViewCache } from './view-cache';
import { listSittings } from './sittings';
import { openDatabase } from '../db/client';

const t = emptyDbForEachTest();
beforeEach(() => clearViewCache());

describe('the schedule view cache', () => {
	it('serves a cached view until a write, from any connection, changes what it shows', async () => {
		const world = await makeScheduleWorld(t.db);
		const rotationId = await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU' });
		const otherRotation = await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU', siteId: world.otherSite.id, expertId: world.colleague.id });
		let computed = 0;
		const view = () =>
			cachedView(t.db, 'week', scopes.centerWeek(world.site.id, '2026-12-01', '2026-12-01'), async () => {
				computed++;
				return (await listSittings(t.db, { from: '2026-12-01', to: '2026-12-01', siteIds: [world.site.id] })).sittings.map((s) => s.status);
			});
		expect(await view()).toEqual(['scheduled']);
		expect(await view()).toEqual(['scheduled']);
		expect(computed).toBe(1);

		// Another process (a second app instance) cancels sittings through its own connection: first
		// at the other center, which leaves this view alone, then here.
		const other = await openDatabase({ url: t.url });
		await changeSitting(other.db, otherRotation, '2026-12-01', { cancelled: true, reason: '专家外出' });
		expect(await view()).toEqual(['scheduled']);
		expect(computed).toBe(1);
		await changeSitting(other.db, rotationId, '2026-12-01', { cancelled: true, reason: '专家外出' });
		other.close();
		expect(await view()).toEqual(['cancelled']);
		expect(computed).toBe(2);
	});

	it('computes again once its lifetime is over, even when nothing was written', async () => {
		let computed = 0;
		const view = () => cachedView(t.db, 'find', scopes.find(null, '2026-12-01', '2026-12-07'), async () => ++computed, 50);
		expect(await view()).toBe(1);
		expect(await view()).toBe(1);
		await new Promise((r) => setTimeout(r, 60));
		expect(await view()).toBe(2);
	});
});
