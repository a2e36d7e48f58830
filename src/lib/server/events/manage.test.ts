import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../calendar-date';
import { auditTrail } from '../audit/audit';
import type { Actor } from '../auth/policy';
import { loadActor } from '../auth/users';
import { openDatabase } from '../db/client';
import { auditLog, events, eventSeries, mailFanouts, outboxMessages, registrations, smsMessages, users, volunteerRoles, volunteerShifts } from '../db/schema';
import { expandFanouts } from '../notify/resident-mail';
import { demoId } from '../seed/seed-demo';
import { type TestDb } from '../testing/test-db';
import { eventFormState, eventInputFromForm, eventToForm } from './event-form';
import { cancelEvent, restoreEvent } from './cancellation';
import { copyEvent, createOrganizerEvent, updateEvent, type OrganizerEventInput } from './manage';
import { eventForEditing, findEventForOrganizer, listEventsForOrganizer } from './organizer-events';
import { registerForEvent } from './registration';
import { createSeriesForOrganizer, listSeriesForOrganizer, seriesForOrganizations } from './series';
import { createDemoDb } from '../testing/demo-db';

const TODAY = '2026-11-25';
const OPTIONS = { today: TODAY };
const THIS_SATURDAY = demoId('event:clinic-this-saturday');
const LECTURE_FULL = demoId('event:lecture-falls');
let t: TestDb;
let organizer: Actor;
let otherOrganizer: Actor;
let admin: Actor;
let seriesId: string;

async function actorFor(email: string): Promise<Actor> {
	const user = (await t.db.select().from(users).where(eq(users.email, email)).get())!;
	return loadActor(t.db, user);
}

beforeEach(async () => {
	t = await createDemoDb(TODAY);
	organizer = await actorFor('organizer@yizhen.example');
	otherOrganizer = await actorFor('organizer.cjq@yizhen.example');
	admin = { ...organizer, isAdmin: true, organizerOf: [] };
	seriesId = (await t.db.select({ id: eventSeries.id }).from(eventSeries).where(eq(eventSeries.name, '沙坪坝周末义诊')).get())!.id;
});
afterEach(() => t.cleanup());

const clinic = (extra: Partial<OrganizerEventInput> = {}): OrganizerEventInput => ({
	kind: 'free_clinic',
	siteId: demoId('site:xinqiao'),
	seriesId,
	title: '沙坪坝周末义诊：慢病筛查',
	date: '2026-12-12',
	startTime: '08:30',
	endTime: '11:30',
	capacity: 50,
	services: ['量血压', '测血糖'],
	departmentIds: [demoId('department:心内科')],
	expertIds: [demoId('expert:chenzhiming')],
	volunteerRoles: [
		{ name: '导诊', needed: 2 },
		{ name: '登记', needed: 1 }
	],
	...extra
});
const person = (n: number) => ({ name: `居民${n}`, phone: `1390000${String(n).padStart(4, '0')}`, ageBand: '60_69', community: '新桥社区', consent: true });
const row = (id: string) => t.db.select().from(events).where(eq(events.id, id)).get().then((r) => r!);
const rolesOf = (id: string) => t.db.select({ id: volunteerRoles.id, name: volunteerRoles.name, needed: volunteerRoles.needed }).from(volunteerRoles).where(eq(volunteerRoles.eventId, id)).orderBy(volunteerRoles.sortOrder);

