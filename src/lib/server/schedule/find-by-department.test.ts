import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { m } from '../../i18n';
import { isDomainError } from '../errors';
import { demoId, seedDemoData } from '../seed/seed-demo';
import { createTestDb, type TestDb } from '../testing/test-db';
import type { FindWindowQuery } from './find-window';
import { changeSitting } from './rotations';
import { findByDepartment, searchLifetimeMs } from './public-schedule';
import { clearViewCache, HOUR_MS } from './view-cache';
import { createDemoDb } from '../testing/demo-db';

// The demo's week: Monday 2026-12-07. 李康宁 (康复科) sits at 新桥 every Tuesday and Thursday, 08:30–11:30.
const MONDAY = '2026-12-07';
const TUESDAY = '2026-12-08';
const THURSDAY = '2026-12-10';
const kangfu = demoId('department:康复科');
const likangning = demoId('expert:likangning');
const xinqiao = demoId('site:xinqiao');

let t: TestDb;
beforeAll(async () => {
	t = await createDemoDb(MONDAY);
});
afterAll(() => t.cleanup());
afterEach(() => clearViewCache());

const noWindow: FindWindowQuery = { when: null, date: null, from: null, to: null, week: null };

/** The dates 李康宁 is listed at 新桥 in a search result. */
async function likangningAtXinqiao(query: Partial<FindWindowQuery>, now: { date: string; time: string }) {
	const result = await findByDepartment(t.db, { ...noWindow, ...query, departmentId: kangfu }, now);
	return {
		result,
		dates: result.days.flatMap((d) => d.sittings.filter((s) => s.expert.id === likangning && s.site.id === xinqiao).map((s) => s.date))
	};
}

