import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { addDays, todayIn } from '../../src/lib/calendar-date';
import { listSittings } from '../../src/lib/server/schedule/sittings';
import { signIn } from './support/console';
import { siteIdNamed, withDemoDb } from './support/demo-db';

test('an organizer marks last month’s sitting as 带教 and finds it, with the center’s compliance, in the report and its Excel', async ({ page }) => {
	// A sitting at 新桥 that took place last month (the report's default period).
	const today = todayIn('Asia/Shanghai');
	const lastMonthEnd = addDays(`${today.slice(0, 7)}-01`, -1);
	const lastMonthStart = `${lastMonthEnd.slice(0, 7)}-01`;
	const xinqiao = await siteIdNamed('新桥社区卫生服务中心');
	const sitting = await withDemoDb(async (db) => (await listSittings(db, { from: lastMonthStart, to: lastMonthEnd, siteIds: [xinqiao] })).sittings.find((s) => s.status === 'scheduled'));
	expect(sitting, 'a sitting at 新桥 last month').toBeTruthy();

	await signIn(page, 'organizer@yizhen.example');
	await page.goto(`/console/sittings/${sitting!.id}`);
	const teaching = page.getByRole('region', { name: '教学及指导' });
	await teaching.getByLabel('带教').check();
	await teaching.getByRole('button', { name: '保存教学及指导' }).click();
	await expect(page.getByRole('status')).toContainText('教学及指导');
	await expect(page.getByRole('region', { name: '教学及指导' })).toContainText('已登记：带教');

	await page.goto('/console/coverage');
	await page.getByRole('link', { name: /考核达标报表/ }).click();
	await expect(page.getByRole('heading', { level: 1, name: '考核达标报表' })).toBeVisible();
	const month = `${Number(lastMonthEnd.slice(0, 4))}年${Number(lastMonthEnd.slice(5, 7))}月`;
	await expect(page.getByText(new RegExp(`重庆市沙坪坝区人民医院 · ${month}`))).toBeVisible();

	// The center's line per rule has a percentage; the centers table counts the 带教 session.
	const rules = page.getByRole('region', { name: '按中心和目标' });
	const xinqiaoLine = rules.getByRole('row').filter({ has: page.getByRole('cell', { name: '新桥社区卫生服务中心', exact: true }) }).first();
	await expect(xinqiaoLine.getByRole('cell', { name: /^\d+\.\d%$/ })).toBeVisible();
	const centers = page.getByRole('region', { name: /按中心：/ });
	const xinqiaoRow = centers.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '新桥社区卫生服务中心', exact: true }) });
	const headers = await centers.getByRole('columnheader').allTextContents();
	const cells = await xinqiaoRow.locator('th, td').allTextContents();
	expect(Number(cells[headers.indexOf('带教')])).toBeGreaterThanOrEqual(1);
	// The chart is drawn on the server, with its numbers in words for screen readers.
	await expect(page.getByRole('img', { name: /近 12 个月每月达标率/ }).first()).toBeVisible();

	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Excel（.xlsx）' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toBe(`重庆市沙坪坝区人民医院_考核达标报表_${month}.xlsx`);
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(readFileSync((await file.path())!) as unknown as ArrayBuffer);
	const sheet = workbook.getWorksheet('按中心')!;
	const header = (sheet.getRow(1).values as unknown[]).slice(1);
	const row = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === '新桥社区卫生服务中心')!;
	const taught = row.getCell(header.indexOf('带教') + 1);
	expect(taught.type).toBe(ExcelJS.ValueType.Number);
	expect(taught.value as number).toBeGreaterThanOrEqual(1);
});
