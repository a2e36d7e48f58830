import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, experts } from '../db/schema';
import { demoId, seedDemoData } from '../seed/seed-demo';
import { createTestDb, type TestDb } from '../testing/test-db';
import { findExpertProfile } from './experts';
import { createExpert, expertsForConsole, setExpertActive, updateExpert } from './manage';

const organizer = { userId: null, name: '周晓梅' };
let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
	await seedDemoData(t.db, { today: '2026-11-25' });
});
afterEach(() => t.cleanup());

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
		const mine = await expertsForConsole(t.db, new Set([demoId('org:cjq')]));
		expect(mine.length).toBeGreaterThan(0);
		expect(mine.every((e) => e.hospital === '重庆市沙坪坝区陈家桥医院')).toBe(true);
	});
});

describe('departments', () => {
	it('adds and renames a department, refusing a name already taken', async () => {
		const { saveDepartment } = await import('./manage');
		const id = await saveDepartment(t.db, organizer, null, { name: '皮肤科' });
		await expect(saveDepartment(t.db, organizer, null, { name: '心内科' })).rejects.toMatchObject({ field: 'name' });
		await saveDepartment(t.db, organizer, id, { name: '皮肤性病科' });
		await expect(saveDepartment(t.db, organizer, id, { name: '皮肤性病科' })).resolves.toBe(id);
	});
});
