import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy';
import { loadActor } from '../auth/users';
import { auditLog, registrations, users } from '../db/schema';
import { demoId } from '../seed/seed-demo';
import { countAttendance, eventAttendance, eventAttendanceForOrganizer } from './attendance';
import { recentSittingsOfExpert, recordSittingVisits, visitsOfSitting } from './sitting-visits';
import { demoDbForEachTest } from '../testing/demo-db';

const TODAY = '2026-11-25';
const clinic = demoId('event:clinic-this-saturday');
const t = demoDbForEachTest(TODAY);

async function actorOf(email: string) {
	const row = (await t.db.select().from(users).where(eq(users.email, email)).get())!;
	return loadActor(t.db, row);
}
const expertActor = (key: string): Actor => ({ userId: demoId('user:expert@yizhen.example'), name: key, isAdmin: false, organizerOf: [], volunteerOf: [], expertIds: [demoId(`expert:${key}`)] });
const sitting = (rotation: string, date: string) => `${demoId(`rotation:${rotation}`)}_${date}`;

describe('event attendance', () => {
	it('counts each kind once, and calls the absent no-shows only after the event', () => {
		const rows = [
			{ status: 'registered', walkIn: false, checkedIn: true },
			{ status: 'registered', walkIn: false, checkedIn: false },
			{ status: 'registered', walkIn: true, checkedIn: true },
			{ status: 'waitlisted', walkIn: false, checkedIn: false },
			{ status: 'waitlisted', walkIn: false, checkedIn: true },
			{ status: 'cancelled', walkIn: false, checkedIn: false }
		] as const;
		expect(countAttendance(rows, 'running')).toEqual({
			phase: 'running',
			registered: 2,
			attended: 2,
			walkIns: 1,
			noShows: null,
			notYetArrived: 1,
			waitlisted: 1,
			cancelled: 1,
			served: 3
		});
		expect(countAttendance(rows, 'over')).toMatchObject({ noShows: 1, notYetArrived: null });
	});

	it('reads the numbers of a real event before and after it', async () => {
		const regs = await t.db.select({ id: registrations.id }).from(registrations).where(eq(registrations.eventId, clinic));
		expect(regs).toHaveLength(36);
		await t.db.update(registrations).set({ checkedInAt: new Date() }).where(inArray(registrations.id, [regs[0]!.id, regs[1]!.id]));
		await t.db.update(registrations).set({ status: 'cancelled' }).where(eq(registrations.id, regs[2]!.id));
		await t.db.insert(registrations).values({
			id: 'walkin1',
			eventId: clinic,
			name: '路过的居民',
			phone: '13900001111',
			ageBand: '60_69',
			consentAt: new Date(),
			status: 'registered',
			checkInCode: 'WALK01',
			manageTokenHash: 'x',
			walkIn: true,
			checkedInAt: new Date()
		});
		const before = await eventAttendance(t.db, clinic, { date: TODAY, time: '10:00' });
		expect(before).toMatchObject({ phase: 'before', registered: 35, attended: 2, walkIns: 1, notYetArrived: 33, noShows: null, cancelled: 1, served: 3 });
		const after = await eventAttendance(t.db, clinic, { date: '2026-11-28', time: '12:00' });
		expect(after).toMatchObject({ phase: 'over', noShows: 33, notYetArrived: null });
		// The falls lecture is full: two people wait.
		expect(await eventAttendance(t.db, demoId('event:lecture-falls'), { date: TODAY, time: '10:00' })).toMatchObject({ registered: 30, waitlisted: 2 });
		await expect(eventAttendance(t.db, 'nope', { date: TODAY, time: '10:00' })).rejects.toMatchObject({ status: 404 });
	});

	it('shows the organizer page only to organizers of the event', async () => {
		const page = await eventAttendanceForOrganizer(t.db, await actorOf('organizer@yizhen.example'), clinic, { date: TODAY, time: '10:00' });
		expect(page.event).toMatchObject({ when: '11月28日 周六 上午', capacity: 120 });
		await expect(eventAttendanceForOrganizer(t.db, await actorOf('organizer.cjq@yizhen.example'), clinic, { date: TODAY, time: '10:00' })).rejects.toMatchObject({ status: 403 });
		await expect(eventAttendanceForOrganizer(t.db, await actorOf('volunteer@yizhen.example'), clinic, { date: TODAY, time: '10:00' })).rejects.toMatchObject({ status: 403 });
	});
});

