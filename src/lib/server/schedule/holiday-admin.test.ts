import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy';
import { createUser } from '../auth/users';
import { auditLog, holidayDays, holidayYears } from '../db/schema';
import { createTestDb, type TestDb } from '../testing/test-db';
import { makeScheduleWorld } from '../testing/factories';
import { enteredHolidayYears, parseHolidayLines, saveHolidayYear } from './holiday-admin';
import { listSittings } from './sittings';

let t: TestDb;
let admin: Actor;
let organizer: Actor;
beforeEach(async () => {
	t = await createTestDb();
	const none = { organizerOf: [], volunteerOf: [], expertIds: [] };
	admin = { ...none, userId: await createUser(t.db, { email: 'admin@example.com', name: '系统管理员', isAdmin: true }), name: '系统管理员', isAdmin: true };
	organizer = { ...none, userId: await createUser(t.db, { email: 'organizer@example.com', name: '周晓梅' }), name: '周晓梅', isAdmin: false };
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

	it('is for an admin only: an organizer is refused before anything is written', async () => {
		const world = await makeScheduleWorld(t.db);
		organizer = { ...organizer, organizerOf: [world.hospital.id] };
		await expect(saveHolidayYear(t.db, organizer, 2027, '2027-01-01 元旦')).rejects.toMatchObject({ status: 403 });
		await expect(enteredHolidayYears(t.db, organizer)).rejects.toMatchObject({ status: 403 });
		expect(await t.db.select().from(holidayDays)).toEqual([]);
		expect(await t.db.select().from(holidayYears)).toEqual([]);
		expect(await t.db.select().from(auditLog)).toEqual([]);

		expect(await saveHolidayYear(t.db, admin, 2027, '2027-01-01 元旦')).toBe(1);
		expect(await enteredHolidayYears(t.db, admin)).toEqual([{ year: 2027, note: '系统管理员 录入', days: 1 }]);
	});

	it('names every line it cannot read, and refuses a date outside the year', () => {
		expect(parseHolidayLines('2027-02-06 春节 至 2027-02-12', 2027)).toHaveLength(7);
		expect(() => parseHolidayLines('2027-13-01 元旦\n明年元旦', 2027)).toThrow(/第 1 行.*第 2 行/);
		expect(() => parseHolidayLines('2026-10-01 国庆节', 2027)).toThrow('第 1 行的日期不在 2027 年');
	});
});
