import { describe, expect, it } from 'vitest';
import { emptyDbForEachTest } from '../testing/each-test';
import { lastJobRuns, runRecorded } from './job-runs';

const t = emptyDbForEachTest();

describe('runRecorded', () => {
	it('records a failure without throwing, and keeps the time of the last success', async () => {
		const ok = new Date('2026-12-07T01:00:00.000Z');
		const failed = new Date('2026-12-07T02:00:00.000Z');
		await runRecorded(t.db, 'backup', () => ok, async () => ({ bytes: 100 }));
		const run = await runRecorded(t.db, 'backup', () => failed, async () => {
			throw new Error('磁盘已满 / disk full');
		});
		expect(run).toMatchObject({ ok: false, error: '磁盘已满 / disk full' });
		expect((await lastJobRuns(t.db)).backup).toMatchObject({ ok: false, finishedAt: failed, lastSuccessAt: ok, error: '磁盘已满 / disk full', summary: {} });
		expect((await lastJobRuns(t.db)).reminders).toBeUndefined();
	});
});
