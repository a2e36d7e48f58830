/**
 * `npm run bench:notifications`: cancelling a free clinic with 500 registrants who left an email.
 * Measures, on a fresh demo database in a temporary folder and a real SMTP server on 127.0.0.1:
 *  - the organizer's click (cancelEvent: the change, its audit row and one fan-out row, one transaction);
 *  - writing out the 500 messages (expandFanouts) and delivering them (the outbox worker's loop).
 * Targets (issue 7): the click under 200 ms however many registrants; delivery of 500 under 30 s.
 * Figures are printed, never asserted.
 */
import { eq } from 'drizzle-orm';
import { loadActor } from '../src/lib/server/auth/users';
import { outboxMessages, registrations, users } from '../src/lib/server/db/schema';
import { createEvent } from '../src/lib/server/events/events';
import { cancelEvent } from '../src/lib/server/events/cancellation';
import { newId } from '../src/lib/server/ids';
import { expandFanouts } from '../src/lib/server/notify/resident-mail';
import { startTestSmtpServer } from '../src/lib/server/notify/smtp-test-server';
import { smtpTransport } from '../src/lib/server/notify/transport';
import { deliverDue } from '../src/lib/server/notify/worker';
import { demoId, seedDemoData } from '../src/lib/server/seed/seed-demo';
import { createTestDb } from '../src/lib/server/testing/test-db';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 500);
const t = await createTestDb();
const smtp = await startTestSmtpServer();
try {
	await seedDemoData(t.db, { today: '2026-11-25' });
	const actor = await loadActor(t.db, (await t.db.select().from(users).where(eq(users.email, 'organizer@yizhen.example')).get())!);
	const clinicAt = (title: string) =>
		createEvent(t.db, { userId: null, name: '周晓梅' }, { kind: 'free_clinic', siteId: demoId('site:xinqiao'), title, date: '2026-12-12', startTime: '08:30', endTime: '11:30', capacity: null });
	const fill = async (eventId: string, n: number) => {
		const rows = Array.from({ length: n }, (_, i) => ({
			id: newId(),
			eventId,
			name: `居民${i}`,
			phone: `13${String(eventId.length)}${String(i).padStart(8, '0')}`,
			ageBand: '60_69' as const,
			email: `resident${i}.${eventId}@example.com`,
			consentAt: new Date(),
			status: 'registered' as const,
			checkInCode: `C${String(i).padStart(5, '0')}`,
			manageTokenHash: newId(32)
		}));
		for (let i = 0; i < rows.length; i += 100) await t.db.insert(registrations).values(rows.slice(i, i + 100));
	};
	const clicks: string[] = [];
	for (const n of [10, PEOPLE]) {
		const id = await clinicAt(`冬季义诊 ${n}`);
		await fill(id, n);
		const started = performance.now();
		await cancelEvent(t.db, actor, id, { reason: '暴雨' });
		clicks.push(`${n} registrants: ${(performance.now() - started).toFixed(0)} ms`);
		if (n !== PEOPLE) {
			await expandFanouts(t.db);
			await t.db.delete(outboxMessages);
		}
	}

	const transport = smtpTransport(smtp.url);
	const started = performance.now();
	const queued = await expandFanouts(t.db);
	const expanded = performance.now() - started;
	let sent = 0;
	for (let round = 0; round < 1000 && sent < queued; round++) sent += (await deliverDue(t.db, transport, 'bench')).sent;
	const delivered = performance.now() - started;
	await transport.close?.();

	console.log(`\nYizhen notification benchmark, node ${process.version}`);
	console.log(`organizer's click (cancelEvent): ${clicks.join('; ')} (target < 200 ms)`);
	console.log(`messages written out: ${queued} in ${(expanded / 1000).toFixed(1)} s`);
	console.log(`delivered to the SMTP server on 127.0.0.1: ${sent} (server received ${smtp.received.length}) ${(delivered / 1000).toFixed(1)} s after the click (target < 30 s)`);
} finally {
	await smtp.stop();
	t.cleanup();
}
