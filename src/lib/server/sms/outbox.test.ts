import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { m } from '../../i18n';
import { Forbidden } from '../auth/policy';
import { organizations, smsMessages } from '../db/schema';
import { DomainError } from '../errors';
import { demoActors } from '../testing/demo-actors';
import { createTestDb, type TestDb } from '../testing/test-db';
import { enqueueSms, enqueueSmsMany, monthlySmsCounts, retrySms, smsBoxFor, type NewSms } from './outbox';
import { smsBoxProvider } from './provider';
import { startTencentStandIn, type TencentStandIn } from './tencent-stand-in';
import { tencentProvider } from './tencent';
import { deliverDueSms } from './worker';

let t: TestDb;
let standIn: TencentStandIn | null = null;
beforeEach(async () => {
	t = await createTestDb();
});
afterEach(async () => {
	vi.unstubAllEnvs();
	await standIn?.stop();
	standIn = null;
	t.cleanup();
});

const cancelled = (n: number, phone = '13812341234'): NewSms<'event_cancelled'> => ({
	kind: 'event_cancelled',
	phone,
	params: { event: `周六义诊${n}`, time: '12月12日上午' },
	dedupeKey: `event_cancelled:e1:r${n}`,
	organizationId: null
});
const allRows = () => t.db.select().from(smsMessages);
const row = async (id: string) => (await t.db.select().from(smsMessages).where(eq(smsMessages.id, id)).get())!;

describe('queueing in the caller’s transaction', () => {
	it('queues nothing when the transaction that queued the text rolls back', async () => {
		await expect(
			t.db.transaction(async (tx) => {
				await enqueueSms(tx, cancelled(1));
				throw new Error('the event could not be cancelled');
			})
		).rejects.toThrow('the event could not be cancelled');
		expect(await allRows()).toHaveLength(0);
	});

	it('queues a pending text, due at once, with the number as stored and the parameters as JSON', async () => {
		const now = new Date('2026-12-07T02:00:00Z');
		const id = await t.db.transaction((tx) => enqueueSms(tx, { ...cancelled(1), phone: '+86 138-1234-1234', urgent: true }, now));
		expect(await row(id)).toMatchObject({
			kind: 'event_cancelled',
			phone: '13812341234',
			params: { event: '周六义诊1', time: '12月12日上午' },
			status: 'pending',
			attempts: 0,
			urgent: true,
			nextAttemptAt: now,
			createdAt: now,
			deliveredVia: null
		});
	});

	it('queues a repeated dedupe key once and returns the first text’s id', async () => {
		const first = await enqueueSms(t.db, cancelled(1));
		const again = await t.db.transaction((tx) => enqueueSms(tx, { ...cancelled(2), dedupeKey: cancelled(1).dedupeKey }));
		expect(again).toBe(first);
		expect((await allRows()).map((r) => r.params.event)).toEqual(['周六义诊1']);
	});

	it('refuses a malformed phone with the form’s Chinese words and a 400, and queues nothing', async () => {
		for (const phone of ['1381234123', '23812341234', '138-1234-12345', '', '电话']) {
			const error = await enqueueSms(t.db, cancelled(1, phone)).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(DomainError);
			expect(error).toMatchObject({ kind: 'invalid', status: 400, field: 'phone', message: m.sms.badPhone });
		}
		expect(await allRows()).toHaveLength(0);
	});

	it('refuses parameters a provider would refuse, as a bug of ours, and queues nothing', async () => {
		const tooLong = { ...cancelled(1), params: { event: '沙坪坝区人民医院冬季大型义诊', time: '12月12日上午' } };
		await expect(enqueueSms(t.db, tooLong)).rejects.toThrow('event: longer than 12 characters');
		await expect(enqueueSms(t.db, { ...cancelled(1), dedupeKey: ' ' })).rejects.toThrow('dedupe key');
		expect(await allRows()).toHaveLength(0);
	});
});

