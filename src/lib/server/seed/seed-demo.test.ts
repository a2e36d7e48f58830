import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { addDays, isoWeekday, mondayOf } from '../../calendar-date';
import { coverageOutlook } from '../coverage/outlook';
import { departments, events, experts, organizations, rotations, sites } from '../db/schema';
import { findConflicts } from '../schedule/conflicts';
import { listSittings } from '../schedule/sittings';
import { demoActors } from '../testing/demo-actors';
import { createTestDb } from '../testing/test-db';
import { emptyDbForEachTest } from '../testing/each-test';
import { clearDemoData, demoId, isDatabaseEmpty, seedDemoData } from './seed-demo';

// A Wednesday with no holidays nearby, so "this week" and "next week" are ordinary weeks.
const TODAY = '2026-11-25';
const MONDAY = mondayOf(TODAY);
const NEXT_MONDAY = addDays(MONDAY, 7);

const t = emptyDbForEachTest();

describe('loading the demo district', () => {
	it('fills an empty database and reports what it loaded', async () => {
		expect(await isDatabaseEmpty(t.db)).toBe(true);
		const summary = await seedDemoData(t.db, { today: TODAY });
		expect(await isDatabaseEmpty(t.db)).toBe(false);

		const orgs = await t.db.select().from(organizations);
		expect(orgs.filter((o) => o.kind === 'commission')).toHaveLength(1);
		expect(orgs.filter((o) => o.kind === 'lead_hospital' || o.kind === 'hospital')).toHaveLength(3);
		const centerRows = await t.db.select().from(sites);
		expect(centerRows).toHaveLength(16);
		expect(centerRows.every((s) => s.kind === 'community_center' && s.address.startsWith('重庆市沙坪坝区'))).toBe(true);
		const expertRows = await t.db.select().from(experts);
		expect(expertRows.length).toBeGreaterThanOrEqual(38);
		expect(new Set(expertRows.map((e) => e.title)).size).toBe(4);
		expect(new Set(expertRows.map((e) => e.departmentId)).size).toBeGreaterThanOrEqual(10);
		expect(summary.counts).toMatchObject({ sites: centerRows.length, experts: expertRows.length });
	});

	it('gives the same ids on every load, so shared links survive a reload', async () => {
		await seedDemoData(t.db, { today: TODAY });
		const first = (await t.db.select({ id: sites.id }).from(sites)).map((r) => r.id).sort();
		await clearDemoData(t.db);
		expect(await isDatabaseEmpty(t.db)).toBe(true);
		await seedDemoData(t.db, { today: TODAY });
		const second = (await t.db.select({ id: sites.id }).from(sites)).map((r) => r.id).sort();
		expect(second).toEqual(first);
		expect(demoId('site:xinqiao')).toMatch(/^[a-z2-9]{12}$/);
	});

	it('leaves the database untouched when loading fails halfway', async () => {
		await t.db.insert(departments).values({ id: 'taken', name: '心内科' });
		await expect(seedDemoData(t.db, { today: TODAY })).rejects.toThrow();
		expect(await isDatabaseEmpty(t.db)).toBe(true);
		expect(await t.db.select().from(rotations)).toHaveLength(0);
	});
});