describe('诊疗人次 of a sitting', () => {
	it('lets the expert record and correct a past sitting, and reads it back', async () => {
		const expert = await actorOf('expert@yizhen.example');
		const tuesday = sitting('xinqiao-kangfu', '2026-11-24');
		expect(await visitsOfSitting(t.db, tuesday)).toBeNull();
		expect(await recordSittingVisits(t.db, expert, tuesday, '12', TODAY)).toBe('诊疗人次 11月24日 周二 上午 新桥社区卫生服务中心 李康宁：12');
		expect(await recordSittingVisits(t.db, expert, tuesday, 15, TODAY)).toContain('12 → 15');
		expect(await visitsOfSitting(t.db, tuesday)).toMatchObject({ patientsSeen: 15, recordedBy: '李康宁' });
		expect((await t.db.select().from(auditLog).where(eq(auditLog.objectId, tuesday))).map((a) => a.action)).toEqual(['sitting.visits', 'sitting.visits']);

		const recent = await recentSittingsOfExpert(t.db, expert, demoId('expert:likangning'), TODAY);
		expect(recent.map((s) => s.when)).toEqual(['11月24日 周二 上午', '11月19日 周四 上午', '11月17日 周二 上午', '11月12日 周四 上午']);
		expect(recent[0]!.visits).toMatchObject({ patientsSeen: 15 });
		expect(recent[1]!.visits).toBeNull();
		await expect(recentSittingsOfExpert(t.db, expertActor('chenzhiming'), demoId('expert:likangning'), TODAY)).rejects.toMatchObject({ status: 403 });
	});

	it('lets an organizer of the site record, and the substitute who sat, but not the expert on leave or other hospitals', async () => {
		const organizer = await actorOf('organizer@yizhen.example');
		const tuesday = sitting('xinqiao-kangfu', '2026-11-24');
		await recordSittingVisits(t.db, organizer, tuesday, '0', TODAY);
		expect(await visitsOfSitting(t.db, tuesday)).toMatchObject({ patientsSeen: 0, recordedBy: '周晓梅' });
		await expect(recordSittingVisits(t.db, await actorOf('organizer.cjq@yizhen.example'), tuesday, '3', TODAY)).rejects.toMatchObject({ status: 403 });
		await expect(recordSittingVisits(t.db, expertActor('chenzhiming'), tuesday, '3', TODAY)).rejects.toMatchObject({ status: 403 });
		// Today's Wednesday sitting at 天星桥 is covered by 孙倩.
		const covered = sitting('tianxingqiao-we', TODAY);
		await expect(recordSittingVisits(t.db, expertActor('huangxiuying'), covered, '8', TODAY)).rejects.toMatchObject({ status: 403 });
		expect(await recordSittingVisits(t.db, expertActor('sunqian'), covered, '8', TODAY)).toContain('孙倩：8');
	});

	it('refuses bad numbers, future and cancelled sittings, and ids that name nothing', async () => {
		const expert = await actorOf('expert@yizhen.example');
		const tuesday = sitting('xinqiao-kangfu', '2026-11-24');
		for (const [value, message] of [
			['', '请填写诊疗人次'],
			['abc', '请填写诊疗人次'],
			['12.5', '应为整数'],
			['-1', '不能为负数'],
			['501', '不能超过 500'],
			[null, '请填写诊疗人次']
		] as const) {
			await expect(recordSittingVisits(t.db, expert, tuesday, value, TODAY)).rejects.toMatchObject({ status: 400, field: 'patientsSeen', message: expect.stringContaining(message) });
		}
		await expect(recordSittingVisits(t.db, expert, sitting('xinqiao-kangfu', '2026-11-26'), '5', TODAY)).rejects.toMatchObject({ status: 409, message: expect.stringContaining('还没有到') });
		const organizer = await actorOf('organizer@yizhen.example');
		await expect(recordSittingVisits(t.db, organizer, sitting('yubeilu-we', TODAY), '5', TODAY)).rejects.toMatchObject({ status: 409, message: expect.stringContaining('已停诊') });
		await expect(recordSittingVisits(t.db, expert, sitting('xinqiao-kangfu', '2026-11-25'), '5', TODAY)).rejects.toMatchObject({ status: 404 });
		await expect(recordSittingVisits(t.db, expert, 'garbage', '5', TODAY)).rejects.toMatchObject({ status: 404 });
		await expect(recordSittingVisits(t.db, expert, 'nope_2026-11-24', '5', TODAY)).rejects.toMatchObject({ status: 404 });
		expect(await visitsOfSitting(t.db, tuesday)).toBeNull();
	});
});
