import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy';
import { auditLog, experts, rotations } from '../db/schema';
import { demoId, seedDemoData } from '../seed/seed-demo';
import { createTestDb, type TestDb } from '../testing/test-db';
import { createPlannedRotation, endRotation, previewRotation, rotationForEditing, updatePlannedRotation } from './rotation-plan';
import { listSittings } from './sittings';
import { demoActors } from '../testing/demo-actors';

const TODAY = '2026-11-25';
/** 区人民医院's organizer, who runs 新桥 and the other centers under it. */
const organizer: Actor = demoActors.rmOrganizer;
/** 陈家桥医院's organizer: their experts, their four centers, nothing of 区人民医院's. */
const cjqOrganizer: Actor = demoActors.cjqOrganizer;
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
		const preview = await previewRotation(t.db, organizer, { ...base, rrule: 'FREQ=WEEKLY;BYDAY=WE' }, { today: TODAY });
		expect(preview.sittings.map((s) => s.date)).toEqual([
			'2026-12-02', '2026-12-09', '2026-12-16', '2026-12-23', '2026-12-30', '2027-01-06', '2027-01-13', '2027-01-20'
		]);
		expect(preview.blocking).toEqual([]);
		expect(preview.description).toBe('每周三');
		// The eight weeks reach into 2027, whose holidays nobody has entered yet.
		expect(preview.unknownHolidayYears).toEqual([2027]);
	});

	it('names the clash when the expert is already elsewhere at that time', async () => {
		const preview = await previewRotation(t.db, organizer, { ...base, rrule: 'FREQ=WEEKLY;BYDAY=MO' }, { today: TODAY });
		expect(preview.blocking.length).toBeGreaterThan(0);
		expect(preview.blocking[0]!.message).toContain('陈志明');
		expect(preview.blocking[0]!.message).toContain('天星桥社区卫生服务中心');
	});

	it('rejects an impossible rule with a reason', async () => {
		await expect(previewRotation(t.db, organizer, { ...base, rrule: 'FREQ=WEEKLY;BYDAY=XX' }, { today: TODAY })).rejects.toMatchObject({
			status: 400,
			field: 'rrule'
		});
		await expect(previewRotation(t.db, organizer, { ...base, rrule: 'FREQ=WEEKLY;BYDAY=WE', endTime: '08:00' }, { today: TODAY })).rejects.toMatchObject({
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

describe('who may plan where', () => {
	const kangfu = demoId('rotation:xinqiao-kangfu');
	const snapshot = async () => ({
		rotations: await t.db.select().from(rotations),
		audit: (await t.db.select().from(auditLog)).length
	});

	it('refuses an organizer of another hospital every writer on 区人民医院’s center, and writes nothing', async () => {
		const before = await snapshot();
		const row = (await t.db.select().from(rotations).where(eq(rotations.id, kangfu)).get())!;
		const edit = { ...row, rrule: 'FREQ=WEEKLY;BYDAY=TU' };
		const wednesday = { ...base, rrule: 'FREQ=WEEKLY;BYDAY=WE' };
		await expect(createPlannedRotation(t.db, cjqOrganizer, wednesday, { today: TODAY })).rejects.toMatchObject({ status: 403 });
		await expect(updatePlannedRotation(t.db, cjqOrganizer, kangfu, edit, { today: TODAY, expectedVersion: row.version })).rejects.toMatchObject({ status: 403 });
		await expect(endRotation(t.db, cjqOrganizer, kangfu, { today: TODAY })).rejects.toMatchObject({ status: 403 });
		await expect(previewRotation(t.db, cjqOrganizer, wednesday, { today: TODAY })).rejects.toMatchObject({ status: 403 });
		await expect(rotationForEditing(t.db, cjqOrganizer, kangfu, { today: TODAY })).rejects.toMatchObject({ status: 403 });
		// Nor may they move 区人民医院's rotation to one of their own centers.
		const toJingkou = { ...edit, siteId: demoId('site:jingkou') };
		await expect(updatePlannedRotation(t.db, cjqOrganizer, kangfu, toJingkou, { today: TODAY, expectedVersion: row.version })).rejects.toMatchObject({ status: 403 });
		expect(await snapshot()).toEqual(before);

		expect((await rotationForEditing(t.db, organizer, kangfu, { today: TODAY })).rotation.id).toBe(kangfu);
		await updatePlannedRotation(t.db, organizer, kangfu, edit, { today: TODAY, expectedVersion: row.version });
		await endRotation(t.db, organizer, kangfu, { today: TODAY });
		expect(await createPlannedRotation(t.db, organizer, wednesday, { today: TODAY })).toEqual(expect.any(String));
	});

	it('refuses the center’s own organizer a move to a center of another hospital', async () => {
		const row = (await t.db.select().from(rotations).where(eq(rotations.id, kangfu)).get())!;
		const toJingkou = { ...row, siteId: demoId('site:jingkou') };
		await expect(updatePlannedRotation(t.db, organizer, kangfu, toJingkou, { today: TODAY, expectedVersion: row.version })).rejects.toMatchObject({ status: 403 });
		expect((await t.db.select().from(rotations).where(eq(rotations.id, kangfu)).get())!.siteId).toBe(row.siteId);
	});

	it('rosters an active expert of another organization at one’s own center, but not a deactivated or unknown one', async () => {
		// 陈志明 is 区人民医院's; 井口 is a 陈家桥 center.
		const atJingkou = { ...base, siteId: demoId('site:jingkou'), rrule: 'FREQ=WEEKLY;BYDAY=WE' };
		const id = await createPlannedRotation(t.db, cjqOrganizer, atJingkou, { today: TODAY });
		expect((await t.db.select().from(rotations).where(eq(rotations.id, id)).get())!.expertId).toBe(chen);

		const before = (await t.db.select().from(rotations)).length;
		await expect(createPlannedRotation(t.db, cjqOrganizer, { ...atJingkou, expertId: 'no-such-expert' }, { today: TODAY })).rejects.toMatchObject({ status: 400, field: 'expertId' });
		await expect(createPlannedRotation(t.db, cjqOrganizer, { ...atJingkou, siteId: 'no-such-site' }, { today: TODAY })).rejects.toMatchObject({ status: 400, field: 'siteId' });
		await t.db.update(experts).set({ active: false }).where(eq(experts.id, chen));
		await expect(createPlannedRotation(t.db, cjqOrganizer, { ...atJingkou, rrule: 'FREQ=WEEKLY;BYDAY=FR' }, { today: TODAY })).rejects.toMatchObject({ status: 400, field: 'expertId' });
		expect((await t.db.select().from(rotations)).length).toBe(before);
		// A rotation of an expert deactivated since can still be ended or changed without picking someone else.
		const row = (await t.db.select().from(rotations).where(eq(rotations.id, id)).get())!;
		await updatePlannedRotation(t.db, cjqOrganizer, id, { ...row, quota: 8 }, { today: TODAY, expectedVersion: row.version });
		await endRotation(t.db, cjqOrganizer, id, { today: TODAY });
	});
});
