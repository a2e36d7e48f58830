/**
 * The downloads as an organizer's Excel would open them: the .xlsx read back with exceljs (sheet names,
 * Chinese headers, formats, a total against the seeded rows), the CSV's byte-order mark and sections.
 */
import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy';
import { events, organizations, registrations, sites } from '../db/schema';
import { demoId } from '../seed/seed-demo';
import { type TestDb } from '../testing/test-db';
import { reportCsvFile, reportPage, reportXlsxFile } from './page';
import { createDemoDb } from '../testing/demo-db';

const TODAY = '2026-11-25';
const RM = demoId('org:rm');
const organizer: Actor = { userId: 'u', name: '周晓梅', isAdmin: false, organizerOf: [RM], volunteerOf: [], expertIds: [] };
const params = (qs: string) => new URLSearchParams(qs);

let t: TestDb;
beforeAll(async () => {
	t = await createDemoDb(TODAY);
	// One held clinic with people checked in, so the served total is not zero.
	await t.db.update(events).set({ date: '2026-03-14' }).where(eq(events.id, demoId('event:clinic-this-saturday')));
	await t.db.update(registrations).set({ checkedInAt: new Date('2026-03-14T01:00:00Z') }).where(eq(registrations.eventId, demoId('event:clinic-this-saturday')));
});
afterAll(() => t.cleanup());

async function servedInRm(): Promise<number> {
	const row = await t.db.get<{ n: number }>(sql`
		with recursive tree(id) as (select ${RM} union select o.id from organizations o join tree on o.parent_id = tree.id)
		select count(*) as n from registrations r join events e on e.id = r.event_id
		where e.site_id in (select id from sites where organization_id in (select id from tree))
		  and e.status <> 'cancelled' and e.date between '2026-01-01' and ${TODAY}
		  and r.status <> 'cancelled' and (r.walk_in = 1 or r.checked_in_at is not null)`);
	return Number(row!.n);
}

describe('the .xlsx download', () => {
	it('has one formatted sheet per table with Chinese headers and the right totals', async () => {
		const file = await reportXlsxFile(t.db, organizer, params(`org=${RM}&from=2026-01-01&to=${TODAY}`), TODAY);
		expect(file.filename).toBe('重庆市沙坪坝区人民医院_健康服务报表_2026-01-01至2026-11-25.xlsx');
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
		expect(workbook.worksheets.map((s) => s.name)).toEqual(['汇总', '按月份', '按站点', '按科室', '健康素养']);

		const months = workbook.getWorksheet('按月份')!;
		const header = (months.getRow(1).values as unknown[]).slice(1);
		expect(header).toEqual(['月份', '义诊期数', '讲座场次', '受益人次', '专家坐诊次数', '停诊次数', '诊疗人次', '志愿者人数', '志愿服务时长（小时）', '调查人数', '健康素养水平']);
		expect(months.getRow(1).font?.bold).toBe(true);
		expect(months.getColumn(1).width).toBe(12);
		// Eleven months and the 合计 row.
		expect(months.rowCount).toBe(1 + 11 + 1);
		const total = months.getRow(13);
		expect(total.getCell(1).value).toBe('合计');
		expect(total.font?.bold).toBe(true);
		const served = await servedInRm();
		expect(served).toBeGreaterThan(0);
		expect(total.getCell(4).value).toBe(served);
		expect(months.getRow(4).getCell(1).value).toBe('2026年3月');
		expect(months.getRow(4).getCell(2).value).toBe(1);
		expect(months.getColumn(4).numFmt).toBe('#,##0');
		expect(months.getColumn(11).numFmt).toBe('0.0%');

		const summary = workbook.getWorksheet('汇总')!;
		expect(summary.getRow(2).values).toEqual([undefined, '机构', '重庆市沙坪坝区人民医院']);
		expect(summary.getRow(3).values).toEqual([undefined, '统计期间', '2026-01-01 至 2026-11-25']);
		const summaryCell = (label: string) => summary.getRows(1, summary.rowCount)!.find((r) => r.getCell(1).value === label)!.getCell(2);
		// Figures are numbers with the other sheets' formats, not text: the commission adds them up.
		const servedCell = summaryCell('受益人次');
		expect({ type: servedCell.type, value: servedCell.value, numFmt: servedCell.numFmt }).toEqual({ type: ExcelJS.ValueType.Number, value: served, numFmt: '#,##0' });
		expect(summaryCell('义诊期数').value).toBe(total.getCell(2).value);
		const hours = summaryCell('志愿服务时长（小时）');
		expect({ type: hours.type, numFmt: hours.numFmt }).toEqual({ type: ExcelJS.ValueType.Number, numFmt: '0.0' });
		const level = summaryCell('健康素养水平');
		expect({ type: level.type, numFmt: level.numFmt, value: level.value }).toEqual({ type: ExcelJS.ValueType.Number, numFmt: '0.0%', value: total.getCell(11).value });
		expect(level.value as number).toBeGreaterThan(0);
		expect(level.value as number).toBeLessThanOrEqual(1);

		const literacy = workbook.getWorksheet('健康素养')!;
		expect((literacy.getRow(1).values as unknown[]).slice(1)).toEqual(['问卷', '调查人数', '具备健康素养人数', '健康素养水平', '说明']);
		expect(literacy.rowCount).toBeGreaterThan(1);
	});

	it('refuses what the page refuses: a bad range is a 400, another hospital a 403', async () => {
		await expect(reportXlsxFile(t.db, organizer, params('from=2026-13-01'), TODAY)).rejects.toMatchObject({ status: 400, message: '开始日期不是有效日期（如 2026-01-01）' });
		await expect(reportXlsxFile(t.db, organizer, params('from=2026-06-01&to=2026-01-01'), TODAY)).rejects.toMatchObject({ status: 400 });
		await expect(reportXlsxFile(t.db, organizer, params('from=2022-01-01&to=2026-01-01'), TODAY)).rejects.toMatchObject({ status: 400 });
		await expect(reportCsvFile(t.db, organizer, params(`org=${demoId('org:zy')}`), TODAY)).rejects.toMatchObject({ status: 403 });
	});
});