describe('找专家 by department', () => {
	it('finds 李康宁 at 新桥 tomorrow when a resident searches on Monday with the defaults', async () => {
		const { result, dates } = await likangningAtXinqiao({}, { date: MONDAY, time: '09:00' });
		expect(result.department).toEqual({ id: kangfu, name: '康复科' });
		expect(result.window).toMatchObject({ choice: 'this-week', from: MONDAY, to: '2026-12-13' });
		expect(result.rangeLabel).toBe('12月7日–12月13日');
		expect(dates).toEqual([TUESDAY, THURSDAY]);
		expect(result.days.every((d) => d.sittings.every((s) => s.department === '康复科'))).toBe(true);
		expect(result.later).toEqual({ when: 'next-week' });
	});

	it('finds next week’s sittings when asked for 下周, and none of this week’s', async () => {
		const { result, dates } = await likangningAtXinqiao({ when: 'next-week' }, { date: MONDAY, time: '09:00' });
		expect(dates).toEqual(['2026-12-15', '2026-12-17']);
		expect(result.days.every((d) => d.date >= '2026-12-14' && d.date <= '2026-12-20')).toBe(true);
	});

	it('lists a sitting of today until its end time has passed on the district clock', async () => {
		for (const [time, listed] of [['07:50', true], ['10:00', true], ['11:29', true], ['11:30', false], ['15:00', false]] as const) {
			const { result, dates } = await likangningAtXinqiao({}, { date: TUESDAY, time });
			expect(dates.includes(TUESDAY), `at ${time}`).toBe(listed);
			expect(dates, `at ${time}`).toContain(THURSDAY);
			const today = result.days.find((d) => d.date === TUESDAY);
			if (today) expect(today.isToday).toBe(true);
		}
	});

	it('says when the results next change by themselves: when the next of today’s sittings ends', async () => {
		const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
		for (const time of ['07:50', '11:29', '11:30', '15:00', '23:00']) {
			const { result } = await likangningAtXinqiao({}, { date: TUESDAY, time });
			const today = result.days.find((d) => d.date === TUESDAY)?.sittings ?? [];
			// Read off the listed sittings, not from the code's own rule: the earliest end of any listed today.
			const ends = today.map((s) => s.timeRange.slice(-5)).sort();
			expect(result.nextChangeAt, `at ${time}`).toBe(ends[0] ?? null);
			if (result.nextChangeAt) expect(minutes(result.nextChangeAt)).toBeGreaterThan(minutes(time));
		}
		// 李康宁's 11:30 end is among them in the morning, and kept until exactly then.
		const { result } = await likangningAtXinqiao({}, { date: TUESDAY, time: '11:00' });
		const elevenOClock = Date.UTC(2026, 11, 8, 3, 0, 0); // 11:00 in Beijing
		expect(result.nextChangeAt! <= '11:30').toBe(true);
		expect(searchLifetimeMs({ nextChangeAt: '11:30' }, { time: '11:00' }, HOUR_MS, elevenOClock + 20_000)).toBe(30 * 60_000 - 20_000);
		expect(searchLifetimeMs({ nextChangeAt: null }, { time: '11:00' }, HOUR_MS, elevenOClock)).toBe(HOUR_MS);
		expect(searchLifetimeMs({ nextChangeAt: '18:00' }, { time: '11:00' }, HOUR_MS, elevenOClock)).toBe(HOUR_MS);
	});

	it('drops a day whose sittings have all ended, and keeps later days', async () => {
		const { result } = await likangningAtXinqiao({}, { date: TUESDAY, time: '23:00' });
		expect(result.days.map((d) => d.date)).not.toContain(TUESDAY);
		expect(result.days.length).toBeGreaterThan(0);
	});

	it('shows a cancelled sitting of this week marked, not silently missing', async () => {
		const own = await createTestDb();
		try {
			await seedDemoData(own.db, { today: MONDAY });
			await changeSitting(own.db, demoId('rotation:xinqiao-kangfu'), THURSDAY, { cancelled: true, reason: '专家外出会诊' });
			const result = await findByDepartment(own.db, { ...noWindow, departmentId: kangfu }, { date: MONDAY, time: '09:00' });
			const thursday = result.days.find((d) => d.date === THURSDAY)?.sittings.find((s) => s.expert.id === likangning);
			expect(thursday).toMatchObject({ status: 'cancelled', reason: '专家外出会诊' });
		} finally {
			own.cleanup();
		}
	});

	it('never serves a week it kept from before a sitting in it was cancelled, to any search that shows it', async () => {
		const own = await createTestDb();
		try {
			await seedDemoData(own.db, { today: MONDAY });
			const thursdayOf = async (query: Partial<FindWindowQuery>) => {
				const result = await findByDepartment(own.db, { ...noWindow, ...query, departmentId: kangfu }, { date: MONDAY, time: '09:00' });
				return result.days.find((d) => d.date === THURSDAY)?.sittings.find((s) => s.expert.id === likangning)?.status;
			};
			expect(await thursdayOf({})).toBe('scheduled');
			await changeSitting(own.db, demoId('rotation:xinqiao-kangfu'), THURSDAY, { cancelled: true, reason: '专家外出会诊' });
			expect(await thursdayOf({})).toBe('cancelled');
			// 选日期 from Wednesday reads the same week: it sees the cancellation too.
			expect(await thursdayOf({ when: 'date', date: '2026-12-09' })).toBe('cancelled');
		} finally {
			own.cleanup();
		}
	});

	it('answers an old next-week link and a one-day link', async () => {
		expect((await likangningAtXinqiao({ from: '2026-12-14' }, { date: MONDAY, time: '09:00' })).dates).toEqual(['2026-12-15', '2026-12-17']);
		const oneDay = await likangningAtXinqiao({ from: THURSDAY, to: THURSDAY }, { date: MONDAY, time: '09:00' });
		expect(oneDay.dates).toEqual([THURSDAY]);
		expect(oneDay.result.rangeLabel).toBe('12月10日 周四');
	});

	it('returns the form’s defaults and no results without a department', async () => {
		const result = await findByDepartment(t.db, { ...noWindow, departmentId: null }, { date: MONDAY, time: '09:00' });
		expect(result).toMatchObject({ department: null, days: [], window: { choice: 'this-week', from: MONDAY } });
	});

	it('refuses a department that does not exist with a 400 and a Chinese message', async () => {
		const failure = await findByDepartment(t.db, { ...noWindow, departmentId: 'nope' }, { date: MONDAY, time: '09:00' }).then(
			() => null,
			(e: unknown) => e
		);
		expect(isDomainError(failure) && { status: failure.status, message: failure.message }).toEqual({ status: 400, message: m.errors.unknownDepartment });
	});
});
