import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../testing/test-db';
import { makeScheduleWorld } from '../testing/factories';
import { scopes, stampOf } from './cache-scopes';
import { changeSitting } from './rotations';

let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
});
afterEach(() => t.cleanup());

/**
 * The stamp of every scope a test looks at, before and after a write, and which of them moved: the
 * triggers are tested through what they do to the counters, whoever writes (here, plain SQL too).
 */
async function changedBy(names: string[], write: () => Promise<unknown>): Promise<string[]> {
	const before = await Promise.all(names.map((n) => stampOf(t.db, [n])));
	await write();
	const after = await Promise.all(names.map((n) => stampOf(t.db, [n])));
	return names.filter((_, i) => before[i] !== after[i]);
}

describe('the cache scopes a write drops', () => {
	it('a sitting changed at one center drops that center’s week, its expert and its department’s week, nothing else', async () => {
		const w = await makeScheduleWorld(t.db);
		const here = await w.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU' });
		await w.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU', siteId: w.otherSite.id, expertId: w.colleague.id });
		// 2026-12-01 is a Tuesday: its week starts on Monday 11月30日.
		const week = (scope: string, monday = '2026-11-30') => `${scope}@${monday}`;
		const site = `site:${w.site.id}`;
		const dept = `dept:${w.department.id}`;
		const names = ['all', 'sittings', site, week(site), week(site, '2026-12-07'), `site:${w.otherSite.id}`, week(`site:${w.otherSite.id}`), `expert:${w.expert.id}`, `expert:${w.colleague.id}`, dept, week(dept), week('sittings')];

		expect(await changedBy(names, () => changeSitting(t.db, here, '2026-12-01', { cancelled: true, reason: '专家外出' }))).toEqual([
			week(site),
			`expert:${w.expert.id}`,
			week(dept),
			week('sittings')
		]);
		// Moved into the next week: both weeks change. A substitute's own page shows the sitting they now take.
		const moved = await changedBy(names, () => changeSitting(t.db, here, '2026-12-01', { cancelled: false, newDate: '2026-12-08', substituteExpertId: w.colleague.id }));
		expect(moved).toEqual([week(site), week(site, '2026-12-07'), `expert:${w.expert.id}`, `expert:${w.colleague.id}`, week(dept), week('sittings')]);
	});

	it('a rotation moved to another center drops both centers', async () => {
		const w = await makeScheduleWorld(t.db);
		const id = await w.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU' });
		const moved = await changedBy([`site:${w.site.id}`, `site:${w.otherSite.id}`], () =>
			t.db.run(sql`update rotations set site_id = ${w.otherSite.id} where id = ${id}`)
		);
		expect(moved).toEqual([`site:${w.site.id}`, `site:${w.otherSite.id}`]);
	});

	it('leave drops the expert and every center the expert sits at, not the others', async () => {
		const w = await makeScheduleWorld(t.db);
		await w.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU' });
		const names = ['all', `site:${w.site.id}`, `site:${w.otherSite.id}`, `expert:${w.expert.id}`, `expert:${w.colleague.id}`];
		const changed = await changedBy(names, () =>
			t.db.run(sql`insert into expert_leaves (id, expert_id, start_date, end_date) values ('leave-1', ${w.expert.id}, '2026-12-01', '2026-12-05')`)
		);
		expect(changed).toEqual([`site:${w.site.id}`, `expert:${w.expert.id}`]);
	});

	it('a registration drops its event’s page only; an expert’s contact details drop nothing public, a new title drops everything', async () => {
		const w = await makeScheduleWorld(t.db);
		await t.db.run(sql`insert into events (id, kind, organization_id, site_id, title, date, start_time, end_time, capacity)
			values ('ev-1', 'free_clinic', ${w.centerOrg.id}, ${w.site.id}, '周末义诊', '2026-12-12', '08:30', '11:30', 20)`);
		const names = ['all', `event:ev-1`, `site:${w.site.id}`, `expert:${w.expert.id}`];
		expect(
			await changedBy(names, () =>
				t.db.run(sql`insert into registrations (id, event_id, name, phone, age_band, consent_at, status, check_in_code, manage_token_hash)
					values ('r-1', 'ev-1', '张阿姨', '13900000000', '60_69', 0, 'registered', 'C1', 'hash-1')`)
			)
		).toEqual(['event:ev-1']);
		expect(await changedBy(names, () => t.db.run(sql`update experts set contact_email = 'li@example.org' where id = ${w.expert.id}`))).toEqual([]);
		expect(await changedBy(names, () => t.db.run(sql`update experts set title = '主任医师' where id = ${w.expert.id}`))).toEqual(['all']);
	});

	it('stamps several scopes at once, in the order asked, a scope never written as 0', async () => {
		const w = await makeScheduleWorld(t.db);
		expect(await stampOf(t.db, scopes.centerWeek('nowhere', '2026-12-01', '2026-12-01'))).toMatch(/^\d+\.0\.0$/);
		await w.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU' });
		const [all, site] = (await stampOf(t.db, scopes.centerWeek(w.site.id, '2026-12-01', '2026-12-01'))).split('.').map(Number);
		expect(site).toBeGreaterThan(0);
		expect(await stampOf(t.db, [`site:${w.site.id}`, 'all'])).toBe(`${site}.${all}`);
	});
});
