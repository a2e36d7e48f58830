import { expect, test } from '@playwright/test';
import { signIn } from './support/console';

test('an import with two bad rows is refused, with both rows explained', async ({ page }) => {
	await signIn(page, 'organizer@yizhen.example');
	await page.goto('/console/import');
	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: /下载模板/ }).click();
	expect((await download).suggestedFilename()).toBe('坐诊排班表模板.xlsx');

	await page.getByLabel('排班表文件').setInputFiles('docs/samples/roster-two-bad-rows.csv');
	await page.getByRole('button', { name: '检查并导入' }).click();
	await expect(page.getByRole('alert')).toContainText('有 2 行需要修改，整张表都没有导入');
	const row3 = page.getByRole('row', { name: /第 3 行/ });
	await expect(row3).toContainText('“专家”中的“张三丰”');
	const row4 = page.getByRole('row', { name: /第 4 行/ });
	await expect(row4).toContainText('“结束时间”12:00 应晚于“开始时间”14:00');
	await expect(page.getByRole('row', { name: /第 2 行/ })).toContainText('将新建');
	await expect(page.getByText(/已导入/)).toHaveCount(0);
});
