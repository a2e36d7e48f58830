import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, rotations } from '../db/schema';
import { demoId, seedDemoData } from '../seed/seed-demo';
import { createTestDb, type TestDb } from '../testing/test-db';
import { createPlannedRotation, endRotation, previewRotation, updatePlannedRotation } from './rotation-plan';
import { listSittings } from './sittings';

const TODAY = '2026-11-25';
const organizer = { userId: null, name: '周晓梅' };
let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
	await seedDemoData(t.db, { today: TODAY });
});
afterEach(() => t.cleanup());

// 陈志明 sits at 天星桥 every Monday morning in the demo data.
const chen = demoId('expert:chenzhiming');
const cardiology = demoId('department:心内科');
const base = {
	expertId: chen,
	siteId: demoId('site:xinqiao'),
	departmentId: cardiology,
	startTime: '08:30',
	endTime: '11:30',
	validFrom: '2026-12-01'
};

describe('previewing a rotation before saving', () => {
	it('lists the next eight sittings and no conflict for a free slot', async () => {
		const preview = await previewRotation(t.db, { ...base, rrule: 'FREQ=WEEKLY;BYDAY=WE' }, { today: TODAY });
		expect(preview.sittings.map((s) => s.date)).toEqual([
			'2026-12-02', '2026-12-09', '2026-12-16', '2026-12-23', '2026-12-30', '2027-01-06', '2027-01-13', '2027-01-20'
		]);
		expect(preview.blocking).toEqual([]);
		expect(preview.description).toBe('每周三');
		// The eight weeks reach into 2027, whose holidays nobody has entered yet.
		expect(preview.unknownHolidayYears).toEqual([2027]);
	});

	it('names the clash when the expert is already elsewhere at that time', async () => {
		const preview = await previewRotation(t.db, { ...base, rrule: 'FREQ=WEEKLY;BYDAY=MO' }, { today: TODAY });
		expect(preview.blocking.length).toBeGreaterThan(0);
		expect(preview.blocking[0]!.message).toContain('陈志明');
		expect(preview.blocking[0]!.message).toContain('天星桥社区卫生服务中心');
	});

	it('rejects an impossible rule with a reason', async () => {
		await expect(previewRotation(t.db, { ...base, rrule: 'FREQ=WEEKLY;BYDAY=XX' }, { today: TODAY })).rejects.toMatchObject({
			status: 400,
			field: 'rrule'
		});
		await expect(previewRotation(t.db, { ...base, rrule: 'FREQ=WEEKLY;BYDAY=WE', endTime: '08:00' }, { today: TODAY })).rejects.toMatchObject({
			field: 'endTime'
		});
	});
});

describe('saving', () => {
	it('creates a free rotation with an audit entry, and refuses a double booking without writing', async () => {
		const id = await createPlannedRotation(t.db, organizer, { ...base, rrule: 'FREQ=WEEKLY;BYDAY=WE' }, { today: TODAY });
		const { sittings } = await listSittings(t.db, { from: '2026-12-02', to: '2026-12-02', siteIds: [base.siteId] });
		expect(sittings.some((s) => s.rotationId === id && s.expert.name === '陈志明')).toBe(true);
		const audit = await t.db.select().from(auditLog).where(eq(auditLog.objectId, id));
		expect(audit.map((a) => a.action)).toEqual(['rotation.create']);
		expect(audit[0]!.actorName).toBe('周晓梅');

		const before = (await t.db.select().from(rotations)).length;
		await expect(createPlannedRotation(t.db, organizer, { ...base, rrule: 'FREQ=WEEKLY;BYDAY=MO' }, { today: TODAY })).rejects.toMatchObject({
			status: 409
		});
		expect((await t.db.select().from(rotations)).length).toBe(before);
	});

	it('detects a stale edit instead of overwriting it', async () => {
		const id = demoId('rotation:xinqiao-kangfu');
		const row = (await t.db.select().from(rotations).where(eq(rotations.id, id)).get())!;
		const edit = { ...row, rrule: 'FREQ=WEEKLY;BYDAY=TU', validUntil: row.validUntil, note: row.note };
		await updatePlannedRotation(t.db, organizer, id, edit, { today: TODAY, expectedVersion: row.version });
		// A second person opened the form at the old version and saves afterwards.
		await expect(
			updatePlannedRotation(t.db, organizer, id, { ...edit, quota: 10 }, { today: TODAY, expectedVersion: row.version })
		).rejects.toMatchObject({ status: 409 });
		const now = (await t.db.select().from(rotations).where(eq(rotations.id, id)).get())!;
		expect(now.rrule).toBe('FREQ=WEEKLY;BYDAY=TU');
		expect(now.quota).toBe(row.quota);
		expect(now.version).toBe(row.version + 1);
	});

	it('ends a rotation from today, keeping its past sittings', async () => {
		const id = demoId('rotation:xinqiao-kangfu');
		await endRotation(t.db, organizer, id, { today: TODAY });
		const past = await listSittings(t.db, { from: '2026-11-17', to: '2026-11-19', siteIds: [demoId('site:xinqiao')] });
		const future = await listSittings(t.db, { from: '2026-12-01', to: '2026-12-03', siteIds: [demoId('site:xinqiao')] });
		expect(past.sittings.some((s) => s.rotationId === id)).toBe(true);
		expect(future.sittings.some((s) => s.rotationId === id)).toBe(false);
	});
});
