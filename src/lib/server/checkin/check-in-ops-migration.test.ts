import { migrate } from 'drizzle-orm/libsql/migrator';
import { describe, expect, it } from 'vitest';
import { applyMigrations } from '../db/migrate';
import { migrationDbForEachTest } from '../testing/migration-db';
import { checkInOps } from '../db/schema';
import { applyCheckInOp } from './checkin';

const NOW = new Date('2026-11-28T01:00:00Z');
const { open, migrationsBefore } = migrationDbForEachTest();

describe('keying check-in operations by event (migration 0014)', () => {
	it('keeps every operation stored before it under its own id, still answered as a replay', async () => {
		await migrate(open.db, { migrationsFolder: migrationsBefore('0014_check_in_ops_per_event') });
		// Rows written as SQL of that schema: the seed and the writers speak today's schema, whose later
		// columns (an expert's contact address, 0015) the database at 0013 does not have yet.
		const ids = { org: 'org-before-0014', site: 'site-before-0014', user: 'user-before-0014', event: 'event-before-0014', reg: 'reg-before-0014' };
		const code = 'K7Q2MX';
		const statements: [string, unknown[]][] = [
			['insert into organizations (id, name, kind) values (?, ?, ?)', [ids.org, '重庆市沙坪坝区人民医院', 'lead_hospital']],
			['insert into sites (id, organization_id, name, kind, address) values (?, ?, ?, ?, ?)', [ids.site, ids.org, '新桥社区卫生服务中心', 'community_center', '重庆市沙坪坝区新桥正街 1 号']],
			['insert into users (id, email, name) values (?, ?, ?)', [ids.user, 'volunteer.0013@yizhen.example', '王芳']],
			['insert into memberships (id, user_id, role, organization_id) values (?, ?, ?, ?)', ['membership-before-0014', ids.user, 'volunteer', ids.org]],
			[
				'insert into events (id, kind, organization_id, site_id, title, date, start_time, end_time) values (?, ?, ?, ?, ?, ?, ?, ?)',
				[ids.event, 'free_clinic', ids.org, ids.site, '周末义诊', '2026-11-28', '08:30', '11:30']
			],
			[
				'insert into registrations (id, event_id, name, phone, age_band, consent_at, status, check_in_code, manage_token_hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
				[ids.reg, ids.event, '王秀兰', '13812345678', '60_69', NOW.getTime() - 86_400_000, 'registered', code, 'hash-before-0014']
			],
			// Two rows as the old table held them, with the phone's id in `id`.
			...(['checked_in', 'already'] as const).map((outcome, i): [string, unknown[]] => [
				'insert into check_in_ops (id, event_id, kind, registration_id, outcome, message, by_user_id, received_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
				[`op-before-00000${i + 1}`, ids.event, 'code', ids.reg, outcome, `王*兰 ${outcome}`, ids.user, NOW.getTime()]
			])
		];
		for (const [sql, args] of statements) await open.client.execute({ sql, args: args as never });

		await applyMigrations(open.db);

		const rows = await open.db.select({ eventId: checkInOps.eventId, opId: checkInOps.opId, outcome: checkInOps.outcome }).from(checkInOps).orderBy(checkInOps.opId);
		expect(rows).toEqual([
			{ eventId: ids.event, opId: 'op-before-000001', outcome: 'checked_in' },
			{ eventId: ids.event, opId: 'op-before-000002', outcome: 'already' }
		]);
		const volunteer = { userId: ids.user, name: '王芳', isAdmin: false, organizerOf: [], volunteerOf: [ids.org], expertIds: [] };
		const replay = await applyCheckInOp(open.db, volunteer, ids.event, { id: 'op-before-000001', kind: 'code', code }, NOW);
		expect(replay).toMatchObject({ outcome: 'checked_in', replayed: true, message: '王*兰 checked_in' });
	});
});
