/**
 * The compliance report on the demo district, as the page shows it and as the commission's Excel opens
 * the download: sheets, Chinese headers, and counts and shares that are numbers, not text.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoId } from '../seed/seed-demo';
import { demoActors } from '../testing/demo-actors';
import { type TestDb } from '../testing/test-db';
import { compliancePage, complianceXlsxFile } from './compliance-page';
import { createDemoDb } from '../testing/demo-db';

const TODAY = '2026-11-25';
const RM = demoId('org:rm');

let t: TestDb;
beforeAll(async () => {
	t = await createDemoDb(TODAY);
});
afterAll(() => t.cleanup());

describe('the compliance report of the demo district', () => {
	it('shows last month by default, with the Baijiantan rules per center and a chart per rule', async () => {
		const page = await compliancePage(t.db, demoActors.rmOrganizer, new URLSearchParams(''), TODAY);
		expect(page.organization.id).toBe(RM);
		expect(page.report.period).toMatchObject({ kind: 'month', key: '2026-10', label: '2026年10月' });
		expect(page.selected).toEqual({ month: '2026-10', quarter: '2026-Q4', year: '2026' });
		expect(page.options.quarter.map((o) => o.value).slice(0, 2)).toEqual(['2026-Q4', '2026-Q3']);
		expect(page.report.lines.length).toBeGreaterThan(0);
		expect(page.charts).toHaveLength(page.report.targetCount);
		expect(page.tables.map((table) => table.title)).toEqual(['按中心和目标', '按中心：坐诊、诊疗人次和教学及指导', '按专家：下派坐诊、诊疗人次和教学及指导', '近 12 个月达标率（数字）']);
		expect(page.queryString).toBe(`org=${encodeURIComponent(RM)}&kind=month&month=2026-10`);
	});

	it('downloads as an .xlsx whose figures are numbers with formats', async () => {
		const file = await complianceXlsxFile(t.db, demoActors.rmOrganizer, new URLSearchParams('kind=quarter&quarter=2026-Q3'), TODAY);
		expect(file.filename).toBe('重庆市沙坪坝区人民医院_考核达标报表_2026年第3季度.xlsx');
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
		expect(workbook.worksheets.map((s) => s.name)).toEqual(['汇总', '按中心和目标', '按中心', '按专家', '近12个月达标率']);
		const lines = workbook.getWorksheet('按中心和目标')!;
		expect((lines.getRow(1).values as unknown[]).slice(1)).toEqual(['目标', '中心 / 专家', '考核周数 / 月数', '排班（计划）', '目标合计', '已开展', '达标率', '未达标的周 / 月']);
		const first = lines.getRow(2);
		expect(first.getCell(3).type).toBe(ExcelJS.ValueType.Number);
		expect(first.getCell(6).type).toBe(ExcelJS.ValueType.Number);
		const percent = first.getCell(7);
		expect({ type: percent.type, numFmt: percent.numFmt }).toEqual({ type: ExcelJS.ValueType.Number, numFmt: '0.0%' });
		expect(percent.value as number).toBeGreaterThanOrEqual(0);
		expect(percent.value as number).toBeLessThanOrEqual(1);
		const centers = workbook.getWorksheet('按中心')!;
		const total = centers.getRow(centers.rowCount);
		expect(total.getCell(1).value).toBe('合计');
		expect(total.getCell(2).type).toBe(ExcelJS.ValueType.Number);
		expect(total.getCell(2).value as number).toBeGreaterThan(0);
	});

	it('refuses a period that is not one as a mistake in the query', async () => {
		await expect(compliancePage(t.db, demoActors.rmOrganizer, new URLSearchParams('kind=month&month=2026-13'), TODAY)).rejects.toMatchObject({ status: 400, field: 'month' });
	});
});
