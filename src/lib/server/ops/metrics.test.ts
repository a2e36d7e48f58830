import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupFileName } from '../db/backup-retention';
import { enqueueMail } from '../notify/outbox';
import { createTestDb, type TestDb } from '../testing/test-db';
import { recordJobRun } from './job-runs';
import { metricsText, observePageCache, observeRequest } from './metrics';

let t: TestDb;
let backups: string;
const NOW = new Date('2026-12-07T12:00:00.000Z');
beforeEach(async () => {
	t = await createTestDb();
	backups = mkdtempSync(join(tmpdir(), 'yizhen-metrics-'));
});
afterEach(() => {
	t.cleanup();
	rmSync(backups, { recursive: true, force: true });
});

describe('metricsText', () => {
	it('exports requests by route, cache hits, the outbox backlog, the jobs and the newest backup', async () => {
		observeRequest('/(public)/experts/[id]', 'GET', 200, 0.003);
		observeRequest(null, 'GET', 404, 0.001);
		observePageCache(true);
		await enqueueMail(t.db, { kind: 'invite', to: 'a@example.org', subject: '邀请', text: '您好' }, new Date('2026-12-07T11:00:00.000Z'));
		await recordJobRun(t.db, 'backup', { startedAt: NOW, finishedAt: new Date('2026-12-07T11:30:00.000Z'), ok: true, summary: {} });
		writeFileSync(join(backups, backupFileName('test', new Date('2026-12-07T11:30:00.000Z'))), 'copy');
		const text = await metricsText(t.db, NOW, { DATABASE_URL: t.url, BACKUP_DIR: backups });

		expect(text).toMatch(/yizhen_http_requests_total\{route="\/\(public\)\/experts\/\[id\]",method="GET",status="200"\} \d+/);
		expect(text).toMatch(/yizhen_http_requests_total\{route="none",method="GET",status="404"\} \d+/);
		expect(text).toMatch(/yizhen_http_request_duration_seconds_bucket\{route="\/\(public\)\/experts\/\[id\]",method="GET",le="0.005"\} \d+/);
		expect(text).toMatch(/yizhen_page_cache_requests_total\{result="hit"\} [1-9]/);
		expect(text).toContain('yizhen_outbox_messages{channel="mail",status="pending"} 1');
		expect(text).toContain('yizhen_outbox_messages{channel="sms",status="dead"} 0');
		expect(text).toContain('yizhen_outbox_oldest_waiting_seconds{channel="mail"} 3600');
		expect(text).toContain(`yizhen_job_last_success_timestamp_seconds{job="backup"} ${Date.parse('2026-12-07T11:30:00.000Z') / 1000}`);
		expect(text).toContain('yizhen_backup_newest_age_seconds 1800');
		expect(text).toContain('yizhen_backup_newest_bytes 4');
		// Labels are route ids, never a URL with its query string, nor an address.
		expect(text).not.toContain('?');
		expect(text).not.toContain('a@example.org');
	});
});
