import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holidayDays, holidayYears, organizations, swapDayRosters } from '../db/schema';
import { DomainError } from '../errors';
import { createTestDb, type TestDb } from '../testing/test-db';
import { makeScheduleWorld } from '../testing/factories';
import { findConflicts } from './conflicts';
import { changeSitting, recordLeave, restoreSitting, updateRotation } from './rotations';
import { listSittings, pinyinRanks } from './sittings';

let t: TestDb;
let world: Awaited<ReturnType<typeof makeScheduleWorld>>;

beforeEach(async () => {
	t = await createTestDb();
	world = await makeScheduleWorld(t.db);
});
afterEach(() => t.cleanup());

async function sittingsAt(from: string, to: string) {
	return (await listSittings(t.db, { from, to, siteIds: [world.site.id] })).sittings;
}
const dates = (list: { date: string }[]) => list.map((s) => s.date);

describe('expanding rotations into sittings', () => {
	it('puts a Tuesday-and-Thursday rotation on every Tuesday and Thursday', async () => {
		await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU,TH' });
		const list = await sittingsAt('2026-11-30', '2026-12-13');
		expect(dates(list)).toEqual(['2026-12-01', '2026-12-03', '2026-12-08', '2026-12-10']);
		expect(list.every((s) => s.status === 'scheduled' && s.startTime === '08:30' && s.endTime === '11:30')).toBe(true);
		expect(list[0]!.expert.name).toBe('李康');
		expect(list[0]!.department.name).toBe('康复科');
	});

	it('counts every other week from the week the rotation starts', async () => {
		// Starts the week of Monday 2 November: sits that week, skips the week of 9 November, and so on.
		await world.rotation({ rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE', validFrom: '2026-11-02' });
		const list = await sittingsAt('2026-11-01', '2026-12-31');
		expect(dates(list)).toEqual(['2026-11-04', '2026-11-18', '2026-12-02', '2026-12-16', '2026-12-30']);
	});

	it('finds the first Saturday of each month', async () => {
		await world.rotation({ rrule: 'FREQ=MONTHLY;BYDAY=1SA', startTime: '09:00', endTime: '12:00' });
		const list = await sittingsAt('2026-09-01', '2026-12-31');
		expect(dates(list)).toEqual(['2026-09-05', '2026-10-03', '2026-11-07', '2026-12-05']);
	});

	it('ends on the valid-until date and starts on the valid-from date', async () => {
		await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=MO', validFrom: '2026-11-10', validUntil: '2026-11-30' });
		const list = await sittingsAt('2026-11-01', '2026-12-31');
		expect(dates(list)).toEqual(['2026-11-16', '2026-11-23', '2026-11-30']);
	});
});

describe('the 2026 National Day holiday and its swapped working days', () => {
	beforeEach(async () => {
		// The lead hospital decided: Sunday 20 September runs Tuesday's roster, Saturday 10 October Thursday's.
		await t.db.insert(swapDayRosters).values([
			{ organizationId: world.hospital.id, date: '2026-09-20', followsWeekday: 2 },
			{ organizationId: world.hospital.id, date: '2026-10-10', followsWeekday: 4 }
		]);
	});

	it('skips the holiday and sits on the swapped working days that follow its weekdays', async () => {
		await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU,TH' });
		const list = await sittingsAt('2026-09-14', '2026-10-11');
		const byDate = Object.fromEntries(list.map((s) => [s.date, s]));
		expect(dates(list)).toEqual([
			'2026-09-15',
			'2026-09-17',
			'2026-09-20',
			'2026-09-22',
			'2026-09-24',
			'2026-09-29',
			'2026-10-01',
			'2026-10-06',
			'2026-10-08',
			'2026-10-10'
		]);
		expect(byDate['2026-09-20']).toMatchObject({ status: 'scheduled', onSwapDay: true });
		expect(byDate['2026-10-10']).toMatchObject({ status: 'scheduled', onSwapDay: true });
		expect(byDate['2026-10-01']).toMatchObject({ status: 'holiday', reason: '国庆节' });
		expect(byDate['2026-10-06']).toMatchObject({ status: 'holiday', reason: '国庆节' });
		expect(byDate['2026-10-08']).toMatchObject({ status: 'scheduled', onSwapDay: false });
	});

	it('does not sit on a swapped working day that follows a weekday the rotation does not cover', async () => {
		await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR' });
		const list = await sittingsAt('2026-09-14', '2026-10-11');
		expect(dates(list)).not.toContain('2026-09-20');
		expect(dates(list)).not.toContain('2026-10-10');
	});

	it('follows the roster the organization chose when an organizer changes it', async () => {
		await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=MO' });
		expect(dates(await sittingsAt('2026-10-05', '2026-10-11'))).not.toContain('2026-10-10');
		await t.db.update(swapDayRosters).set({ followsWeekday: 1 }).where(eq(swapDayRosters.date, '2026-10-10'));
		const list = await sittingsAt('2026-10-05', '2026-10-11');
		// Monday 5 October is a holiday; Saturday 10 October runs Monday's roster.
		expect(list.map((s) => [s.date, s.status])).toEqual([
			['2026-10-05', 'holiday'],
			['2026-10-10', 'scheduled']
		]);
	});

	it('falls back to the default weekday an ancestor organization chose', async () => {
		await t.db.update(organizations).set({ swapDayFollowsWeekday: 1 }).where(eq(organizations.id, world.commission.id));
		await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=MO' });
		// 2026-05-09 (Saturday) is the Labour Day swapped working day; nobody chose for that date.
		expect(dates(await sittingsAt('2026-05-04', '2026-05-10'))).toContain('2026-05-09');
	});

	it('ignores swapped working days when the rotation says they do not count', async () => {
		await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU,TH', countSwapDays: false });
		const list = await sittingsAt('2026-09-14', '2026-10-11');
		expect(dates(list)).not.toContain('2026-09-20');
		expect(dates(list)).not.toContain('2026-10-10');
	});

	it('keeps sitting on holidays when the rotation is told to, and reports it', async () => {
		await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TH', holidayPolicy: 'keep' });
		const list = await sittingsAt('2026-09-28', '2026-10-04');
		expect(list).toHaveLength(1);
		expect(list[0]).toMatchObject({ date: '2026-10-01', status: 'scheduled', onHoliday: '国庆节' });
		const conflicts = findConflicts(list, { expert: () => '李康', site: () => '新桥', rooms: () => null });
		expect(conflicts.map((c) => c.kind)).toEqual(['on_holiday']);
	});
});

describe('changes to one occurrence', () => {
	it('keeps a cancelled Tuesday through edits of the rule', async () => {
		const id = await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU,TH' });
		await changeSitting(t.db, id, '2026-12-01', { cancelled: true, reason: '专家外出参加学术会议' });

		// The rule moves to the afternoon and drops Thursday: the Tuesday change survives.
		await updateRotation(t.db, id, {
			expertId: world.expert.id,
			siteId: world.site.id,
			departmentId: world.department.id,
			rrule: 'FREQ=WEEKLY;BYDAY=TU',
			startTime: '14:30',
			endTime: '17:00',
			validFrom: '2026-01-05'
		});
		const list = await sittingsAt('2026-11-30', '2026-12-13');
		expect(list.map((s) => [s.date, s.status, s.startTime])).toEqual([
			['2026-12-01', 'cancelled', '14:30'],
			['2026-12-08', 'scheduled', '14:30']
		]);
		expect(list[0]!.reason).toBe('专家外出参加学术会议');
	});

	it('brings an override back when the rule returns to that weekday', async () => {
		const id = await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU' });
		await changeSitting(t.db, id, '2026-12-01', { cancelled: true, reason: '中心设备检修' });
		const base = {
			expertId: world.expert.id,
			siteId: world.site.id,
			departmentId: world.department.id,
			startTime: '08:30',
			endTime: '11:30',
			validFrom: '2026-01-05'
		};
		await updateRotation(t.db, id, { ...base, rrule: 'FREQ=WEEKLY;BYDAY=WE' });
		expect((await sittingsAt('2026-11-30', '2026-12-06')).map((s) => [s.date, s.status])).toEqual([['2026-12-02', 'scheduled']]);
		await updateRotation(t.db, id, { ...base, rrule: 'FREQ=WEEKLY;BYDAY=TU' });
		expect((await sittingsAt('2026-11-30', '2026-12-06')).map((s) => [s.date, s.status])).toEqual([['2026-12-01', 'cancelled']]);
	});

	it('names the substitute, keeps the rostered expert, and counts each change', async () => {
		const id = await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU,TH' });
		await changeSitting(t.db, id, '2026-12-03', { substituteExpertId: world.colleague.id });
		await changeSitting(t.db, id, '2026-12-03', { substituteExpertId: world.colleague.id, quota: 10 });
		const thursday = (await sittingsAt('2026-12-03', '2026-12-03'))[0]!;
		expect(thursday).toMatchObject({ status: 'scheduled', substituted: true, quota: 10, sequence: 1 });
		expect(thursday.expert.name).toBe('王复');
		expect(thursday.rosteredExpert.name).toBe('李康');

		// The substitute's own schedule shows the sitting they cover.
		const covering = await listSittings(t.db, { from: '2026-11-30', to: '2026-12-06', expertId: world.colleague.id });
		expect(covering.sittings.map((s) => s.date)).toEqual(['2026-12-03']);

		// Restored, it is the rule's sitting again, at a higher SEQUENCE than any calendar has seen.
		await restoreSitting(t.db, id, '2026-12-03');
		const restored = (await sittingsAt('2026-12-03', '2026-12-03'))[0]!;
		expect(restored).toMatchObject({ status: 'scheduled', substituted: false, moved: null, sequence: 2 });
		expect(restored.quota).toBe((await sittingsAt('2026-12-01', '2026-12-01'))[0]!.quota);
		expect(restored.expert.name).toBe('李康');
	});

	it('moves a sitting to another day and time within the range it lands in', async () => {
		const id = await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU' });
		await changeSitting(t.db, id, '2026-12-01', { newDate: '2026-12-09', newStartTime: '14:00', newEndTime: '16:00' });
		expect(dates(await sittingsAt('2026-11-30', '2026-12-06'))).toEqual([]);
		const next = await sittingsAt('2026-12-07', '2026-12-13');
		expect(next.map((s) => [s.date, s.startTime, s.originalDate])).toEqual([
			['2026-12-08', '08:30', '2026-12-08'],
			['2026-12-09', '14:00', '2026-12-01']
		]);
		expect(next[1]!.moved).toEqual({ date: '2026-12-01', startTime: '08:30', endTime: '11:30' });
	});

	it('refuses a change to a date the rotation does not sit on', async () => {
		const id = await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU' });
		await expect(changeSitting(t.db, id, '2026-12-02', { cancelled: true, reason: '测试' })).rejects.toThrow(
			'12月2日 周三 不是这个坐诊安排的班次'
		);
	});

	it('refuses a cancellation without a reason residents can read', async () => {
		const id = await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU' });
		const error = await changeSitting(t.db, id, '2026-12-01', { cancelled: true }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DomainError);
		expect(error).toMatchObject({ status: 400, field: 'reason' });
	});
});

describe('leave and conflicts', () => {
	it('marks the sittings of an expert on leave as needing cover until a substitute is named', async () => {
		const id = await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU,TH' });
		await recordLeave(t.db, { expertId: world.expert.id, startDate: '2026-12-02', endDate: '2026-12-09', reason: '外出进修' });
		let list = await sittingsAt('2026-11-30', '2026-12-13');
		expect(list.map((s) => [s.date, s.status])).toEqual([
			['2026-12-01', 'scheduled'],
			['2026-12-03', 'needs_cover'],
			['2026-12-08', 'needs_cover'],
			['2026-12-10', 'scheduled']
		]);
		await changeSitting(t.db, id, '2026-12-03', { substituteExpertId: world.colleague.id });
		list = await sittingsAt('2026-12-03', '2026-12-03');
		expect(list[0]).toMatchObject({ status: 'scheduled', substituted: true });
	});

	it('reports an expert booked at two sites at overlapping times', async () => {
		await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU', startTime: '08:30', endTime: '11:30' });
		await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU', siteId: world.otherSite.id, startTime: '10:00', endTime: '12:00' });
		// Afternoon at the other site does not overlap.
		await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TH', siteId: world.otherSite.id, startTime: '14:30', endTime: '17:00' });
		const { sittings } = await listSittings(t.db, { from: '2026-11-30', to: '2026-12-06', expertId: world.expert.id });
		const conflicts = findConflicts(sittings, {
			expert: (id) => sittings.find((s) => s.expertId === id)!.expert.name,
			site: (id) => sittings.find((s) => s.siteId === id)!.site.name,
			rooms: () => null
		});
		expect(conflicts).toHaveLength(1);
		expect(conflicts[0]).toMatchObject({ kind: 'expert_double_booked', date: '2026-12-01' });
		// The day as people read it, never 2026-12-01: the message is printed as it is everywhere.
		expect(conflicts[0]!.message).toBe('12月1日 周二 李康 同一时间安排在新桥社区卫生服务中心和凤凰社区卫生服务中心');
	});

	it('reports more experts at a site than it has rooms', async () => {
		await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU' });
		await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU', expertId: world.colleague.id });
		await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU', startTime: '14:30', endTime: '17:00' });
		const list = await sittingsAt('2026-12-01', '2026-12-01');
		const conflicts = findConflicts(list, { expert: () => 'x', site: () => '新桥', rooms: () => 1 });
		expect(conflicts.map((c) => [c.kind, c.sittingIds.length])).toEqual([['site_over_rooms', 2]]);
		expect(conflicts[0]!.message).toBe('12月1日 周二 08:30 新桥有 2 位专家坐诊，但只有 1 间诊室');
	});
});

describe('years without holiday data', () => {
	it('warns about 2027 instead of guessing its holidays', async () => {
		await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=FR' });
		const result = await listSittings(t.db, { from: '2026-12-28', to: '2027-01-10', siteIds: [world.site.id] });
		expect(result.unknownHolidayYears).toEqual([2027]);
		// 1 January 2027 is a Friday: without data it is shown as an ordinary sitting, with the warning.
		expect(result.sittings.map((s) => [s.date, s.status])).toEqual([
			['2027-01-01', 'scheduled'],
			['2027-01-08', 'scheduled']
		]);
	});

	it('uses the holidays an admin entered once the year is published', async () => {
		await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=FR' });
		await t.db.insert(holidayYears).values({ year: 2027, note: '国务院办公厅通知' });
		await t.db.insert(holidayDays).values({ date: '2027-01-01', kind: 'holiday', name: '元旦' });
		const result = await listSittings(t.db, { from: '2026-12-28', to: '2027-01-10', siteIds: [world.site.id] });
		expect(result.unknownHolidayYears).toEqual([]);
		expect(result.sittings.map((s) => [s.date, s.status])).toEqual([
			['2027-01-01', 'holiday'],
			['2027-01-08', 'scheduled']
		]);
	});

	it('lets an admin correct a day the package lists', async () => {
		await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TH' });
		await t.db.insert(holidayDays).values({ date: '2026-10-01', kind: 'normal', name: null });
		const list = await sittingsAt('2026-09-28', '2026-10-04');
		expect(list.map((s) => [s.date, s.status])).toEqual([['2026-10-01', 'scheduled']]);
	});
});

describe('invalid rotations', () => {
	it('rejects a rule that is not a valid recurrence, with the reason', async () => {
		await expect(world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=XX' })).rejects.toThrow('星期写法无法识别');
		await expect(world.rotation({ rrule: 'FREQ=HOURLY' })).rejects.toThrow('频率只能是');
		await expect(world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=3' })).rejects.toThrow('结束日期请填在“结束日期”里');
		await expect(world.rotation({ rrule: 'FREQ=WEEKLY' })).rejects.toThrow('星期几');
	});

	it('rejects an end time before the start time and an unknown expert', async () => {
		await expect(world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=MO', startTime: '12:00', endTime: '08:00' })).rejects.toThrow(
			'结束时间应晚于开始时间'
		);
		await expect(world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=MO', expertId: 'nobody' })).rejects.toThrow('所选专家不存在');
	});
});

describe('ordering sittings by site and expert name', () => {
	it('ranks names in the order the zh-CN collator sorts them, equal names sharing a rank', () => {
		const names = ['张伟', '王芳', '李娜', '安贞社区', '重庆沙坪坝', '曾庆', '张伟', 'ｚｈａｎｇ', 'zhang', '赵一', 'Ａ', 'A'];
		const ranks = pinyinRanks(names);
		const collator = new Intl.Collator('zh-CN');
		for (const a of names)
			for (const b of names) expect(Math.sign(ranks.get(a)! - ranks.get(b)!), `${a} vs ${b}`).toBe(Math.sign(collator.compare(a, b)));
	});
});