describe('the demo schedule mirrors the seed articles', () => {
	beforeEach(async () => {
		await seedDemoData(t.db, { today: TODAY });
	});

	const nextWeek = async () => (await listSittings(t.db, { from: NEXT_MONDAY, to: addDays(NEXT_MONDAY, 6) })).sittings;

	it('has a 康复科 expert at 新桥 every Tuesday and Thursday morning', async () => {
		const kangfu = await t.db.select().from(departments).where(eq(departments.name, '康复科')).get();
		const { sittings } = await listSittings(t.db, {
			from: NEXT_MONDAY,
			to: addDays(NEXT_MONDAY, 13),
			siteIds: [demoId('site:xinqiao')],
			departmentId: kangfu!.id
		});
		expect(sittings.map((s) => isoWeekday(s.date))).toEqual([2, 4, 2, 4]);
		expect(new Set(sittings.map((s) => s.expertId)).size).toBe(1);
		expect(sittings.every((s) => s.startTime < '12:00')).toBe(true);
	});

	it('has four centers each covered by specialists on two weekdays', async () => {
		const byCenter = new Map<string, Set<number>>();
		for (const s of await nextWeek()) {
			const days = byCenter.get(s.siteId) ?? new Set<number>();
			days.add(isoWeekday(s.originalDate));
			byCenter.set(s.siteId, days);
		}
		const twoDayCenters = [...byCenter.values()].filter((days) => days.size === 2);
		expect(twoDayCenters.length).toBeGreaterThanOrEqual(4);
	});

	it('sits every 副主任医师-or-above expert at least one day a week', async () => {
		const seniors = (await t.db.select().from(experts)).filter((e) => e.title === '主任医师' || e.title === '副主任医师');
		expect(seniors.length).toBeGreaterThan(15);
		// Two ordinary weeks, so a leave in one of them does not hide the rule.
		const { sittings } = await listSittings(t.db, { from: addDays(NEXT_MONDAY, 7), to: addDays(NEXT_MONDAY, 13) });
		const sitting = new Set(sittings.map((s) => s.rosteredExpertId));
		expect(seniors.filter((e) => !sitting.has(e.id)).map((e) => e.name)).toEqual([]);
	});

	it('has a Monday-to-Friday roster with one expert a day at one center', async () => {
		const week = await nextWeek();
		const roster = week.filter((s) => s.site.name === '童家桥社区卫生服务中心');
		expect(roster.map((s) => isoWeekday(s.originalDate))).toEqual([1, 2, 3, 4, 5]);
		expect(new Set(roster.map((s) => s.rosteredExpertId)).size).toBe(5);
	});

	it('has cardiologists sitting next week', async () => {
		expect((await nextWeek()).filter((s) => s.department.name === '心内科' && s.status === 'scheduled').length).toBeGreaterThanOrEqual(3);
	});

	it('has a few cancellations and one substitution this week, each with a reason', async () => {
		const { sittings } = await listSittings(t.db, { from: MONDAY, to: addDays(MONDAY, 6) });
		const cancelled = sittings.filter((s) => s.status === 'cancelled');
		expect(cancelled.length).toBeGreaterThanOrEqual(2);
		expect(cancelled.every((s) => s.reason && isoWeekday(s.date) <= 5)).toBe(true);
		const substituted = sittings.filter((s) => s.substituted);
		expect(substituted).toHaveLength(1);
		expect(substituted[0]!.expertId).not.toBe(substituted[0]!.rosteredExpertId);
	});

	it('has a moved sitting and an expert on leave next week', async () => {
		const week = await nextWeek();
		expect(week.filter((s) => s.moved)).toHaveLength(1);
		expect(week.filter((s) => s.status === 'needs_cover').length).toBeGreaterThanOrEqual(1);
	});

	it('books no expert in two places at once and no center beyond its rooms', async () => {
		const { sittings } = await listSittings(t.db, { from: MONDAY, to: addDays(MONDAY, 8 * 7) });
		const siteRows = await t.db.select().from(sites);
		const conflicts = findConflicts(sittings, {
			expert: (id) => id,
			site: (id) => id,
			rooms: (id) => siteRows.find((s) => s.id === id)?.rooms ?? null
		});
		expect(conflicts.filter((c) => c.kind === 'expert_double_booked' || c.kind === 'site_over_rooms')).toEqual([]);
	});

	it('carries the Baijiantan coverage targets, and shows where the next 4 weeks fall short', async () => {
		const outlook = await coverageOutlook(t.db, demoActors.rmOrganizer, demoId('org:rm'), { today: TODAY });
		expect(outlook.rows.length).toBeGreaterThan(0);
		const shortfalls = outlook.shortfalls.map((s) => `${s.period.label} ${s.site?.name} ${s.words}`);
		// 石井坡's 副主任医师 comes every other week; in the week between, no 副高 sits there.
		expect(shortfalls).toContain('11月30日–12月6日 石井坡社区卫生服务中心 本周副高坐诊 0 天，目标 1 天');
		// This week's cancellation leaves 小龙坎 one specialist day.
		expect(shortfalls).toContain('11月23日–11月29日 小龙坎社区卫生服务中心 本周专科坐诊 1 天，目标 2 天');
	});

	it('has a numbered free clinic series, lectures, and one cancelled lecture', async () => {
		const { events } = await import('../db/schema');
		const rows = await t.db.select().from(events);
		const numbered = rows.filter((e) => e.issueNumber !== null).sort((a, b) => a.date.localeCompare(b.date));
		expect(numbered.map((e) => e.issueNumber)).toEqual([441, 442]);
		expect(rows.filter((e) => e.kind === 'lecture').length).toBeGreaterThanOrEqual(2);
		expect(rows.filter((e) => e.status === 'cancelled').map((e) => e.cancelReason)).toEqual([expect.stringContaining('改期')]);
	});
});

describe('demo events on any day of the week', () => {
	it('always has the weekend clinic still ahead, even when seeded on a Saturday or a Sunday', async () => {
		for (const today of ['2026-11-23', '2026-11-28', '2026-11-29']) {
			const t2 = await createTestDb();
			try {
				await seedDemoData(t2.db, { today });
				const clinic = (await t2.db.select().from(events).where(eq(events.id, demoId('event:clinic-this-saturday'))).get())!;
				expect(clinic.date > today, `seeded on ${today}`).toBe(true);
				expect(isoWeekday(clinic.date)).toBe(6);
			} finally {
				t2.cleanup();
			}
		}
	});
});
