import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/client';
import { smsMessages } from '../db/schema';
import { createTestDb, type TestDb } from '../testing/test-db';
import { signed, smsText } from './kinds';
import { enqueueSms, listSmsBox, retryDeadSms, type NewSms } from './outbox';
import { smsBoxProvider, type SmsProvider } from './provider';
import { startTencentStandIn, type TencentStandIn } from './tencent-stand-in';
import { tencentProvider } from './tencent';
import { BACKOFF_MAX_MS, backoffMs } from '../db/leased-queue';
import { claimDueSms, deliverDueSms, endOfQuietHours, MAX_ATTEMPTS, mayText, startSmsWorker, type SmsWorker } from './worker';

let t: TestDb;
let standIn: TencentStandIn;
const workers: SmsWorker[] = [];
beforeEach(async () => {
	t = await createTestDb();
	standIn = await startTencentStandIn();
});
afterEach(async () => {
	await Promise.all(workers.splice(0).map((w) => w.stop()));
	await standIn.stop();
	t.cleanup();
});

/** 10:00 in Beijing, outside quiet hours. */
const T0 = new Date('2026-12-07T02:00:00Z');
const after = (ms: number, from = T0) => new Date(from.getTime() + ms);
const text = (n: number, over: Partial<NewSms<'sitting_cancelled'>> = {}): NewSms<'sitting_cancelled'> => ({
	kind: 'sitting_cancelled',
	phone: `1381234${String(n).padStart(4, '0')}`,
	params: { expert: '李康宁', time: '12月8日周二上午', site: '新桥中心', token: 'abcdefghijklmnop' },
	dedupeKey: `sitting_cancelled:s1:${n}`,
	organizationId: null,
	...over
});
const tencent = (templateIds: Partial<Record<'sitting_cancelled' | 'event_cancelled', string>> = { sitting_cancelled: '3001' }): SmsProvider =>
	tencentProvider({ secretId: 'AKIDx', secretKey: 'k', sdkAppId: '1400000000', signName: '义诊', templateIds, endpoint: standIn.url });
const row = async (id: string) => (await t.db.select().from(smsMessages).where(eq(smsMessages.id, id)).get())!;
/** How many times the stand-in received the text with this id (Tencent's SessionContext carries it). */
const timesReceived = (id: string) => standIn.requests.filter((r) => r.json.SessionContext === id).length;
const nothing = { sent: 0, retried: 0, dead: 0, deferred: 0, lost: 0 };

async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 3000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