describe('creating', () => {
	it('numbers a series event after the demo issues 441 and 442 and stores its volunteer roles', async () => {
		const id = await createOrganizerEvent(t.db, organizer, clinic(), OPTIONS);
		const e = await row(id);
		expect(e.issueNumber).toBe(443);
		expect(e.organizationId).not.toBeNull();
		expect((await rolesOf(id)).map((r) => `${r.name}${r.needed}`)).toEqual(['导诊2', '登记1']);
		expect((await auditTrail(t.db, 'event', id))[0]!.summary).toContain('第443期');
	});

	it('refuses a site outside the organizer’s hospital, a past date, a lecture in a clinic series, a series from another hospital, and bad rows', async () => {
		await expect(createOrganizerEvent(t.db, otherOrganizer, clinic({ seriesId: null }), OPTIONS)).rejects.toMatchObject({ status: 403 });
		await expect(createOrganizerEvent(t.db, organizer, clinic({ date: '2026-11-24' }), OPTIONS)).rejects.toMatchObject({ field: 'date', message: '日期不能早于今天' });
		await expect(
			createOrganizerEvent(t.db, organizer, clinic({ kind: 'lecture', topic: '高血压', speakerName: '王老师' }), OPTIONS)
		).rejects.toMatchObject({ field: 'seriesId', message: expect.stringContaining('义诊系列') });
		await expect(createOrganizerEvent(t.db, otherOrganizer, clinic({ siteId: demoId('site:jingkou') }), OPTIONS)).rejects.toMatchObject({ field: 'seriesId', status: 400 });
		await expect(createOrganizerEvent(t.db, organizer, clinic({ endTime: '08:00' }), OPTIONS)).rejects.toMatchObject({ field: 'endTime', message: '结束时间应晚于开始时间' });
		await expect(
			createOrganizerEvent(t.db, organizer, clinic({ volunteerRoles: [{ name: '导诊', needed: 1 }, { name: '导诊', needed: 2 }] }), OPTIONS)
		).rejects.toMatchObject({ field: 'volunteerRoles', message: '岗位名称不能重复' });
		await expect(createOrganizerEvent(t.db, organizer, clinic({ expertIds: ['nobody'] }), OPTIONS)).rejects.toMatchObject({ field: 'expertIds' });
		await expect(createOrganizerEvent(t.db, organizer, clinic({ siteId: 'nowhere' }), OPTIONS)).rejects.toMatchObject({ field: 'siteId' });
		await expect(createOrganizerEvent(t.db, organizer, clinic({ seriesId: 'none' }), OPTIONS)).rejects.toMatchObject({ field: 'seriesId', message: '所选系列不存在' });
		await expect(createOrganizerEvent(t.db, organizer, clinic({ departmentIds: ['none'] }), OPTIONS)).rejects.toMatchObject({ field: 'departmentIds' });
		await expect(createOrganizerEvent(t.db, organizer, clinic({ volunteerRoles: [{ name: '导诊', needed: 0 }] }), OPTIONS)).rejects.toMatchObject({ field: 'volunteerRoles', message: '每个岗位至少需要 1 人' });
		// Nothing was half-written: the counter did not move.
		expect((await t.db.select().from(eventSeries).where(eq(eventSeries.id, seriesId)).get())!.nextIssue).toBe(443);
	});

	it('asks a lecture for its topic and speaker, and drops clinic fields from it', async () => {
		await expect(createOrganizerEvent(t.db, organizer, clinic({ kind: 'lecture', seriesId: null, speakerName: '王老师' }), OPTIONS)).rejects.toMatchObject({ field: 'topic' });
		await expect(createOrganizerEvent(t.db, organizer, clinic({ kind: 'lecture', seriesId: null, topic: '控糖' }), OPTIONS)).rejects.toMatchObject({ field: 'speakerName' });
		const id = await createOrganizerEvent(t.db, organizer, clinic({ kind: 'lecture', seriesId: null, topic: '控糖', speakerName: '王老师' }), OPTIONS);
		const e = await row(id);
		expect([e.issueNumber, e.services, e.speakerName]).toEqual([null, [], '王老师']);
	});
});

