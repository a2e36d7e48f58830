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

test('a sheet with a row at another hospital’s center is refused whole, and the organizer imports her own rows instead', async ({ page }) => {
	await signIn(page, 'organizer@yizhen.example');
	await page.goto('/console/import');
	await page.getByLabel('排班表文件').setInputFiles('docs/samples/roster-with-a-chenjiaqiao-row.csv');
	await page.getByRole('button', { name: '检查并导入' }).click();

	await expect(page.getByText(/有 1 行的社区卫生服务中心不归您负责，整张表都没有导入/)).toBeVisible();
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('第 3 行：「井口社区卫生服务中心」属于陈家桥医院，不归您负责');
	await expect(page.getByRole('row', { name: /第 3 行/ })).toContainText('不归您负责');
	await expect(page.getByText(/已导入/)).toHaveCount(0);

	// The sheet was kept: choosing her own rows needs no file.
	await page.getByRole('button', { name: '只导入我负责的 2 行' }).click();
	await expect(page.getByRole('status').filter({ hasText: /^已导入/ })).toHaveText('已导入 roster-with-a-chenjiaqiao-row.csv：新建 2 条坐诊安排，0 条已存在未改动。');
	await expect(page.getByText('不归您负责的第 3 行已跳过，没有导入。')).toBeVisible();
	await expect(page.getByRole('row', { name: /第 3 行/ })).toContainText('已跳过，未导入');
	await expect(page.getByRole('row', { name: /第 2 行/ })).toContainText('将新建');
});
