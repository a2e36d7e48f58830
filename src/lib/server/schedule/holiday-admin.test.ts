import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../testing/test-db';
import { makeScheduleWorld } from '../testing/factories';
import { parseHolidayLines, saveHolidayYear } from './holiday-admin';
import { listSittings } from './sittings';

const admin = { userId: null, name: '系统管理员' };
let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
});
afterEach(() => t.cleanup());

describe('entering a year the package does not know', () => {
	it('turns the warning for 2027 into real holidays and swapped working days', async () => {
		const world = await makeScheduleWorld(t.db);
		await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=FR' });
		const before = await listSittings(t.db, { from: '2027-01-01', to: '2027-01-08', siteIds: [world.site.id] });
		expect(before.unknownHolidayYears).toEqual([2027]);

		await saveHolidayYear(t.db, admin, 2027, '2027-01-01 元旦\n2027-02-06 春节 至 2027-02-12\n2027-02-14 上班 春节');
		const after = await listSittings(t.db, { from: '2027-01-01', to: '2027-01-08', siteIds: [world.site.id] });
		expect(after.unknownHolidayYears).toEqual([]);
		expect(after.sittings.map((s) => [s.date, s.status, s.reason])).toEqual([
			['2027-01-01', 'holiday', '元旦'],
			['2027-01-08', 'scheduled', null]
		]);
	});

	it('names every line it cannot read, and refuses a date outside the year', () => {
		expect(parseHolidayLines('2027-02-06 春节 至 2027-02-12', 2027)).toHaveLength(7);
		expect(() => parseHolidayLines('2027-13-01 元旦\n明年元旦', 2027)).toThrow(/第 1 行.*第 2 行/);
		expect(() => parseHolidayLines('2026-10-01 国庆节', 2027)).toThrow('第 1 行的日期不在 2027 年');
	});
});