describe('sending through Tencent', () => {
	it('sends a text queued in a committed transaction once, and records Tencent’s id and fee', async () => {
		const id = await t.db.transaction((tx) => enqueueSms(tx, text(1), T0));
		expect(await deliverDueSms(t.db, tencent(), 'w1', after(1000))).toEqual({ ...nothing, sent: 1 });
		expect(timesReceived(id)).toBe(1);
		expect(standIn.requests[0]!.json).toMatchObject({ TemplateId: '3001', TemplateParamSet: ['李康宁', '12月8日周二上午', '新桥中心', 'abcdefghijklmnop'], PhoneNumberSet: ['+8613812340001'] });
		const sent = await row(id);
		expect(sent).toMatchObject({ status: 'sent', deliveredVia: 'tencent', providerMessageId: expect.stringMatching(/^2640:/), fee: 1, attempts: 0, leaseOwner: null });
		expect(await deliverDueSms(t.db, tencent(), 'w1', after(BACKOFF_MAX_MS))).toEqual(nothing);
		expect(standIn.requests).toHaveLength(1);
	});

	it('retries a rate limit after the backoff, and sends it once when Tencent accepts', async () => {
		const id = await enqueueSms(t.db, text(1), T0);
		standIn.answer = () => ({ refuseNumber: 'LimitExceeded.PhoneNumberDailyLimit' });
		expect(await deliverDueSms(t.db, tencent(), 'w1', T0)).toEqual({ ...nothing, retried: 1 });
		const waiting = await row(id);
		expect(waiting).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: after(backoffMs(1)), leaseOwner: null });
		expect(waiting.lastError).toMatch(/^暂时发送失败，稍后重试：LimitExceeded\.PhoneNumberDailyLimit/);
		expect(await deliverDueSms(t.db, tencent(), 'w1', after(backoffMs(1) - 1))).toEqual(nothing);

		standIn.answer = () => ({ sent: true });
		expect(await deliverDueSms(t.db, tencent(), 'w1', after(backoffMs(1)))).toEqual({ ...nothing, sent: 1 });
		expect(standIn.requests.filter((r) => r.json.SessionContext === id)).toHaveLength(2);
		expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
	});

	it('makes a text whose template Tencent refuses dead at once; an admin’s retry sends it again', async () => {
		const id = await enqueueSms(t.db, text(1), T0);
		standIn.answer = () => ({ refuseRequest: 'FailedOperation.TemplateIncorrectOrUnapproved' });
		expect(await deliverDueSms(t.db, tencent(), 'w1', T0)).toEqual({ ...nothing, dead: 1 });
		const dead = await row(id);
		expect(dead).toMatchObject({ status: 'dead', attempts: 1 });
		expect(dead.lastError).toMatch(/^短信服务商拒绝.*不再重试：FailedOperation\.TemplateIncorrectOrUnapproved/);
		expect(await deliverDueSms(t.db, tencent(), 'w1', after(BACKOFF_MAX_MS * 10))).toEqual(nothing);
		expect(standIn.requests).toHaveLength(1);

		// The operator fixed the template; the admin sends it again.
		standIn.answer = () => ({ sent: true });
		expect(await retryDeadSms(t.db, id, after(60_000))).toBe(true);
		expect(await deliverDueSms(t.db, tencent(), 'w1', after(60_000))).toEqual({ ...nothing, sent: 1 });
		expect(await row(id)).toMatchObject({ status: 'sent', attempts: 0 });
	});

	it(`backs off exponentially through an outage and gives up after ${MAX_ATTEMPTS} attempts`, async () => {
		standIn.answer = () => ({ httpStatus: 502 });
		const id = await enqueueSms(t.db, text(1), T0);
		let now = T0;
		const waits: number[] = [];
		for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			const report = await deliverDueSms(t.db, tencent(), 'w1', now);
			const r = await row(id);
			expect(r.attempts).toBe(attempt);
			if (attempt < MAX_ATTEMPTS) {
				expect(report).toEqual({ ...nothing, retried: 1 });
				waits.push(r.nextAttemptAt.getTime() - now.getTime());
				now = r.nextAttemptAt;
			} else {
				expect(report).toEqual({ ...nothing, dead: 1 });
				expect(r.lastError).toContain(`已尝试 ${MAX_ATTEMPTS} 次仍未发出`);
			}
		}
		expect(waits).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000]);
	});

	it('waits, without failing the text, while the template id of its kind is not configured', async () => {
		const id = await enqueueSms(t.db, text(1), T0);
		expect(await deliverDueSms(t.db, tencent({ event_cancelled: '1' }), 'w1', T0)).toEqual({ ...nothing, retried: 1 });
		expect((await row(id)).lastError).toContain('SMS_TEMPLATE_SITTING_CANCELLED');
		expect(standIn.requests).toHaveLength(0);
	});
});

describe('two workers on one database', () => {
	async function drain(db: Db, owner: string): Promise<number> {
		let sent = 0;
		for (;;) {
			const r = await deliverDueSms(db, tencent(), owner, after(1000), { limit: 3 });
			sent += r.sent;
			if (r.sent + r.retried + r.dead + r.deferred + r.lost === 0) return sent;
		}
	}

	it('send each of 20 texts exactly once, racing on two connections', async () => {
		const ids: string[] = [];
		for (let i = 0; i < 20; i++) ids.push(await enqueueSms(t.db, text(i), T0));
		const second = await openDatabase({ url: t.url });
		let counts: number[];
		try {
			counts = await Promise.all([drain(t.db, 'w1'), drain(second.db, 'w2'), drain(t.db, 'w3')]);
		} finally {
			second.close();
		}
		expect(standIn.requests).toHaveLength(20);
		for (const id of ids) expect(timesReceived(id)).toBe(1);
		expect(counts.reduce((a, b) => a + b, 0)).toBe(20);
		expect(counts.filter((n) => n > 0).length).toBeGreaterThan(1);
		expect((await t.db.select().from(smsMessages)).every((m) => m.status === 'sent')).toBe(true);
	});

	it('never hand the same text to two claims', async () => {
		for (let i = 0; i < 10; i++) await enqueueSms(t.db, text(i), T0);
		const second = await openDatabase({ url: t.url });
		try {
			const claims = await Promise.all([claimDueSms(t.db, 'a', T0, { limit: 4 }), claimDueSms(second.db, 'b', T0, { limit: 4 }), claimDueSms(t.db, 'c', T0, { limit: 4 })]);
			const claimed = claims.flat().map((m) => m.id);
			expect(claimed).toHaveLength(10);
			expect(new Set(claimed).size).toBe(10);
		} finally {
			second.close();
		}
	});

	it('let another worker take over a crashed worker’s text once its lease ran out', async () => {
		const id = await enqueueSms(t.db, text(1), T0);
		expect((await claimDueSms(t.db, 'crashed', T0, { leaseMs: 60_000 })).map((m) => m.id)).toEqual([id]);
		expect(await deliverDueSms(t.db, tencent(), 'w2', after(59_000))).toEqual(nothing);
		expect(await deliverDueSms(t.db, tencent(), 'w2', after(60_001))).toEqual({ ...nothing, sent: 1 });
		expect(timesReceived(id)).toBe(1);
	});
});

