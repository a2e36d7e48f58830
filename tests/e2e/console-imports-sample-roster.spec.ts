/**
 * The README's sample sheet, imported as the README says: by 周晓梅 (organizer@, 区人民医院 and its
 * centers), checked first and then imported without choosing the file again — on a phone, without
 * JavaScript, since the checked sheet waits on the server rather than in the page.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { addDays } from '../../src/lib/calendar-date';
import { signIn } from './support/console';
import { siteIdNamed, thisWeek } from './support/demo-db';

// Console journeys run in the desktop project only (they share the demo database), so the narrow
// screen is set here.
test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, javaScriptEnabled: false });

/** The sample's rows, counted from the CSV the .xlsx is written from. */
const sampleRows = readFileSync('docs/samples/roster-sample.csv', 'utf8').split('\n').filter((l) => l.trim() !== '').length - 1;

test('the organizer checks the sample sheet, then imports it without picking the file again', async ({ page }) => {
	await signIn(page, 'organizer@yizhen.example');
	await page.goto('/console/import');
	await page.getByLabel('排班表文件').setInputFiles('docs/samples/roster-sample.xlsx');
	await page.getByRole('button', { name: '只检查，不导入' }).click();

	await expect(page.getByRole('heading', { name: `逐行检查结果：新建 ${sampleRows} 行，已存在 0 行，需要修改 0 行` })).toBeVisible();
	await expect(page.getByText('已检查 roster-sample.xlsx，不必再次选择文件')).toBeVisible();
	// A page cannot fill a file field in again; the import below does not need it.
	await expect(page.getByLabel('排班表文件')).toHaveValue('');

	const confirm = page.getByRole('button', { name: '确认导入' });
	await confirm.scrollIntoViewIfNeeded();
	const box = (await confirm.boundingBox())!;
	expect(box.x + box.width).toBeLessThanOrEqual(360);
	await confirm.click();

	await expect(page.getByRole('status').filter({ hasText: /^已导入/ })).toHaveText(`已导入 roster-sample.xlsx：新建 ${sampleRows} 条坐诊安排，0 条已存在未改动。`);
	await expect(page.getByRole('row', { name: /第 2 行/ })).toContainText('曹阳');
	// Imported, the sheet is no longer kept: nothing offers to import it again.
	await expect(page.getByRole('button', { name: '确认导入' })).toHaveCount(0);

	// A resident sees the first row's sitting: 曹阳 at 詹家溪 on Saturday mornings.
	const { nextMonday } = thisWeek();
	await page.context().clearCookies();
	await page.goto(`/centers/${await siteIdNamed('詹家溪社区卫生服务中心')}?week=${nextMonday}`);
	await expect(page.locator(`li.day[data-date="${addDays(nextMonday, 5)}"] li.sitting`, { hasText: '曹阳' })).toBeVisible();
});
