/**
 * `npm run bench:sms` (issue 18, point 6): an expert with 500 followers has a sitting cancelled, and a
 * free clinic with 500 registrants is cancelled. Measures, on a fresh demo database in a temporary
 * folder, with Tencent's official SDK sending to the local stand-in on 127.0.0.1:
 *  - each organizer's click (applySittingAction, cancelEvent): the change, its audit and mail rows and
 *    the 500 texts, one transaction;
 *  - handing all 1,000 texts to the stand-in (the SMS worker's loop, 4 lanes, as the server runs it).
 * Targets: each click under 100 ms; all 1,000 handed over within 30 s. Figures are printed, never asserted.
 */
import { eq } from 'drizzle-orm';
import { addDays, todayIn } from '../src/lib/calendar-date';
import { loadActor } from '../src/lib/server/auth/users';
import { registrations, smsFollows, smsMessages, users } from '../src/lib/server/db/schema';
import { createEvent } from '../src/lib/server/events/events';
import { cancelEvent } from '../src/lib/server/events/cancellation';
import { newId } from '../src/lib/server/ids';
import { applySittingAction } from '../src/lib/server/schedule/sitting-actions';
import { listSittings } from '../src/lib/server/schedule/sittings';
import { demoId, seedDemoData } from '../src/lib/server/seed/seed-demo';
import { SMS_KINDS } from '../src/lib/server/sms/kinds';
import { templateEnvName } from '../src/lib/server/sms/provider';
import { startTencentStandIn } from '../src/lib/server/sms/tencent-stand-in';
import { tencentConfigFromEnv, tencentProvider } from '../src/lib/server/sms/tencent';
import { deliverDueSms } from '../src/lib/server/sms/worker';
import { createTestDb } from '../src/lib/server/testing/test-db';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 500);
const BEIJING = 'Asia/Shanghai';
const t = await createTestDb();
const standIn = await startTencentStandIn();
try {
	const today = todayIn(BEIJING);
	await seedDemoData(t.db, { today });
	const actor = await loadActor(t.db, (await t.db.select().from(users).where(eq(users.email, 'organizer@yizhen.example')).get())!);
	const phone = (group: number, i: number) => `13${group}${String(i).padStart(8, '0')}`;

	/** `n` followers of the expert, each with its own stop link, as the follow page leaves them. */
	const follow = async (expertId: string, n: number, group: number) => {
		const now = new Date();
		const rows = Array.from({ length: n }, (_, i) => ({
			id: newId(),
			phone: phone(group, i),
			targetKind: 'expert' as const,
			targetId: expertId,
			consentAt: now,
			expiresAt: new Date(now.getTime() + 180 * 86_400_000),
			stopToken: newId(16).toLowerCase().replace(/[^a-z2-7]/g, 'a')
		}));
		for (let i = 0; i < rows.length; i += 100) await t.db.insert(smsFollows).values(rows.slice(i, i + 100));
	};
	const nextSitting = async (expertId: string) => {
		const { sittings } = await listSittings(t.db, { from: addDays(today, 1), to: addDays(today, 14), expertId });
		const found = sittings.find((s) => s.status === 'scheduled' && s.rosteredExpert.id === expertId);
		if (!found) throw new Error(`no sitting of ${expertId} in the next 14 days`);
		return found.id;
	};
	const clinic = async (n: number, group: number) => {
		const eventId = await createEvent(t.db, { userId: null, name: '周晓梅' }, {
			kind: 'free_clinic',
			siteId: demoId('site:xinqiao'),
			title: `冬季义诊${n}`,
			date: addDays(today, 5),
			startTime: '08:30',
			endTime: '11:30',
			capacity: null
		});
		const rows = Array.from({ length: n }, (_, i) => ({
			id: newId(),
			eventId,
			name: `居民${i}`,
			phone: phone(group, i),
			ageBand: '60_69' as const,
			consentAt: new Date(),
			status: 'registered' as const,
			checkInCode: `C${String(i).padStart(5, '0')}`,
			manageTokenHash: newId(32)
		}));
		for (let i = 0; i < rows.length; i += 100) await t.db.insert(registrations).values(rows.slice(i, i + 100));
		return eventId;
	};
	const timed = async (work: () => Promise<unknown>) => {
		const started = performance.now();
		await work();
		return performance.now() - started;
	};

	// A small round first, so the figures are of the work and not of the first call's warm-up.
	await follow(demoId('expert:zhenghao'), 10, 1);
	await timed(async () => applySittingAction(t.db, actor, await nextSitting(demoId('expert:zhenghao')), { action: 'cancel', reason: '外出会诊' }));
	await timed(async () => cancelEvent(t.db, actor, await clinic(10, 2), { reason: '暴雨' }));
	await t.db.delete(smsMessages);

	await follow(demoId('expert:sunqian'), PEOPLE, 3);
	const sittingId = await nextSitting(demoId('expert:sunqian'));
	const eventId = await clinic(PEOPLE, 4);
	const clickStarted = performance.now();
	const sittingClick = await timed(() => applySittingAction(t.db, actor, sittingId, { action: 'cancel', reason: '外出会诊' }));
	const eventClick = await timed(() => cancelEvent(t.db, actor, eventId, { reason: '暴雨' }));
	const queued = (await t.db.select({ id: smsMessages.id }).from(smsMessages)).length;

	const env: Record<string, string> = {
		SMS_PROVIDER: 'tencent',
		TENCENT_SECRET_ID: 'AKIDbenchbenchbenchbenchbench',
		TENCENT_SECRET_KEY: 'benchbenchbenchbenchbenchbench12',
		SMS_SDK_APP_ID: '1400000000',
		SMS_SIGN_NAME: '义诊',
		SMS_ENDPOINT: standIn.url
	};
	SMS_KINDS.forEach((kind, i) => (env[templateEnvName(kind)] = String(2_100_000 + i)));
	const provider = tencentProvider(tencentConfigFromEnv(env));
	// Quiet hours hold all but same-day cancellations until 08:00: outside 08:00–21:00 Beijing time, the
	// worker is told it is 10:00 tomorrow, so the figure is of sending, not of waiting for the morning.
	const hour = Number(new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone: BEIJING }).format(new Date()));
	const quiet = hour >= 21 || hour < 8;
	const workerNow = () => (quiet ? new Date(`${addDays(today, 1)}T10:00:00+08:00`) : new Date());
	let sent = 0;
	for (let round = 0; round < 10_000 && sent < queued; round++) sent += (await deliverDueSms(t.db, provider, 'bench', workerNow())).sent;
	const handedOver = performance.now() - clickStarted;

	console.log(`\nYizhen SMS benchmark, node ${process.version}${quiet ? ' (run in quiet hours: the worker was told it is 10:00)' : ''}`);
	console.log(`cancel a sitting of an expert with ${PEOPLE} followers: ${sittingClick.toFixed(0)} ms (target < 100 ms)`);
	console.log(`cancel a free clinic with ${PEOPLE} registrants: ${eventClick.toFixed(0)} ms (target < 100 ms)`);
	console.log(`texts queued: ${queued}; sent: ${sent}; requests the stand-in received: ${standIn.requests.length}`);
	console.log(`all handed to the stand-in ${(handedOver / 1000).toFixed(1)} s after the first click (target < 30 s)`);
} finally {
	await standIn.stop();
	t.cleanup();
}
