import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoId } from '../seed/seed-demo';
import { demoActors } from '../testing/demo-actors';
import { findCommitmentWarnings, type PlannedRow } from './clashes';
import { loadDirectory } from './directory';
import { previewRosterImport } from './import';
import { interpretRow } from './interpret';
import { readRosterSheet } from './parse';
import { demoDbForEachTest } from '../testing/demo-db';

// The demo's Monday: 陈志明 gives a lecture at 新桥 on Wednesday 12-16, 14:30–16:00.
const TODAY = '2026-12-07';
const sampleXlsx = new Uint8Array(readFileSync('docs/samples/roster-sample.xlsx'));

const t = demoDbForEachTest(TODAY);

describe('an imported row against what its expert already does', () => {
	it('warns that the sample sheet sits 陈志明 at 小龙坎 while he gives his Wednesday lecture, without refusing the row', async () => {
		// organizer@yizhen.example previews the sheet: 陈志明's row is new, not refused.
		const preview = await previewRosterImport(t.db, demoActors.rmOrganizer, sampleXlsx, 'roster-sample.xlsx', TODAY);
		const rows = await readRosterSheet(sampleXlsx, 'roster-sample.xlsx');
		const directory = await loadDirectory(t.db);
		const planned: PlannedRow[] = rows.flatMap((raw) => {
			const result = interpretRow(raw, directory);
			return result.ok ? [{ ...result.row, rowNumber: raw.rowNumber }] : [];
		});
		const chenRow = planned.find((p) => p.input.expertId === demoId('expert:chenzhiming') && p.input.siteId === demoId('site:xiaolongkan'))!;
		const chenPreview = preview.rows.find((r) => r.rowNumber === chenRow.rowNumber)!;
		expect(chenPreview.status).toBe('new');
		// The preview the organizer reads names the lecture under the row.
		expect(chenPreview.warnings).toEqual([expect.stringContaining('主讲讲座“高血压的家庭自我管理”')]);
		expect(preview.rows.filter((r) => r.warnings.length > 0).map((r) => r.rowNumber)).toEqual([chenRow.rowNumber]);

		const warnings = await findCommitmentWarnings(t.db, planned, TODAY);
		expect(warnings.get(chenRow.rowNumber)).toEqual([
			expect.stringMatching(/^陈志明 时间冲突：12月16日 周三 14:00–17:00 在小龙坎社区卫生服务中心坐诊，与 12月16日 周三 14:30–16:00 在新桥社区卫生服务中心主讲讲座“高血压的家庭自我管理”重叠$/)
		]);
		// Only rows that run into something are named.
		for (const [rowNumber] of warnings) expect(planned.find((p) => p.rowNumber === rowNumber)?.expertName).toBe('陈志明');
	});

	it('says nothing of a row that starts after the lecture', async () => {
		const rows = await readRosterSheet(sampleXlsx, 'roster-sample.xlsx');
		const directory = await loadDirectory(t.db);
		const planned: PlannedRow[] = rows.flatMap((raw) => {
			const result = interpretRow(raw, directory);
			return result.ok ? [{ ...result.row, rowNumber: raw.rowNumber, input: { ...result.row.input, validFrom: '2026-12-17' } }] : [];
		});
		expect((await findCommitmentWarnings(t.db, planned, TODAY)).size).toBe(0);
	});
});
