import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy';
import { auditLog, departments, experts, sites } from '../db/schema';
import { demoId } from '../seed/seed-demo';
import { findExpertProfile } from './experts';
import { createExpert, departmentsForEditing, expertForEditing, expertsForConsole, saveDepartment, setExpertActive, updateExpert } from './manage';
import { demoActors } from '../testing/demo-actors';
import { demoDbForEachTest } from '../testing/demo-db';

/** 区人民医院's organizer. */
const organizer: Actor = demoActors.rmOrganizer;
/** 陈家桥医院's organizer: none of 区人民医院's experts are theirs. */
const cjqOrganizer: Actor = demoActors.cjqOrganizer;
const admin: Actor = demoActors.admin;
const t = demoDbForEachTest('2026-11-25');

const input = {
	name: '林静',
	title: '主治医师' as const,
	departmentId: demoId('department:心内科'),
	organizationId: demoId('org:rm'),
	specialties: '高血压、 心衰，血脂',
	bio: ''
};

describe('keeping the expert list', () => {
	it('adds an expert, records who changed what, and hides a deactivated one without deleting', async () => {
		const id = await createExpert(t.db, organizer, input);
		expect((await findExpertProfile(t.db, id))!.specialties).toEqual(['高血压', '心衰', '血脂']);
		await updateExpert(t.db, organizer, id, { ...input, title: '副主任医师' });
		await setExpertActive(t.db, organizer, id, false);
		expect(await findExpertProfile(t.db, id)).toBeNull();
		expect((await t.db.select().from(experts).where(eq(experts.id, id)).get())!.active).toBe(false);
		const trail = await t.db.select().from(auditLog).where(eq(auditLog.objectId, id));
		expect(trail.map((a) => a.action).sort()).toEqual(['expert.create', 'expert.deactivate', 'expert.update']);
		const update = trail.find((a) => a.action === 'expert.update')!;
		expect(update.before).toEqual({ title: '主治医师' });
		expect(update.after).toEqual({ title: '副主任医师' });
	});

	it('refuses an unknown department with the field named, and lists only the organizer\'s hospitals', async () => {
		await expect(createExpert(t.db, organizer, { ...input, departmentId: 'nope' })).rejects.toMatchObject({ field: 'departmentId' });
		await expect(createExpert(t.db, organizer, { ...input, name: ' ' })).rejects.toMatchObject({ field: 'name' });
		const xinqiao = (await t.db.select().from(sites).where(eq(sites.id, demoId('site:xinqiao'))).get())!;
		await expect(createExpert(t.db, organizer, { ...input, organizationId: xinqiao.organizationId })).rejects.toMatchObject({ status: 400, field: 'organizationId' });
		const mine = await expertsForConsole(t.db, cjqOrganizer);
		expect(mine.length).toBeGreaterThan(0);
		expect(mine.every((e) => e.hospital === '重庆市沙坪坝区陈家桥医院')).toBe(true);
		// An expert signed in to their own page is no organizer: the console list is not theirs to read.
		expect(await expertsForConsole(t.db, { ...cjqOrganizer, organizerOf: [], expertIds: [demoId('expert:likangning')] })).toEqual([]);
	});
});

describe('an expert\'s contact, for experts without an account', () => {
	it('keeps the address and phone on the record, refuses a bad one at its field, and logs that a phone changed, not the number', async () => {
		const id = await createExpert(t.db, organizer, { ...input, contactEmail: ' Wang.Fu@Hospital.example ', contactPhone: '138 1234 5678' });
		const row = (await t.db.select().from(experts).where(eq(experts.id, id)).get())!;
		expect(row).toMatchObject({ contactEmail: 'wang.fu@hospital.example', contactPhone: '138 1234 5678' });
		await expect(updateExpert(t.db, organizer, id, { ...input, contactEmail: 'wang.fu@' })).rejects.toMatchObject({ status: 400, field: 'contactEmail' });
		await expect(updateExpert(t.db, organizer, id, { ...input, contactPhone: '打我电话' })).rejects.toMatchObject({ status: 400, field: 'contactPhone' });
		await updateExpert(t.db, organizer, id, { ...input, contactEmail: '', contactPhone: '023-65211001' });
		expect((await t.db.select().from(experts).where(eq(experts.id, id)).get())!).toMatchObject({ contactEmail: null, contactPhone: '023-65211001' });
		const trail = JSON.stringify(await t.db.select().from(auditLog).where(eq(auditLog.objectId, id)));
		expect(trail).toContain('（已登记）');
		expect(trail).not.toContain('1234 5678');
		expect(trail).not.toContain('65211001');
	});
});

