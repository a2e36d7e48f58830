import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, rotations } from '../db/schema';
import { demoId, seedDemoData } from '../seed/seed-demo';
import { createTestDb, type TestDb } from '../testing/test-db';
import { applyRosterImport, previewRosterImport } from './import';
import { parseSheetDate, parseWeekdays } from './interpret';
import { buildRosterTemplate } from './template';

const TODAY = '2026-11-25';
const ALL = { siteIds: null };
const organizer = { userId: null, name: '周晓梅' };
const sample = readFileSync('docs/samples/roster-sample.csv');
const twoBad = readFileSync('docs/samples/roster-two-bad-rows.csv');
const encoder = new TextEncoder();
let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
	await seedDemoData(t.db, { today: TODAY });
});
afterEach(() => t.cleanup());

const countRotations = async () => (await t.db.select().from(rotations)).length;

describe('importing the sample sheet', () => {
	it('imports every row once, and a second import changes nothing', async () => {
		const before = await countRotations();
		const first = await applyRosterImport(t.db, organizer, sample, 'roster-sample.csv', ALL, TODAY);
		expect(first.created).toBe(8);
		expect(await countRotations()).toBe(before + 8);
		expect((await t.db.select().from(auditLog)).filter((a) => a.action === 'rotation.import')).toHaveLength(8);

		const again = await applyRosterImport(t.db, organizer, sample, 'roster-sample.csv', ALL, TODAY);
		expect(again).toMatchObject({ created: 0, unchanged: 8 });
		expect(await countRotations()).toBe(before + 8);
	});

	it('reads the same rows from an .xlsx file, and from a GB18030 CSV', async () => {
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('排班');
		const lines = sample.toString('utf8').trim().split('\n').map((l) => l.split(',').map((c) => c.replace(/"/g, '')));
		lines.forEach((cells, i) => sheet.addRow(i > 0 && cells[8] === '2026-12-05' ? [...cells.slice(0, 8), new Date(Date.UTC(2026, 11, 5)), ...cells.slice(9)] : cells));
		const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
		const fromXlsx = await previewRosterImport(t.db, xlsx, '排班.xlsx', ALL, TODAY);
		expect(fromXlsx.counts).toEqual({ new: 8, unchanged: 0, invalid: 0 });

		// Excel on a Chinese Windows saves "CSV" in GBK/GB18030.
		const gbk = new Uint8Array(iconv.encode('专家,科室,社区卫生服务中心,星期,上午/下午,开始日期\r\n孙倩,内分泌科,新桥社区卫生服务中心,周六,上午,2026-12-05\r\n', 'gb18030'));
		const fromGbk = await previewRosterImport(t.db, gbk, 'gbk.csv', ALL, TODAY);
		expect(fromGbk.rows.map((r) => [r.status, r.summary])).toEqual([['new', '孙倩 · 每周六 08:30–11:30 · 新桥社区卫生服务中心']]);
	});
});

describe('a sheet with mistakes', () => {
	it('imports nothing and explains both bad rows by their row numbers', async () => {
		const before = await countRotations();
		const preview = await previewRosterImport(t.db, twoBad, 'bad.csv', ALL, TODAY);
		expect(preview.valid).toBe(false);
		const bad = preview.rows.filter((r) => r.status === 'invalid');
		expect(bad.map((r) => r.rowNumber)).toEqual([3, 4]);
		expect(bad[0]!.errors.join()).toContain('“专家”中的“张三丰”');
		expect(bad[1]!.errors.join()).toContain('“结束时间”12:00 应晚于“开始时间”14:00');
		await expect(applyRosterImport(t.db, organizer, twoBad, 'bad.csv', ALL, TODAY)).rejects.toMatchObject({ status: 400 });
		expect(await countRotations()).toBe(before);
	});

	it('refuses sites outside the organizer\'s scope, in-sheet clashes, and clashes with existing rotations', async () => {
		const onlyXinqiao = { siteIds: new Set([demoId('site:xinqiao')]) };
		const scoped = await previewRosterImport(t.db, sample, 's.csv', onlyXinqiao, TODAY);
		expect(scoped.rows.find((r) => r.summary.includes('天星桥'))!.errors).toContain('您无权为「天星桥社区卫生服务中心」安排坐诊');

		const header = '专家,科室,社区卫生服务中心,星期,上午/下午,开始日期\n';
		const clash = encoder.encode(`${header}杨帆,心内科,新桥社区卫生服务中心,周六,上午,2026-12-05\n杨帆,心内科,天星桥社区卫生服务中心,六,上午,2026-12-12\n陈志明,心内科,小龙坎社区卫生服务中心,周一,上午,2026-12-01\n`);
		const result = await previewRosterImport(t.db, clash, 'c.csv', ALL, TODAY);
		expect(result.rows[1]!.errors).toContain('与第 2 行同一专家时间重叠');
		expect(result.rows[2]!.errors.join()).toContain('与已有安排冲突');
		expect(result.rows[2]!.errors.join()).toContain('天星桥社区卫生服务中心');
	});

	it('names a missing column and suggests the closest center name', async () => {
		await expect(previewRosterImport(t.db, encoder.encode('专家,科室\n杨帆,心内科\n'), 'x.csv', ALL, TODAY)).rejects.toMatchObject({
			message: expect.stringContaining('社区卫生服务中心')
		});
		const typo = encoder.encode('专家,科室,社区卫生服务中心,星期,上午/下午,开始日期\n杨帆,心内科,新桥社区卫生中心,周六,上午,2026-12-05\n');
		const preview = await previewRosterImport(t.db, typo, 'x.csv', ALL, TODAY);
		expect(preview.rows[0]!.errors.join()).toContain('是不是“新桥社区卫生服务中心”');
	});
});

describe('what organizers write', () => {
	it.each([
		['周二、周四', ['TU', 'TH']],
		['二四', ['TU', 'TH']],
		['星期二', ['TU']],
		['周一至周五', ['MO', 'TU', 'WE', 'TH', 'FR']],
		['周八', null]
	])('reads the weekdays %s', (text, expected) => expect(parseWeekdays(text)).toEqual(expected));

	it.each([
		['2026-12-01', '2026-12-01'],
		['2026/12/1', '2026-12-01'],
		['2026年12月1日', '2026-12-01'],
		['2026-02-30', null]
	])('reads the date %s', (text, expected) => expect(parseSheetDate(text)).toBe(expected));

	it('ships a template whose header the import accepts', async () => {
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load((await buildRosterTemplate()) as unknown as ArrayBuffer);
		expect(workbook.worksheets.map((w) => w.name)).toEqual(['排班表', '填写说明']);
		const preview = await previewRosterImport(t.db, new Uint8Array(await workbook.xlsx.writeBuffer()), 't.xlsx', ALL, TODAY);
		// The examples are the demo's own rotations: already there, so unchanged or clashing, never unreadable.
		expect(preview.rows.every((r) => !r.errors.some((e) => e.includes('无法识别') || e.includes('不存在')))).toBe(true);
	});
});
