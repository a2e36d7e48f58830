import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/audit';
import { registrations } from '../db/schema';
import { createEvent } from '../events/events';
import { registerForEvent } from '../events/registration';
import { makeOrganization, makeSite } from '../testing/factories';
import { createTestDb, type TestDb } from '../testing/test-db';
import { lastJobRuns } from './job-runs';
import { runRecordedRetention } from './retention';

let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
});
afterEach(() => t.cleanup());

const NOW = new Date('2026-12-07T02:00:00.000Z');

describe('the recorded retention run', () => {
	it('erases registrations a year after their event, records the counts, and finds nothing the second time', async () => {
		const org = await makeOrganization(t.db);
		const site = await makeSite(t.db, { organizationId: org.id, name: '新桥社区卫生服务中心' });
		const lecture = (date: string) =>
			createEvent(t.db, SYSTEM_ACTOR, { kind: 'lecture', siteId: site.id, title: '高血压的家庭管理', topic: '量血压', speakerName: '陈医生', date, startTime: '14:30', endTime: '16:00', capacity: 40 });
		const old = await lecture('2025-12-01');
		const recent = await lecture('2026-11-20');
		const person = (n: number) => ({ name: `居民${n}`, phone: `1380000000${n}`, ageBand: '60_69', consent: true });
		const a = await registerForEvent(t.db, old, person(1), '2025-11-01', null, NOW);
		await registerForEvent(t.db, recent, person(2), '2026-11-01', null, NOW);

		const first = await runRecordedRetention(t.db, () => NOW);
		expect(first).toMatchObject({ ok: true, summary: { registrations: 1, calendarItems: 0, follows: 0 } });
		const erased = await t.db.select().from(registrations).where(eq(registrations.id, a.id)).get();
		expect(erased?.erasedAt).toEqual(NOW);
		expect((await lastJobRuns(t.db)).retention).toMatchObject({ ok: true, finishedAt: NOW, lastSuccessAt: NOW, summary: { registrations: 1 } });

		const later = new Date(NOW.getTime() + 86_400_000);
		expect((await runRecordedRetention(t.db, () => later)).summary).toEqual({ registrations: 0, calendarItems: 0, follows: 0 });
		expect((await lastJobRuns(t.db)).retention?.lastSuccessAt).toEqual(later);
	});
});