describe('the form', () => {
	it('reads ticked services plus the free text, keeps rows with ids, and reports a row without a name', () => {
		const data = new FormData();
		for (const [k, v] of Object.entries({ kind: 'free_clinic', siteId: 's', title: '义诊', date: '2026-12-12', startTime: '08:30', endTime: '11:30', capacity: '', otherServices: '中医推拿、 听力筛查，量血压' })) data.set(k, v);
		data.append('services', '量血压');
		data.append('services', '测血糖');
		for (const [id, name, needed] of [['r1', '导诊', '2'], ['', '', ''], ['', '登记', '1']]) {
			data.append('roleId', id!);
			data.append('roleName', name!);
			data.append('roleNeeded', needed!);
		}
		const input = eventInputFromForm(eventFormState(data));
		expect(input.services).toEqual(['量血压', '测血糖', '中医推拿', '听力筛查']);
		expect(input.capacity).toBeNull();
		expect(input.volunteerRoles).toEqual([{ id: 'r1', name: '导诊', needed: 2 }, { id: null, name: '登记', needed: 1 }]);
		data.set('capacity', '很多');
		expect(() => eventInputFromForm(eventFormState(data))).toThrow(expect.objectContaining({ field: 'capacity' }));
		data.set('capacity', '10');
		data.append('roleId', '');
		data.append('roleName', '');
		data.append('roleNeeded', '3');
		expect(() => eventInputFromForm(eventFormState(data))).toThrow(expect.objectContaining({ field: 'volunteerRoles' }));
	});
});