describe('the console’s SMS page', () => {
	it('is for an admin; an organizer gets a 403 in the page’s words and cannot resend a dead text', async () => {
		const id = await enqueueSms(t.db, cancelled(1));
		await t.db.update(smsMessages).set({ status: 'dead', attempts: 1, lastError: 'x' }).where(eq(smsMessages.id, id));

		const forbidden = await smsBoxFor(t.db, demoActors.rmOrganizer).catch((e: unknown) => e);
		expect(forbidden).toBeInstanceOf(Forbidden);
		expect((forbidden as Error).message).toBe(m.console.sms.adminOnly);
		await expect(retrySms(t.db, demoActors.rmOrganizer, id)).rejects.toBeInstanceOf(Forbidden);
		expect((await row(id)).status).toBe('dead');

		const page = await smsBoxFor(t.db, demoActors.admin);
		expect(page.dead.map((d) => d.id)).toEqual([id]);
		expect(page.stats).toEqual({ pending: 0, sending: 0, sent: 0, dead: 1 });
		expect(await retrySms(t.db, demoActors.admin, id)).toBe(true);
		expect(await retrySms(t.db, demoActors.admin, id)).toBe(false);
		expect((await row(id)).status).toBe('pending');
	});

	it('counts sent texts per organization and Beijing month, the provider’s apart from the local box', async () => {
		await t.db.insert(organizations).values([
			{ id: 'rm', name: '区人民医院', kind: 'lead_hospital' },
			{ id: 'cjq', name: '陈家桥医院', kind: 'hospital' }
		]);
		standIn = await startTencentStandIn();
		const tencent = tencentProvider({
			secretId: 'AKIDx',
			secretKey: 'k',
			sdkAppId: '1400000000',
			signName: '义诊',
			templateIds: { event_cancelled: '1' },
			endpoint: standIn.url
		});
		// Urgent: the month turns at midnight, inside quiet hours.
		const queue = (n: number, organizationId: string | null) =>
			enqueueSms(t.db, { ...cancelled(n), organizationId, urgent: true }, new Date('2026-11-01T00:00:00Z'));
		// 30 Nov 23:30 in Beijing is still November; 00:30 on 1 Dec is December.
		const lateNovember = new Date('2026-11-30T15:30:00Z');
		const earlyDecember = new Date('2026-11-30T16:30:00Z');
		await queue(1, 'rm');
		await queue(2, 'rm');
		await deliverDueSms(t.db, tencent, 'w', lateNovember, { concurrency: 1 });
		await queue(3, 'rm');
		await queue(4, 'cjq');
		await deliverDueSms(t.db, tencent, 'w', earlyDecember);
		await queue(5, 'rm');
		await queue(6, null);
		await deliverDueSms(t.db, smsBoxProvider(), 'w', earlyDecember);
		// Still pending: not counted.
		await queue(7, 'rm');

		const counts = await monthlySmsCounts(t.db, { now: new Date('2026-12-07T02:00:00Z') });
		expect(counts).toEqual([
			{ month: '2026-12', organizationId: null, organizationName: null, sent: 0, fee: 0, box: 1 },
			{ month: '2026-12', organizationId: 'rm', organizationName: '区人民医院', sent: 1, fee: 1, box: 1 },
			{ month: '2026-12', organizationId: 'cjq', organizationName: '陈家桥医院', sent: 1, fee: 1, box: 0 },
			{ month: '2026-11', organizationId: 'rm', organizationName: '区人民医院', sent: 2, fee: 2, box: 0 }
		]);
		// Only the months asked for.
		expect((await monthlySmsCounts(t.db, { now: new Date('2026-12-07T02:00:00Z'), months: 1 })).map((c) => c.month)).not.toContain('2026-11');
	});
});

describe('queueing many texts at once', () => {
	it('gives exactly what queueing them one by one gives: keys queued before or twice are one text, the cap counts the batch, urgent passes', async () => {
		vi.stubEnv('SMS_DAILY_CAP_PER_PHONE', '2');
		const now = new Date('2026-12-07T10:00:00+08:00');
		const x = '13800000001';
		const y = '13800000002';
		const earlier = cancelled(0, x);
		const batch: NewSms[] = [
			earlier,
			cancelled(1, x),
			cancelled(1, x),
			cancelled(2, x),
			{ ...cancelled(3, x), urgent: true },
			cancelled(4, x),
			cancelled(5, y),
			{ kind: 'verification_code', phone: x, params: { code: '123456' }, dedupeKey: 'code:x', organizationId: null }
		];
		const other = await createTestDb();
		try {
			const statuses = async (db: TestDb['db']) =>
				Object.fromEntries((await db.select().from(smsMessages)).map((r) => [r.dedupeKey, r.status]));
			for (const db of [t.db, other.db]) await enqueueSms(db, earlier, now);
			for (const message of batch) await enqueueSms(other.db, message, now);
			const queued = await t.db.transaction((tx) => enqueueSmsMany(tx, batch, now));

			expect(queued).toBe(6);
			expect(await statuses(t.db)).toEqual(await statuses(other.db));
			expect(await statuses(t.db)).toEqual({
				'event_cancelled:e1:r0': 'pending',
				'event_cancelled:e1:r1': 'pending',
				'event_cancelled:e1:r2': 'dead',
				'event_cancelled:e1:r3': 'pending',
				'event_cancelled:e1:r4': 'dead',
				'event_cancelled:e1:r5': 'pending',
				'code:x': 'pending'
			});
		} finally {
			other.cleanup();
		}
	});

	it('refuses the whole batch for one malformed phone, queueing nothing', async () => {
		await expect(t.db.transaction((tx) => enqueueSmsMany(tx, [cancelled(1), cancelled(2, '12345')]))).rejects.toThrow(m.sms.badPhone);
		expect(await allRows()).toHaveLength(0);
	});
});
