import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy';
import { auditLog, experts, outboxMessages, users } from '../db/schema';
import { newId } from '../ids';
import { applySittingAction } from '../schedule/sitting-actions';
import { makeExpertAccount, makeScheduleWorld } from '../testing/factories';
import { createTestDb, type TestDb } from '../testing/test-db';
import { markBounced } from './recipients';
import { setMailTopics } from './preferences';
import { sittingNoticeLine, UNREACHABLE_REASONS } from './sitting-notice';

// Well after today, so the "already past" rule applies only where a test asks for it.
const TUESDAY = '2027-03-02';
const THURSDAY = '2027-03-04';

let t: TestDb;
let world: Awaited<ReturnType<typeof makeScheduleWorld>>;
let rotationId: string;
let organizer: Actor;

const account = (email: string, name: string, expertId: string) => makeExpertAccount(t.db, email, name, expertId);
const outboxTo = async () => (await t.db.select({ to: outboxMessages.toAddress }).from(outboxMessages)).map((r) => r.to).sort();

beforeEach(async () => {
	t = await createTestDb();
	world = await makeScheduleWorld(t.db);
	rotationId = await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU,TH' });
	const organizerId = newId();
	await t.db.insert(users).values({ id: organizerId, email: 'zhou.xm@example.com', name: '周晓梅' });
	organizer = { userId: organizerId, name: '周晓梅', isAdmin: false, organizerOf: [world.hospital.id], volunteerOf: [], expertIds: [] };
});
afterEach(() => t.cleanup());

describe('a sitting change says who was told', () => {
	it('an expert with an account and an address is told by mail, and the audit trail keeps who', async () => {
		await account('li.kang@example.com', '李康', world.expert.id);
		const result = await applySittingAction(t.db, organizer, `${rotationId}_${TUESDAY}`, { action: 'cancel', reason: '暴雨' });
		expect(result.notice).toEqual({ told: [{ expertId: world.expert.id, name: '李康', title: '主任医师', emails: ['li.kang@example.com'] }], unreachable: [], past: false });
		expect(await outboxTo()).toEqual(['li.kang@example.com']);
		const kept = await t.db.select().from(auditLog).where(and(eq(auditLog.id, result.noticeId!), eq(auditLog.action, 'sitting.notify'))).get();
		expect(kept).toMatchObject({ objectKind: 'sitting', objectId: `${rotationId}_${TUESDAY}`, summary: '通知：已邮件告知 李康' });
	});

	it('an expert without an account is told at the contact address on their record', async () => {
		await account('li.kang@example.com', '李康', world.expert.id);
		await t.db.update(experts).set({ contactEmail: 'Wang.Fu@Example.com ' }).where(eq(experts.id, world.colleague.id));
		const result = await applySittingAction(t.db, organizer, `${rotationId}_${THURSDAY}`, { action: 'substitute', substituteExpertId: world.colleague.id });
		expect(result.notice!.told.map((p) => [p.name, p.emails])).toEqual([
			['王复', ['Wang.Fu@Example.com']],
			['李康', ['li.kang@example.com']]
		]);
		expect(result.notice!.unreachable).toEqual([]);
		expect(await outboxTo()).toEqual(['li.kang@example.com', 'wang.fu@example.com']);
	});

	it('a contact address that bounced is not counted as told: the organizer is given the phone instead', async () => {
		await t.db.update(experts).set({ contactEmail: 'li.home@example.com', contactPhone: '023-65211001' }).where(eq(experts.id, world.expert.id));
		await markBounced(t.db, 'LI.HOME@example.com', '550 mailbox unavailable');
		const result = await applySittingAction(t.db, organizer, `${rotationId}_${TUESDAY}`, { action: 'cancel', reason: '暴雨' });
		expect(result.notice!.told).toEqual([]);
		expect(result.notice!.unreachable).toEqual([{ expertId: world.expert.id, name: '李康', title: '主任医师', reason: 'address_refused', phone: '023-65211001' }]);
		expect(await outboxTo()).toEqual([]);
	});

	it('an expert with neither account nor contact address is listed as unreachable, with the phone to call', async () => {
		await t.db.update(experts).set({ contactPhone: '13800138000' }).where(eq(experts.id, world.expert.id));
		const result = await applySittingAction(t.db, organizer, `${rotationId}_${TUESDAY}`, { action: 'move', newDate: TUESDAY, newStartTime: '14:00', newEndTime: '17:00' });
		expect(result.notice).toEqual({
			told: [],
			unreachable: [{ expertId: world.expert.id, name: '李康', title: '主任医师', reason: 'no_address', phone: '13800138000' }],
			past: false
		});
		expect(await outboxTo()).toEqual([]);
		// The trail keeps the reason but not the phone, which the page reads from the record when it shows it.
		const kept = (await t.db.select().from(auditLog).where(eq(auditLog.id, result.noticeId!)).get())!;
		expect(kept.summary).toBe(`通知：未能通知 李康（${UNREACHABLE_REASONS.no_address}）`);
		expect(JSON.stringify(kept.after)).not.toContain('13800138000');
	});

	it('an expert who turned the mail off is unreachable, and their contact address is not used instead', async () => {
		const userId = await account('li.kang@example.com', '李康', world.expert.id);
		await setMailTopics(t.db, userId, []);
		await t.db.update(experts).set({ contactEmail: 'li.home@example.com' }).where(eq(experts.id, world.expert.id));
		const result = await applySittingAction(t.db, organizer, `${rotationId}_${TUESDAY}`, { action: 'cancel', reason: '暴雨' });
		expect(result.notice!.unreachable.map((p) => p.reason)).toEqual(['opted_out']);
		expect(await outboxTo()).toEqual([]);
	});

	it('a restore tells the expert again; a quota change tells nobody and keeps no notice', async () => {
		await account('li.kang@example.com', '李康', world.expert.id);
		await applySittingAction(t.db, organizer, `${rotationId}_${TUESDAY}`, { action: 'cancel', reason: '暴雨' });
		const restored = await applySittingAction(t.db, organizer, `${rotationId}_${TUESDAY}`, { action: 'restore' });
		expect(restored.notice!.told.map((p) => p.name)).toEqual(['李康']);
		const quota = await applySittingAction(t.db, organizer, `${rotationId}_${TUESDAY}`, { action: 'quota', quota: 12 });
		expect(quota).toMatchObject({ notice: null, noticeId: null });
		expect(await t.db.select().from(auditLog).where(eq(auditLog.action, 'sitting.notify'))).toHaveLength(2);
	});

	it('correcting a sitting already past tells nobody, and says so', async () => {
		await account('li.kang@example.com', '李康', world.expert.id);
		const result = await applySittingAction(t.db, organizer, `${rotationId}_2026-01-06`, { action: 'cancel', reason: '补记：当天暴雨' });
		expect(result.notice).toEqual({ told: [], unreachable: [], past: true });
		expect(await outboxTo()).toEqual([]);
	});
});

describe('sittingNoticeLine', () => {
	it('names who was told and who was not, with why', () => {
		const line = sittingNoticeLine({
			told: [{ expertId: 'a', name: '李康宁', title: '副主任医师', emails: ['x@example.com'] }],
			unreachable: [{ expertId: 'b', name: '陈志明', title: '主任医师', reason: 'opted_out', phone: null }],
			past: false
		});
		expect(line).toBe(`通知：已邮件告知 李康宁；未能通知 陈志明（${UNREACHABLE_REASONS.opted_out}）`);
	});
});