describe('editing', () => {
	it('saves an edit, moves version and sequence on, and refuses a stale form with a clear message', async () => {
		const found = (await findEventForOrganizer(t.db, THIS_SATURDAY))!;
		const form = eventInputFromForm(eventToForm(found));
		await updateEvent(t.db, organizer, THIS_SATURDAY, { ...form, whatToBring: '医保卡' }, { expectedVersion: 1, today: TODAY });
		const e = await row(THIS_SATURDAY);
		expect([e.whatToBring, e.version, e.sequence, e.issueNumber]).toEqual(['医保卡', 2, 1, 441]);
		expect((await auditTrail(t.db, 'event', THIS_SATURDAY))[0]!.summary).toBe('修改活动：携带物品');
		await expect(updateEvent(t.db, organizer, THIS_SATURDAY, form, { expectedVersion: 1, today: TODAY })).rejects.toMatchObject({
			status: 409,
			field: 'form',
			message: expect.stringContaining('已被其他人修改')
		});
	});

	it('refuses another hospital’s organizer, a capacity below the people registered, and edits to a cancelled event', async () => {
		const form = eventInputFromForm(eventToForm((await findEventForOrganizer(t.db, THIS_SATURDAY))!));
		await expect(updateEvent(t.db, otherOrganizer, THIS_SATURDAY, form, { expectedVersion: 1, today: TODAY })).rejects.toMatchObject({ status: 403 });
		await expect(updateEvent(t.db, organizer, THIS_SATURDAY, { ...form, capacity: 20 }, { expectedVersion: 1, today: TODAY })).rejects.toMatchObject({
			status: 409,
			field: 'capacity',
			message: '已有 36 人报名，名额不能少于 36'
		});
		await expect(updateEvent(t.db, organizer, THIS_SATURDAY, { ...form, kind: 'lecture', topic: '控糖', speakerName: '王老师' }, { expectedVersion: 1, today: TODAY })).rejects.toMatchObject({ field: 'kind' });
		await expect(updateEvent(t.db, organizer, THIS_SATURDAY, { ...form, date: '2026-11-20' }, { expectedVersion: 1, today: TODAY })).rejects.toMatchObject({ field: 'date' });
		await expect(updateEvent(t.db, organizer, 'nothing', form, { expectedVersion: 1, today: TODAY })).rejects.toMatchObject({ status: 404 });
		expect((await row(THIS_SATURDAY)).version).toBe(1);
		await cancelEvent(t.db, organizer, THIS_SATURDAY, { reason: '场地维修' });
		await expect(updateEvent(t.db, organizer, THIS_SATURDAY, form, { expectedVersion: 2, today: TODAY })).rejects.toMatchObject({ status: 409, message: expect.stringContaining('已取消') });
	});

	it('lets the longest-waiting people in when the capacity grows', async () => {
		const found = (await findEventForOrganizer(t.db, LECTURE_FULL))!;
		expect([found.registered, found.waitlisted]).toEqual([30, 2]);
		// 山洞 is not under 区人民医院: the district's administrator edits it.
		const result = await updateEvent(t.db, admin, LECTURE_FULL, { ...eventInputFromForm(eventToForm(found)), capacity: 31 }, { expectedVersion: 1, today: TODAY });
		expect(result.promoted).toBe(1);
		const after = (await findEventForOrganizer(t.db, LECTURE_FULL))!;
		expect([after.registered, after.waitlisted]).toEqual([31, 1]);
	});

	it('renames and resizes volunteer roles but will not remove or shrink one that has volunteers, naming it', async () => {
		const found = (await findEventForOrganizer(t.db, THIS_SATURDAY))!;
		const form = eventInputFromForm(eventToForm(found));
		const roles = form.volunteerRoles!;
		expect(roles.map((r) => r.name)).toEqual(['导诊', '登记', '测血压', '秩序维护']);
		const withoutGuide = { ...form, volunteerRoles: roles.filter((r) => r.name !== '导诊') };
		await expect(updateEvent(t.db, organizer, THIS_SATURDAY, withoutGuide, { expectedVersion: 1, today: TODAY })).rejects.toMatchObject({
			status: 409,
			field: 'volunteerRoles',
			message: expect.stringContaining('岗位“导诊”已有 1 位志愿者，不能删除')
		});
		// Renaming keeps the volunteer (the row keeps its id); two roles may swap names; an empty role goes.
		const edited = [
			{ ...roles[0]!, name: '导诊引导', needed: 5 },
			{ ...roles[2]!, name: '登记' },
			{ ...roles[1]!, name: '测血压' },
			{ id: null, name: '摄影', needed: 1 }
		];
		await updateEvent(t.db, organizer, THIS_SATURDAY, { ...form, volunteerRoles: edited }, { expectedVersion: 1, today: TODAY });
		expect((await rolesOf(THIS_SATURDAY)).map((r) => `${r.name}${r.needed}`)).toEqual(['导诊引导5', '登记3', '测血压2', '摄影1']);
		const now = (await findEventForOrganizer(t.db, THIS_SATURDAY))!;
		expect(now.roles[0]).toMatchObject({ name: '导诊引导', filled: 1 });
		// A second volunteer joins; the role cannot then need fewer than two.
		await t.db.insert(volunteerShifts).values({ id: 'shift-2', roleId: now.roles[0]!.id, userId: organizer.userId, source: 'organizer' });
		const shrink = { ...form, volunteerRoles: [{ id: now.roles[0]!.id, name: '导诊引导', needed: 1 }, ...now.roles.slice(1).map((r) => ({ id: r.id, name: r.name, needed: r.needed }))] };
		await expect(updateEvent(t.db, organizer, THIS_SATURDAY, shrink, { expectedVersion: 2, today: TODAY })).rejects.toMatchObject({
			status: 409,
			field: 'volunteerRoles',
			message: '岗位“导诊引导”已有 2 位志愿者，需要人数不能少于 2'
		});
		const zero = { ...form, volunteerRoles: [] };
		await expect(updateEvent(t.db, organizer, THIS_SATURDAY, zero, { expectedVersion: 2, today: TODAY })).rejects.toMatchObject({ message: expect.stringContaining('导诊引导') });
	});
});

