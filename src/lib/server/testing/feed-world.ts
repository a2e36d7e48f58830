/**
 * The feeds' tests share one hospital's schedule: a rotation every Tuesday and Thursday through
 * National Day, its swapped working days, and one of each change (a cancellation, a substitute, a
 * move, three days of leave), made fresh for each test.
 */
import { swapDayRosters } from '../db/schema';
import { changeSitting, recordLeave } from '../schedule/rotations';
import { makeScheduleWorld } from './factories';
import { testDbForEachTest } from './each-test';
import { feedWindow, type FeedWindow } from '../feeds/sources';

export const ORIGIN = 'https://yizhen.example.org';
export const actor = { userId: null, name: '周晓梅' };
// 1 September to 31 October 2026: National Day (1–7 October), its swapped working days (Sunday 20
// September, Saturday 10 October), and the changes made for each test.
export const WINDOW: FeedWindow = feedWindow('2026-10-01', { daysBack: 30, daysAhead: 30 });

export function feedWorldForEachTest() {
	return testDbForEachTest(async (db) => {
		const world = await makeScheduleWorld(db);
		await db.insert(swapDayRosters).values([
			{ organizationId: world.hospital.id, date: '2026-09-20', followsWeekday: 2 },
			{ organizationId: world.hospital.id, date: '2026-10-10', followsWeekday: 4 }
		]);
		const rotationId = await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU,TH', countSwapDays: true });
		await changeSitting(db, rotationId, '2026-10-13', { cancelled: true, reason: '专家外出会诊' });
		await changeSitting(db, rotationId, '2026-10-15', { substituteExpertId: world.colleague.id });
		await changeSitting(db, rotationId, '2026-10-20', { newDate: '2026-10-21', newStartTime: '14:00', newEndTime: '17:00' });
		await recordLeave(db, { expertId: world.expert.id, startDate: '2026-10-27', endDate: '2026-10-29', reason: '外出学习' }, { status: 'approved' });
		return { world, rotationId };
	});
}