describe('the CSV download', () => {
	it('starts with a byte-order mark and lists every table under its name', async () => {
		const file = await reportCsvFile(t.db, organizer, params(''), TODAY);
		const body = file.body as string;
		expect(body.startsWith('\uFEFF【汇总】\r\n指标,数值\r\n机构,重庆市沙坪坝区人民医院\r\n')).toBe(true);
		for (const name of ['按月份', '按站点', '按科室', '健康素养']) expect(body).toContain(`\r\n\r\n【${name}】\r\n`);
		expect(body).toContain(`\r\n合计,1,`);
		// The summary's figures as the page shows them: counts plain, a share with one decimal.
		expect(body).toContain(`\r\n受益人次,${await servedInRm()}\r\n`);
		expect(body).toMatch(/\r\n健康素养水平,\d{1,3}\.\d%\r\n/);
		expect(body).toContain(`2026年3月,1,0,${await servedInRm()},`);
	});
});

describe('the page', () => {
	it('defaults to the organizer’s hospital, this year to date, with a chart per figure', async () => {
		const page = await reportPage(t.db, organizer, params(''), TODAY);
		expect(page.report.organization.id).toBe(RM);
		expect(page.queryString).toBe(`org=${encodeURIComponent(RM)}&from=2026-01-01&to=2026-11-25`);
		expect(page.tiles.map((x) => x.label)).toContain('义诊期数');
		expect(page.charts.map((c) => c.caption)).toEqual(['义诊期数', '讲座场次', '受益人次', '诊疗人次']);
		expect(page.charts[0]!.bars).toHaveLength(11);
		// Only the organizer's own subtree can be picked.
		expect(page.organizations.map((o) => o.id)).toContain(RM);
		expect(page.organizations.map((o) => o.id)).not.toContain(demoId('org:zy'));
	});
});

describe('an organization named like a formula, on the summary sheet', () => {
	it('stays inert text there while the figures under it are numbers', async () => {
		const FORMULA = '+cmd|" /C calc"!A0';
		const before = (await t.db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, RM)).get())!.name;
		await t.db.update(organizations).set({ name: FORMULA }).where(eq(organizations.id, RM));
		try {
			const workbook = new ExcelJS.Workbook();
			await workbook.xlsx.load((await reportXlsxFile(t.db, organizer, params(''), TODAY)).body as unknown as ArrayBuffer);
			const summary = workbook.getWorksheet('汇总')!;
			const name = summary.getRow(2).getCell(2);
			expect({ type: name.type, formula: name.formula, value: name.value }).toEqual({ type: ExcelJS.ValueType.String, formula: undefined, value: `'${FORMULA}` });
			expect(summary.getRow(4).getCell(2).type).toBe(ExcelJS.ValueType.Number);
		} finally {
			await t.db.update(organizations).set({ name: before }).where(eq(organizations.id, RM));
		}
	});
});

describe('a site named like a formula (issue 15)', () => {
	const FORMULA = '=HYPERLINK("http://evil.example","点这里")';
	const XINQIAO = demoId('site:xinqiao');

	it('reaches the CSV as a quoted field with a leading apostrophe, and the .xlsx as that text, not a formula', async () => {
		// Single-line and short, the name passes the site form: only the export writer can defuse it.
		const before = (await t.db.select({ name: sites.name }).from(sites).where(eq(sites.id, XINQIAO)).get())!.name;
		await t.db.update(sites).set({ name: FORMULA }).where(eq(sites.id, XINQIAO));
		try {
			const csv = (await reportCsvFile(t.db, organizer, params(''), TODAY)).body as string;
			const bySite = csv.split('\r\n\r\n').find((section) => section.startsWith('【按站点】'))!;
			const row = bySite.split('\r\n').find((line) => line.includes('HYPERLINK'))!;
			expect(row).toMatch(/^"'=HYPERLINK\(""http:\/\/evil\.example"",""点这里""\)",\d+,\d+,/);
			// No field anywhere starts a formula.
			expect(csv).not.toMatch(/(^|,)[=+@-]/m);

			const workbook = new ExcelJS.Workbook();
			await workbook.xlsx.load((await reportXlsxFile(t.db, organizer, params(''), TODAY)).body as unknown as ArrayBuffer);
			const sheet = workbook.getWorksheet('按站点')!;
			const found = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => String(r.getCell(1).value).includes('HYPERLINK'))!;
			const cell = found.getCell(1);
			expect({ type: cell.type, formula: cell.formula, value: cell.value }).toEqual({ type: ExcelJS.ValueType.String, formula: undefined, value: `'${FORMULA}` });
			// The figures beside it are still numbers.
			expect(typeof found.getCell(2).value).toBe('number');
		} finally {
			await t.db.update(sites).set({ name: before }).where(eq(sites.id, XINQIAO));
		}
	});
});