describe('cancelling', () => {
	it('keeps the registrations, needs a reason, and says so when the event is already cancelled', async () => {
		await expect(cancelEvent(t.db, organizer, THIS_SATURDAY, { reason: ' ' })).rejects.toMatchObject({ field: 'reason', status: 400 });
		await expect(cancelEvent(t.db, organizer, THIS_SATURDAY, { reason: '长'.repeat(201) })).rejects.toMatchObject({ field: 'reason' });
		await expect(cancelEvent(t.db, otherOrganizer, THIS_SATURDAY, { reason: '场地维修' })).rejects.toMatchObject({ status: 403 });
		await cancelEvent(t.db, organizer, THIS_SATURDAY, { reason: '场地维修，改期另行通知' });
		const e = await row(THIS_SATURDAY);
		expect([e.status, e.cancelReason, e.sequence]).toEqual(['cancelled', '场地维修，改期另行通知', 1]);
		const kept = await t.db.select().from(registrations).where(and(eq(registrations.eventId, THIS_SATURDAY), eq(registrations.status, 'registered')));
		expect(kept).toHaveLength(36);
		await expect(cancelEvent(t.db, organizer, THIS_SATURDAY, { reason: '再取消一次' })).rejects.toMatchObject({ status: 409, message: expect.stringContaining('已经取消') });
		await expect(registerForEvent(t.db, THIS_SATURDAY, person(1), TODAY, null)).rejects.toThrow('已取消');
		await expect(cancelEvent(t.db, organizer, 'nothing', { reason: '场地维修' })).rejects.toMatchObject({ status: 404 });
	});
});