describe('who may keep an expert', () => {
	const likangning = demoId('expert:likangning');
	const expertRow = () => t.db.select().from(experts).where(eq(experts.id, likangning)).get();
	const auditCount = async () => (await t.db.select().from(auditLog)).length;
	const current = async () => {
		const e = (await expertRow())!;
		return { name: e.name, title: e.title, departmentId: e.departmentId, organizationId: e.organizationId, specialties: e.specialties.join('、'), bio: e.bio ?? '' };
	};

	it('refuses another hospital\'s organizer a 403 on every write and the edit page, and changes nothing', async () => {
		const before = await expertRow();
		const entries = await auditCount();
		await expect(updateExpert(t.db, cjqOrganizer, likangning, { ...(await current()), title: '主任医师' })).rejects.toMatchObject({ status: 403 });
		// Refused before the form is read: an empty one is a 403 too, not a 400 about its fields.
		await expect(updateExpert(t.db, cjqOrganizer, likangning, {})).rejects.toMatchObject({ status: 403 });
		await expect(setExpertActive(t.db, cjqOrganizer, likangning, false)).rejects.toMatchObject({ status: 403 });
		await expect(expertForEditing(t.db, cjqOrganizer, likangning)).rejects.toMatchObject({ status: 403 });
		await expect(createExpert(t.db, cjqOrganizer, input)).rejects.toMatchObject({ status: 403, field: 'organizationId' });
		expect(await expertRow()).toEqual(before);
		expect((await t.db.select().from(experts).where(eq(experts.name, input.name))).length).toBe(0);
		expect(await auditCount()).toBe(entries);
	});

	it('refuses an organizer taking another hospital\'s expert by moving them into their own hospital', async () => {
		const before = await expertRow();
		await expect(updateExpert(t.db, cjqOrganizer, likangning, { ...(await current()), organizationId: demoId('org:cjq') })).rejects.toMatchObject({ status: 403 });
		expect(await expertRow()).toEqual(before);
	});

	it('refuses moving their own expert to a hospital they do not organize, at the hospital field', async () => {
		const before = await expertRow();
		const entries = await auditCount();
		await expect(updateExpert(t.db, organizer, likangning, { ...(await current()), organizationId: demoId('org:cjq') })).rejects.toMatchObject({
			status: 403,
			field: 'organizationId'
		});
		expect(await expertRow()).toEqual(before);
		expect(await auditCount()).toBe(entries);
	});

	it('lets an organizer of both hospitals move the expert, and the own organizer edit and deactivate', async () => {
		const ofBoth: Actor = { ...organizer, organizerOf: [demoId('org:rm'), demoId('org:cjq')] };
		await updateExpert(t.db, ofBoth, likangning, { ...(await current()), organizationId: demoId('org:cjq') });
		expect((await expertRow())!.organizationId).toBe(demoId('org:cjq'));
		await updateExpert(t.db, cjqOrganizer, likangning, { ...(await current()), title: '主任医师' });
		await setExpertActive(t.db, cjqOrganizer, likangning, false);
		expect(await expertRow()).toMatchObject({ title: '主任医师', active: false });
		const { expert, trail } = await expertForEditing(t.db, cjqOrganizer, likangning);
		expect(expert.title).toBe('主任医师');
		expect(trail.map((e) => e.who).sort()).toEqual(['刘建华', '刘建华', '周晓梅']);
		await expect(setExpertActive(t.db, organizer, 'no-such-expert', false)).rejects.toMatchObject({ status: 404 });
	});
});

describe('departments', () => {
	it('adds and renames a department, refusing a name already taken', async () => {
		const id = await saveDepartment(t.db, admin, null, { name: '皮肤科' });
		await expect(saveDepartment(t.db, admin, null, { name: '心内科' })).rejects.toMatchObject({ field: 'name' });
		await saveDepartment(t.db, admin, id, { name: '皮肤性病科' });
		await expect(saveDepartment(t.db, admin, id, { name: '皮肤性病科' })).resolves.toBe(id);
		expect((await departmentsForEditing(t.db, admin)).some((d) => d.name === '皮肤性病科')).toBe(true);
	});

	it('is for admins only: an organizer of either hospital gets a 403 and nothing changes', async () => {
		const xinneike = demoId('department:心内科');
		const before = await t.db.select().from(departments);
		for (const actor of [organizer, cjqOrganizer]) {
			await expect(saveDepartment(t.db, actor, null, { name: '皮肤科' })).rejects.toMatchObject({ status: 403 });
			await expect(saveDepartment(t.db, actor, xinneike, { name: '心血管内科' })).rejects.toMatchObject({ status: 403 });
			await expect(saveDepartment(t.db, actor, null, {})).rejects.toMatchObject({ status: 403 });
			await expect(departmentsForEditing(t.db, actor)).rejects.toMatchObject({ status: 403 });
		}
		expect(await t.db.select().from(departments)).toEqual(before);
	});
});