describe('quiet hours (21:00–08:00 Beijing)', () => {
	const beijing = (iso: string) => new Date(`${iso}+08:00`);

	it('allow a text until 20:59 and from 08:00, and hold it in between until 08:00', () => {
		const plain = { kind: 'sitting_cancelled', urgent: false, phone: '13812341234' };
		expect(mayText(plain, beijing('2026-12-07T20:59:59'))).toBe(true);
		expect(mayText(plain, beijing('2026-12-07T21:00:00'))).toEqual(beijing('2026-12-08T08:00:00'));
		expect(mayText(plain, beijing('2026-12-08T07:59:00'))).toEqual(beijing('2026-12-08T08:00:00'));
		expect(mayText(plain, beijing('2026-12-08T08:00:00'))).toBe(true);
		expect(endOfQuietHours(beijing('2026-12-31T23:00:00'))).toEqual(beijing('2027-01-01T08:00:00'));
		// A cancellation of today, a code, the registration just made: at any hour.
		expect(mayText({ ...plain, urgent: true }, beijing('2026-12-07T23:00:00'))).toBe(true);
		expect(mayText({ ...plain, kind: 'verification_code' }, beijing('2026-12-07T23:00:00'))).toBe(true);
		expect(mayText({ ...plain, kind: 'registration_confirmed' }, beijing('2026-12-08T06:00:00'))).toBe(true);
	});

	it('defer a text claimed at night to 08:00 without an attempt, and send the urgent one at once', async () => {
		const night = beijing('2026-12-07T22:30:00');
		const later = await enqueueSms(t.db, text(1), night);
		const now = await enqueueSms(t.db, text(2, { urgent: true }), night);
		expect(await deliverDueSms(t.db, tencent(), 'w1', night)).toEqual({ ...nothing, sent: 1, deferred: 1 });
		expect(timesReceived(now)).toBe(1);
		expect(await row(later)).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: beijing('2026-12-08T08:00:00'), leaseOwner: null });
		expect(await deliverDueSms(t.db, tencent(), 'w1', beijing('2026-12-08T07:59:59'))).toEqual(nothing);
		expect(await deliverDueSms(t.db, tencent(), 'w1', beijing('2026-12-08T08:00:00'))).toEqual({ ...nothing, sent: 1 });
		expect(timesReceived(later)).toBe(1);
	});
});

describe('the local SMS box', () => {
	it('marks texts sent with deliveredVia box and the fee they would cost; the admin reads them newest first', async () => {
		const ids = [await enqueueSms(t.db, text(1), T0), await enqueueSms(t.db, text(2), after(1))];
		expect(await deliverDueSms(t.db, smsBoxProvider('义诊', 'https://yizhen.example.org'), 'w1', after(1000))).toEqual({ ...nothing, sent: 2 });
		// A follower's text carries its stop link: two segments.
		expect(await row(ids[0]!)).toMatchObject({ status: 'sent', deliveredVia: 'box', providerMessageId: `box:${ids[0]}`, fee: 2 });
		const box = await listSmsBox(t.db);
		expect(box.map((m) => m.id)).toEqual([ids[1], ids[0]]);
		expect(signed('义诊', smsText('sitting_cancelled', box[0]!.params, ''))).toContain('李康宁医生12月8日周二上午在新桥中心的坐诊停诊');
		expect(standIn.requests).toHaveLength(0);
	});

	it('the worker loop sends at start and on a poke, and stops', async () => {
		// Urgent: the loop reads the real clock, which may be in quiet hours.
		const first = await enqueueSms(t.db, text(1, { urgent: true }));
		const worker = startSmsWorker(t.db, { provider: smsBoxProvider(), pollMs: 60_000, owner: 'loop' });
		workers.push(worker);
		await until(async () => (await row(first)).status === 'sent');
		const second = await enqueueSms(t.db, text(2, { urgent: true }));
		worker.poke();
		await until(async () => (await row(second)).status === 'sent');
		await worker.stop();
		const third = await enqueueSms(t.db, text(3, { urgent: true }));
		worker.poke();
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect((await row(third)).status).toBe('pending');
	});
});