describe('restoring a cancelled event', () => {
	/** Beijing wall-clock instants on the event's day; the demo's centers keep Beijing time. */
	const at = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`);
	const CANCELLED_AT = new Date('2026-11-25T01:00:00Z');
	const everything = async () => ({
		event: await row(THIS_SATURDAY),
		registrations: await t.db.select().from(registrations).where(eq(registrations.eventId, THIS_SATURDAY)).orderBy(registrations.id),
		audit: await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.objectId, THIS_SATURDAY)),
		fanouts: await t.db.select().from(mailFanouts).where(eq(mailFanouts.eventId, THIS_SATURDAY)),
		texts: await t.db.select({ id: smsMessages.id }).from(smsMessages)
	});

	it('puts it back until it starts: places kept, version and SEQUENCE on, audited, and everyone told by mail and SMS', async () => {
		const before = await row(THIS_SATURDAY);
		// Two of the demo's 36 left an email; one of them waits for a place.
		const [first, second] = await t.db.select({ id: registrations.id }).from(registrations).where(eq(registrations.eventId, THIS_SATURDAY)).orderBy(registrations.id);
		await t.db.update(registrations).set({ email: 'first@example.org' }).where(eq(registrations.id, first!.id));
		await t.db.update(registrations).set({ email: 'second@example.org', status: 'waitlisted' }).where(eq(registrations.id, second!.id));
		const people = await t.db.select().from(registrations).where(eq(registrations.eventId, THIS_SATURDAY)).orderBy(registrations.id);
		await cancelEvent(t.db, organizer, THIS_SATURDAY, { reason: '暴雨预警' }, CANCELLED_AT);
		const offer = (await eventForEditing(t.db, organizer, THIS_SATURDAY, at(before.date, '08:29'))).restore;
		const cancelEntry = (await auditTrail(t.db, 'event', THIS_SATURDAY)).find((a) => a.action === 'event.cancel')!;
		expect(offer).toEqual({ open: true, until: expect.stringMatching(/^\d+月\d+日 周. 上午 08:30$/), cancelEntryId: cancelEntry.id });

		const restoredAt = at(before.date, '08:29');
		await restoreEvent(t.db, organizer, THIS_SATURDAY, restoredAt);
		const e = await row(THIS_SATURDAY);
		expect([e.status, e.cancelReason, e.version, e.sequence]).toEqual(['scheduled', null, before.version + 2, before.sequence + 2]);
		// Every registration exactly as it was: the same people in the same places, the same codes.
		expect(await t.db.select().from(registrations).where(eq(registrations.eventId, THIS_SATURDAY)).orderBy(registrations.id)).toEqual(people);
		const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.objectId, THIS_SATURDAY), eq(auditLog.action, 'event.restore')));
		expect(entry).toMatchObject({
			at: restoredAt,
			actorName: '周晓梅',
			before: { status: 'cancelled', cancelReason: '暴雨预警' },
			after: { status: 'scheduled', cancelReason: null },
			summary: '恢复活动，撤销取消（原因：暴雨预警）；通知报名的 36 人'
		});
		expect((await eventForEditing(t.db, organizer, THIS_SATURDAY, restoredAt)).restore).toBeNull();

		// SMS: one to each of the 36, on the day itself so urgent (past quiet hours), keyed by the new SEQUENCE.
		const texts = await t.db.select().from(smsMessages).where(eq(smsMessages.kind, 'event_restored'));
		expect(new Set(texts.map((x) => x.phone))).toEqual(new Set(people.map((p) => p.phone)));
		expect(texts.every((x) => x.urgent && x.dedupeKey!.startsWith(`event_restored:${THIS_SATURDAY}:${e.sequence}:`))).toBe(true);
		// Mail: one fan-out row in the click, one message per registrant with an email when it is expanded.
		expect((await t.db.select().from(mailFanouts).where(eq(mailFanouts.eventId, THIS_SATURDAY))).map((f) => f.kind)).toEqual(['event_cancelled', 'event_restored']);
		await expandFanouts(t.db, restoredAt);
		const mails = await t.db.select().from(outboxMessages).where(eq(outboxMessages.kind, 'resident_event_restored')).orderBy(outboxMessages.toAddress);
		expect(mails.map((mail) => [mail.toAddress, mail.subject])).toEqual([
			['first@example.org', `活动恢复举行：${e.title}`],
			['second@example.org', `活动恢复举行：${e.title}`]
		]);
		expect(mails[0]!.textBody).toContain(`您的报名仍然有效。签到码：${people.find((p) => p.id === first!.id)!.checkInCode}`);
		expect(mails[1]!.textBody).toContain('您仍在候补名单上');
	});

	it('refuses once the event has started, a second restoration, and one that is not cancelled, with nothing written', async () => {
		const { date } = await row(THIS_SATURDAY);
		await expect(restoreEvent(t.db, organizer, THIS_SATURDAY, at(date, '08:00'))).rejects.toMatchObject({ status: 409, message: expect.stringContaining('没有取消') });
		await cancelEvent(t.db, organizer, THIS_SATURDAY, { reason: '暴雨预警' }, CANCELLED_AT);
		const cancelled = await everything();

		// At its start on the site's clock, and the day after: too late.
		for (const late of [at(date, '08:30'), at(addDays(date, 1), '07:00')]) {
			await expect(restoreEvent(t.db, organizer, THIS_SATURDAY, late)).rejects.toMatchObject({
				status: 409,
				message: expect.stringMatching(/已经过了这个时间，不能再恢复。需要重新举办时，请用“复制到新日期”。$/)
			});
			expect((await eventForEditing(t.db, organizer, THIS_SATURDAY, late)).restore).toMatchObject({ open: false });
		}
		expect(await everything()).toEqual(cancelled);

		await restoreEvent(t.db, organizer, THIS_SATURDAY, at(date, '07:00'));
		const restored = await everything();
		await expect(restoreEvent(t.db, organizer, THIS_SATURDAY, at(date, '07:01'))).rejects.toMatchObject({ status: 409, message: expect.stringContaining('没有取消') });
		expect(await everything()).toEqual(restored);
	});

	it('is refused to an organizer of another hospital before anything is read, and 404s an unknown event', async () => {
		const { date } = await row(THIS_SATURDAY);
		await cancelEvent(t.db, organizer, THIS_SATURDAY, { reason: '暴雨预警' }, CANCELLED_AT);
		const cancelled = await everything();
		await expect(restoreEvent(t.db, otherOrganizer, THIS_SATURDAY, at(date, '07:00'))).rejects.toMatchObject({ status: 403 });
		await expect(eventForEditing(t.db, otherOrganizer, THIS_SATURDAY, at(date, '07:00'))).rejects.toMatchObject({ status: 403 });
		expect(await everything()).toEqual(cancelled);
		await expect(restoreEvent(t.db, organizer, 'nothing', at(date, '07:00'))).rejects.toMatchObject({ status: 404 });
		await restoreEvent(t.db, admin, THIS_SATURDAY, at(date, '07:00'));
		expect((await row(THIS_SATURDAY)).status).toBe('scheduled');
	});
});

describe('copying', () => {
	it('copies what was planned but not the people, and a series copy takes the next number', async () => {
		const copyId = await copyEvent(t.db, organizer, THIS_SATURDAY, { date: '2026-12-05' }, OPTIONS);
		const [source, copy] = [await row(THIS_SATURDAY), await row(copyId)];
		expect(copy).toMatchObject({ title: source.title, siteId: source.siteId, capacity: 120, services: source.services, status: 'scheduled', issueNumber: 443, date: '2026-12-05', version: 1 });
		const found = (await findEventForOrganizer(t.db, copyId))!;
		expect([found.registered, found.waitlisted]).toEqual([0, 0]);
		expect(found.roles.map((r) => `${r.name}${r.needed}:${r.filled}`)).toEqual(['导诊4:0', '登记2:0', '测血压3:0', '秩序维护2:0']);
		expect(found.departmentIds).toHaveLength(2);
		expect(found.expertIds).toHaveLength(2);
		const moved = await copyEvent(t.db, organizer, copyId, { date: '2026-12-12', siteId: demoId('site:tianxingqiao') }, OPTIONS);
		expect(await row(moved)).toMatchObject({ issueNumber: 444, siteId: demoId('site:tianxingqiao') });
	});

	it('asks before taking its experts to a date they already sit elsewhere, and copies once confirmed', async () => {
		// 陈志明 staffs the Saturday clinic (08:30–11:30) and sits at 天星桥 every Monday morning.
		const before = (await t.db.select().from(events)).length;
		await expect(copyEvent(t.db, organizer, THIS_SATURDAY, { date: '2026-11-30' }, OPTIONS)).rejects.toMatchObject({
			status: 409,
			field: 'confirmClashes',
			message: expect.stringMatching(/^陈志明 时间冲突：11月30日 周一 .*天星桥社区卫生服务中心坐诊/)
		});
		expect((await t.db.select().from(events)).length).toBe(before);
		const copyId = await copyEvent(t.db, organizer, THIS_SATURDAY, { date: '2026-11-30', confirmClashes: true }, OPTIONS);
		expect(await row(copyId)).toMatchObject({ date: '2026-11-30' });
	});

	it('refuses a past date, a site outside the organizer’s reach, and an unknown event', async () => {
		await expect(copyEvent(t.db, organizer, THIS_SATURDAY, { date: '2026-11-01' }, OPTIONS)).rejects.toMatchObject({ field: 'date' });
		await expect(copyEvent(t.db, organizer, THIS_SATURDAY, { date: '2026-12-1' }, OPTIONS)).rejects.toMatchObject({ field: 'date' });
		await expect(copyEvent(t.db, organizer, THIS_SATURDAY, { date: '2026-12-05', siteId: demoId('site:jingkou') }, OPTIONS)).rejects.toMatchObject({ status: 403 });
		await expect(copyEvent(t.db, otherOrganizer, THIS_SATURDAY, { date: '2026-12-05' }, OPTIONS)).rejects.toMatchObject({ status: 403 });
		await expect(copyEvent(t.db, organizer, 'nothing', { date: '2026-12-05' }, OPTIONS)).rejects.toMatchObject({ status: 404 });
	});

	it('gives two copies made at the same moment, on two connections, two different numbers', async () => {
		const second = await openDatabase({ url: t.url });
		try {
			const ids = await Promise.all([
				copyEvent(t.db, organizer, THIS_SATURDAY, { date: '2026-12-19' }, OPTIONS),
				copyEvent(second.db, organizer, THIS_SATURDAY, { date: '2026-12-26' }, OPTIONS),
				copyEvent(t.db, organizer, THIS_SATURDAY, { date: '2027-01-02' }, OPTIONS)
			]);
			const numbers = await Promise.all(ids.map(async (id) => (await row(id)).issueNumber));
			expect([...numbers].sort()).toEqual([443, 444, 445]);
		} finally {
			second.close();
		}
	});
});

describe('the organizer’s list', () => {
	it('shows only the organizer’s hospital’s upcoming events, with head counts, filtered by kind, site and date', async () => {
		const list = await listEventsForOrganizer(t.db, organizer, { today: TODAY });
		expect(list.map((e) => e.title)).not.toContain('冬季呼吸道疾病预防'); // 井口 belongs to 陈家桥医院
		const saturday = list.find((e) => e.id === THIS_SATURDAY)!;
		expect(saturday).toMatchObject({ registered: 36, waitlisted: 0, capacity: 120, issueLabel: '第441期', seriesName: '沙坪坝周末义诊', when: '11月28日 周六 上午' });
		expect(list.find((e) => e.id === demoId('event:lecture-hypertension'))).toMatchObject({ registered: 18, waitlisted: 0, capacity: 40 });
		expect(list.map((e) => e.id)).not.toContain(LECTURE_FULL);
		expect((await listEventsForOrganizer(t.db, organizer, { today: TODAY, kind: 'lecture' })).every((e) => e.kind === 'lecture')).toBe(true);
		expect((await listEventsForOrganizer(t.db, organizer, { today: TODAY, siteId: demoId('site:ciqikou') })).map((e) => e.id)).toEqual([THIS_SATURDAY]);
		expect((await listEventsForOrganizer(t.db, organizer, { today: TODAY, from: '2026-12-01' })).map((e) => e.id)).not.toContain(THIS_SATURDAY);
		expect((await listEventsForOrganizer(t.db, otherOrganizer, { today: TODAY })).map((e) => e.title)).toEqual(['冬季呼吸道疾病预防']);
		expect((await listEventsForOrganizer(t.db, admin, { today: TODAY })).length).toBeGreaterThan(list.length);
	});
});

describe('series', () => {
	it('lists the organizer’s series, creates one with a starting number, and refuses a duplicate or another hospital', async () => {
		const [demo] = await listSeriesForOrganizer(t.db, organizer);
		expect(demo).toMatchObject({ name: '沙坪坝周末义诊', nextIssue: 443, eventCount: 2, lastIssue: 442 });
		expect(await listSeriesForOrganizer(t.db, otherOrganizer)).toEqual([]);
		const hospital = demoId('org:rm');
		const id = await createSeriesForOrganizer(t.db, organizer, { organizationId: hospital, name: '健康大讲堂', kind: 'lecture', startNumber: 12 });
		const lecture = await createOrganizerEvent(t.db, organizer, clinic({ kind: 'lecture', seriesId: id, topic: '控糖', speakerName: '王老师' }), OPTIONS);
		expect((await row(lecture)).issueNumber).toBe(12);
		await expect(createSeriesForOrganizer(t.db, organizer, { organizationId: hospital, name: '健康大讲堂', kind: 'lecture' })).rejects.toMatchObject({ status: 409, field: 'name' });
		await expect(createSeriesForOrganizer(t.db, otherOrganizer, { organizationId: hospital, name: '别人的系列', kind: 'lecture' })).rejects.toMatchObject({ status: 403 });
		await expect(createSeriesForOrganizer(t.db, organizer, { organizationId: hospital, name: '零期', kind: 'lecture', startNumber: 0 })).rejects.toMatchObject({ field: 'startNumber' });
		await expect(createSeriesForOrganizer(t.db, organizer, { organizationId: hospital, name: '', kind: 'lecture' })).rejects.toMatchObject({ field: 'name' });
		// A center under the hospital may use the hospital's series; 陈家桥's centers may not.
		expect((await seriesForOrganizations(t.db, [demoId('org:cjq')])).map((s) => s.name)).toEqual([]);
	});
});
