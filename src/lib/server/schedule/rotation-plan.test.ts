import { and, eq, like } from 'drizzle-orm';
import { addDays } from '../../calendar-date';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy';
import { auditLog, expertLeaves, experts, outboxMessages, rotations, sittingOverrides, smsFollows, smsMessages } from '../db/schema';
import { demoId } from '../seed/seed-demo';
import { endRotation, restoreRotation } from './rotation-end';
import { createPlannedRotation, previewRotation, rotationForEditing, updatePlannedRotation } from './rotation-plan';
import { listSittings } from './sittings';
import { demoActors } from '../testing/demo-actors';
import { demoDbForEachTest } from '../testing/demo-db';

const TODAY = '2026-11-25';
/** 区人民医院's organizer, who runs 新桥 and the other centers under it. */
const organizer: Actor = demoActors.rmOrganizer;
/** 陈家桥医院's organizer: their experts, their four centers, nothing of 区人民医院's. */
const cjqOrganizer: Actor = demoActors.cjqOrganizer;
const t = demoDbForEachTest(TODAY);

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

describe('taking an end back', () => {
	// 李康宁 sits at 新桥 on Tuesday and Thursday mornings, 08:30–11:30; TODAY is a Wednesday.
	const kangfu = demoId('rotation:xinqiao-kangfu');
	const xinqiao = demoId('site:xinqiao');
	const li = demoId('expert:likangning');
	const beijing = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`);
	const END_AT = beijing(TODAY, '10:00');
	const THURSDAY = '2026-11-26';
	const sittingsAhead = async () =>
		(await listSittings(t.db, { from: TODAY, to: addDays(TODAY, 60), siteIds: [xinqiao] })).sittings.filter((s) => s.rotationId === kangfu);
	const rotation = () => t.db.select().from(rotations).where(eq(rotations.id, kangfu)).get().then((r) => r!);
	const followerTexts = (kind: string) => t.db.select().from(smsMessages).where(and(eq(smsMessages.kind, kind), like(smsMessages.dedupeKey, '%13900009999')));
	const expertMail = (kind: string) => t.db.select().from(outboxMessages).where(eq(outboxMessages.kind, kind));
	const everything = async () => ({
		rotation: await rotation(),
		audit: await t.db.select().from(auditLog).where(eq(auditLog.objectId, kangfu)),
		texts: await t.db.select().from(smsMessages),
		mail: await t.db.select().from(outboxMessages)
	});
	const endEntryId = async () => (await t.db.select().from(auditLog).where(and(eq(auditLog.objectId, kangfu), eq(auditLog.action, 'rotation.end'))).get())!.id;

	beforeEach(async () => {
		// What the end must not lose: a cancelled Tuesday, a Thursday with a substitute at other hours, leave on a later Tuesday.
		await t.db.insert(sittingOverrides).values([
			{ id: 'o1', rotationId: kangfu, originalDate: '2026-12-01', cancelled: true, reason: '院内会诊', sequence: 1 },
			{ id: 'o2', rotationId: kangfu, originalDate: '2026-12-03', substituteExpertId: chen, newStartTime: '09:00', newEndTime: '11:00', sequence: 2 }
		]);
		await t.db.insert(expertLeaves).values({ id: 'l1', expertId: li, startDate: '2026-12-08', endDate: '2026-12-08', reason: '外出培训', status: 'approved' });
		// The rotation was to run until the end of June: restoring must bring that date back, not an open end.
		await t.db.update(rotations).set({ validUntil: '2027-06-30' }).where(eq(rotations.id, kangfu));
		// A resident who follows 李康宁 by phone (停诊提醒).
		await t.db.insert(smsFollows).values({ id: 'f1', phone: '13900009999', targetKind: 'expert', targetId: li, consentAt: END_AT, expiresAt: beijing('2027-05-01', '00:00'), stopToken: 'abcdefghijklmnop' });
	});

	it('puts back every sitting the end took away, with its per-date changes, and tells the expert and the followers told of the end', async () => {
		const before = await rotation();
		const ahead = await sittingsAhead();
		expect(ahead.map((s) => [s.date, s.status, s.expert.name, s.startTime])).toEqual(expect.arrayContaining([
			['2026-11-26', 'scheduled', '李康宁', '08:30'],
			['2026-12-01', 'cancelled', '李康宁', '08:30'],
			['2026-12-03', 'scheduled', '陈志明', '09:00'],
			['2026-12-08', 'needs_cover', '李康宁', '08:30']
		]));

		await endRotation(t.db, organizer, kangfu, { today: TODAY, now: END_AT });
		expect(await sittingsAhead()).toEqual([]);
		const cancelTexts = await followerTexts('sitting_cancelled');
		expect(cancelTexts.length).toBeGreaterThan(0);
		expect(await expertMail('rotation_end')).toMatchObject([{ toAddress: 'expert@yizhen.example', subject: '坐诊安排结束：新桥社区卫生服务中心' }]);
		const offer = (await rotationForEditing(t.db, organizer, kangfu, { today: TODAY, now: END_AT })).restore;
		expect(offer).toEqual({ endEntryId: await endEntryId(), open: true, until: '11月26日 周四 上午 08:30' });

		const RESTORE_AT = beijing(THURSDAY, '08:29');
		await restoreRotation(t.db, organizer, kangfu, { endEntryId: offer!.endEntryId }, { today: THURSDAY, now: RESTORE_AT });
		expect(await sittingsAhead()).toEqual(ahead);
		const after = await rotation();
		expect(after.validUntil).toBe('2027-06-30');
		expect({ ...after, version: before.version, updatedAt: before.updatedAt }).toEqual(before);
		expect(after.version).toBe(before.version + 2);

		// Each phone told 停诊 of a sitting now back hears 恢复 of that sitting, and nobody else.
		const sittingOf = (key: string | null) => key!.split(':')[2];
		const restoredTexts = await followerTexts('sitting_restored');
		expect(restoredTexts.map((x) => sittingOf(x.dedupeKey)).sort()).toEqual(cancelTexts.map((x) => sittingOf(x.dedupeKey)).sort());
		const [mail] = await expertMail('rotation_restore');
		expect(mail).toMatchObject({ toAddress: 'expert@yizhen.example', subject: '坐诊安排恢复：新桥社区卫生服务中心' });
		expect(mail!.textBody).toContain('下一次坐诊是 11月26日 周四 上午 08:30');
		const entry = (await t.db.select().from(auditLog).where(and(eq(auditLog.objectId, kangfu), eq(auditLog.action, 'rotation.restore'))).get())!;
		expect(entry).toMatchObject({
			at: RESTORE_AT,
			actorName: '周晓梅',
			before: { validUntil: '2026-11-24', version: before.version + 1 },
			after: { validUntil: before.validUntil, version: before.version + 2, undoes: offer!.endEntryId }
		});
		expect((await rotationForEditing(t.db, organizer, kangfu, { today: THURSDAY, now: RESTORE_AT })).restore).toBeNull();

		// A second click, or the button in another tab: refused, nothing written.
		const restored = await everything();
		await expect(restoreRotation(t.db, organizer, kangfu, { endEntryId: offer!.endEntryId }, { today: THURSDAY, now: RESTORE_AT })).rejects.toMatchObject({
			status: 409,
			field: 'form',
			message: '这次结束已经撤销过了，安排已经恢复。'
		});
		expect(await everything()).toEqual(restored);
	});

	it('refuses once the first sitting it took away has started, writing nothing', async () => {
		await endRotation(t.db, organizer, kangfu, { today: TODAY, now: END_AT });
		const ended = await everything();
		const id = await endEntryId();
		for (const late of [beijing(THURSDAY, '08:30'), beijing('2026-11-27', '09:00')]) {
			await expect(restoreRotation(t.db, organizer, kangfu, { endEntryId: id }, { today: late.toISOString().slice(0, 10), now: late })).rejects.toMatchObject({
				status: 409,
				field: 'form',
				message: '结束后的第一次坐诊（11月26日 周四 上午 08:30）已经过了开始时间，不能再恢复：恢复会让没有发生的坐诊出现在记录里。请新建一条坐诊安排。'
			});
			expect((await rotationForEditing(t.db, organizer, kangfu, { today: TODAY, now: late })).restore).toMatchObject({ open: false, until: '11月26日 周四 上午 08:30' });
		}
		expect(await everything()).toEqual(ended);
	});

	it('refuses an end the rotation was edited after, a second end, and an unknown end', async () => {
		await endRotation(t.db, organizer, kangfu, { today: TODAY, now: END_AT });
		await expect(endRotation(t.db, organizer, kangfu, { today: TODAY, now: END_AT })).rejects.toMatchObject({ status: 409, message: '这条坐诊安排已经结束了，不用再结束。' });
		const id = await endEntryId();
		await expect(restoreRotation(t.db, organizer, kangfu, { endEntryId: 'no-such-entry' }, { today: TODAY, now: END_AT })).rejects.toMatchObject({ status: 404 });
		const row = await rotation();
		await updatePlannedRotation(t.db, organizer, kangfu, { ...row, quota: 12 }, { today: TODAY, expectedVersion: row.version });
		const edited = await everything();
		await expect(restoreRotation(t.db, organizer, kangfu, { endEntryId: id }, { today: TODAY, now: END_AT })).rejects.toMatchObject({
			status: 409,
			message: '结束之后这条安排又修改过，不能再一键恢复。请在上面的表单里修改有效期，或新建一条坐诊安排。'
		});
		expect((await rotationForEditing(t.db, organizer, kangfu, { today: TODAY, now: END_AT })).restore).toBeNull();
		expect(await everything()).toEqual(edited);
	});

	it('is refused to an organizer of another hospital, writing nothing', async () => {
		await endRotation(t.db, organizer, kangfu, { today: TODAY, now: END_AT });
		const ended = await everything();
		await expect(restoreRotation(t.db, cjqOrganizer, kangfu, { endEntryId: await endEntryId() }, { today: TODAY, now: END_AT })).rejects.toMatchObject({ status: 403 });
		expect(await everything()).toEqual(ended);
	});

	it('switches a rotation that had not started back on', async () => {
		const id = await createPlannedRotation(t.db, organizer, { ...base, rrule: 'FREQ=WEEKLY;BYDAY=WE' }, { today: TODAY });
		await endRotation(t.db, organizer, id, { today: TODAY, now: END_AT });
		expect((await t.db.select().from(rotations).where(eq(rotations.id, id)).get())!).toMatchObject({ active: false, validUntil: null });
		const offer = (await rotationForEditing(t.db, organizer, id, { today: TODAY, now: END_AT })).restore!;
		expect(offer).toMatchObject({ open: true, until: '12月2日 周三 上午 08:30' });
		await restoreRotation(t.db, organizer, id, { endEntryId: offer.endEntryId }, { today: TODAY, now: END_AT });
		expect((await t.db.select().from(rotations).where(eq(rotations.id, id)).get())!).toMatchObject({ active: true, validUntil: null });
		const { sittings } = await listSittings(t.db, { from: '2026-12-02', to: '2026-12-02', siteIds: [base.siteId] });
		expect(sittings.some((s) => s.rotationId === id)).toBe(true);
	});
});
