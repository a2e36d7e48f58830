import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../db/client';
import { applyMigrations, migrationsFolder } from '../db/migrate';
import { checkInOps } from '../db/schema';
import { createEvent } from '../events/events';
import { registerForEvent } from '../events/registration';
import { demoId, seedDemoData } from '../seed/seed-demo';
import { applyCheckInOp } from './checkin';

const NOW = new Date('2026-11-28T01:00:00Z');
let dir: string;
let open: OpenDatabase;

/** The migrations as they were before check-in ops were keyed by event (up to 0013). */
function migrationsBefore(tag: string): string {
	const folder = join(dir, 'drizzle');
	cpSync(migrationsFolder(), folder, { recursive: true });
	const journalPath = join(folder, 'meta', '_journal.json');
	const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
	const cut = journal.entries.findIndex((e) => e.tag === tag);
	expect(cut).toBeGreaterThan(0);
	writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
	return folder;
}

beforeEach(async () => {
	dir = mkdtempSync(join(tmpdir(), 'yizhen-migration-'));
	open = await openDatabase({ url: `file:${join(dir, 'test.db')}` });
});
afterEach(() => {
	open.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('keying check-in operations by event (migration 0014)', () => {
	it('keeps every operation stored before it under its own id, still answered as a replay', async () => {
		await migrate(open.db, { migrationsFolder: migrationsBefore('0014_check_in_ops_per_event') });
		await seedDemoData(open.db, { today: '2026-11-25' });
		const eventId = await createEvent(open.db, { userId: null, name: '周晓梅' }, {
			kind: 'free_clinic',
			siteId: demoId('site:xinqiao'),
			title: '周末义诊',
			date: '2026-11-28',
			startTime: '08:30',
			endTime: '11:30',
			capacity: 10
		});
		const reg = await registerForEvent(open.db, eventId, { name: '王秀兰', phone: '13812345678', ageBand: '60_69', consent: true }, '2026-11-25', null, new Date(NOW.getTime() - 86_400_000));
		const volunteerId = demoId('user:volunteer@yizhen.example');
		// Two rows as the old table held them, with the phone's id in `id`.
		for (const [id, outcome] of [
			['op-before-000001', 'checked_in'],
			['op-before-000002', 'already']
		] as const) {
			await open.client.execute({
				sql: 'insert into check_in_ops (id, event_id, kind, registration_id, outcome, message, by_user_id, received_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
				args: [id, eventId, 'code', reg.id, outcome, `王*兰 ${outcome}`, volunteerId, NOW.getTime()]
			});
		}

		await applyMigrations(open.db);

		const rows = await open.db.select({ eventId: checkInOps.eventId, opId: checkInOps.opId, outcome: checkInOps.outcome }).from(checkInOps).orderBy(checkInOps.opId);
		expect(rows).toEqual([
			{ eventId, opId: 'op-before-000001', outcome: 'checked_in' },
			{ eventId, opId: 'op-before-000002', outcome: 'already' }
		]);
		const replay = await applyCheckInOp(open.db, { userId: volunteerId, name: '王芳', isAdmin: false, organizerOf: [], volunteerOf: [demoId('org:rm')], expertIds: [] }, eventId, { id: 'op-before-000001', kind: 'code', code: reg.checkInCode }, NOW);
		expect(replay).toMatchObject({ outcome: 'checked_in', replayed: true, message: '王*兰 checked_in' });
	});
});
