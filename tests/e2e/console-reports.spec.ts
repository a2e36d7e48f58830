import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { signIn } from './support/console';

test('an organizer opens the outreach report, narrows it, downloads it as Excel and gets clear refusals', async ({ page }) => {
	await signIn(page, 'organizer@yizhen.example');
	await page.getByRole('link', { name: '报表' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '健康服务报表' })).toBeVisible();
	await expect(page.getByText(/重庆市沙坪坝区人民医院 · \d{4}-01-01 至/)).toBeVisible();
	for (const figure of ['义诊期数', '讲座场次', '受益人次', '专家坐诊次数', '诊疗人次', '健康素养水平']) {
		await expect(page.locator('.tiles').getByText(figure, { exact: true })).toBeVisible();
	}
	// The charts are drawn on the server: SVG in the HTML, one per figure.
	await expect(page.getByRole('img', { name: '受益人次（按月份）' })).toBeVisible();
	await expect(page.getByRole('heading', { name: '按站点' })).toBeVisible();
	await expect(page.getByRole('rowheader', { name: '磁器口社区卫生服务中心' })).toBeVisible();

	// Narrow to one community center and a single year.
	const year = (await page.getByLabel('开始日期').inputValue()).slice(0, 4);
	await page.getByLabel(/^机构/).selectOption({ label: '磁器口社区卫生服务中心（成员单位）' });
	await page.getByRole('button', { name: '查看报表' }).click();
	await expect(page.getByText(`磁器口社区卫生服务中心 · ${year}-01-01 至`)).toBeVisible();
	await expect(page.getByRole('rowheader', { name: '新桥社区卫生服务中心' })).toHaveCount(0);

	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: /Excel 表格/ }).click();
	const file = await download;
	expect(file.suggestedFilename()).toMatch(/^磁器口社区卫生服务中心_健康服务报表_.*\.xlsx$/);
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(readFileSync((await file.path())!) as unknown as ArrayBuffer);
	expect(workbook.worksheets.map((s) => s.name)).toEqual(['汇总', '按月份', '按站点', '按科室', '健康素养']);
	const summary = workbook.getWorksheet('汇总')!;
	expect(summary.getRow(2).getCell(2).value).toBe('磁器口社区卫生服务中心');
	// Figures are numbers a commission can sum, not text that looks like one ("225", "28.8%").
	const figures: unknown[] = [];
	summary.eachRow((row) => figures.push(row.getCell(2).value));
	expect(figures.filter((v) => typeof v === 'string' && /^[\d.,]+%?$/.test(v))).toEqual([]);
	expect(figures.filter((v) => typeof v === 'number').length).toBeGreaterThan(3);

	// Mistakes in the address get a reason, not a crash.
	const reversed = await page.goto('/console/reports?from=2026-06-01&to=2026-01-01');
	expect(reversed?.status()).toBe(400);
	await expect(page.getByText('开始日期晚于结束日期，请调换后再试')).toBeVisible();
	const csv = await page.request.get('/console/reports/export.csv?from=2026-02-30');
	expect(csv.status()).toBe(400);
	expect(await csv.text()).toContain('开始日期不是有效日期');
});
