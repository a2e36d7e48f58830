import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy';
import { previewRosterImport } from './import';
import { readRosterSheet } from './parse';
import { buildRosterTemplate } from './template';
import { demoActors } from '../testing/demo-actors';
import { demoDbForEachTest } from '../testing/demo-db';

const TODAY = '2026-11-25';
const admin: Actor = demoActors.admin;

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(new Uint8Array(buffer).buffer);
	return workbook;
}

describe('the roster template', () => {
	const t = demoDbForEachTest(TODAY);

	it('has the roster sheet first and the filling guide second, with every column explained', async () => {
		const workbook = await load(await buildRosterTemplate({ today: TODAY }));
		expect(workbook.worksheets.map((w) => w.name)).toEqual(['排班表', '填写说明']);
		const [roster, guide] = workbook.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
		const header = (roster.getRow(1).values as unknown[]).filter(Boolean);
		const explained = guide.getColumn(1).values.slice(2, 2 + header.length);
		expect(explained).toEqual(header);
		expect(header.every((_, i) => (roster.getColumn(i + 1).width ?? 0) >= 8)).toBe(true);
	});

	it('reads back with every column recognized, and its examples import cleanly into the demo district', async () => {
		const bytes = new Uint8Array(await buildRosterTemplate({ today: TODAY }));
		const rows = await readRosterSheet(bytes, '坐诊排班表模板.xlsx');
		expect(rows).toHaveLength(2);
		const header = ((await load(Buffer.from(bytes))).worksheets[0]!.getRow(1).values as unknown[]).filter(Boolean);
		expect(Object.values(rows[0]!.labels)).toEqual(expect.arrayContaining(header));

		const preview = await previewRosterImport(t.db, admin, bytes, '坐诊排班表模板.xlsx', TODAY);
		expect(preview.rows.map((r) => [r.status, r.errors])).toEqual([
			['new', []],
			['new', []]
		]);
		// The examples start after the day the template was made, so they never describe the past.
		expect(preview.rows.every((r) => r.input!.validFrom > TODAY)).toBe(true);
	});
});
