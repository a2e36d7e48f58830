import { expect, test } from '@playwright/test';
import { addDays } from '../../src/lib/calendar-date';
import { signIn } from './support/console';
import { thisWeek } from './support/demo-db';

test('an organizer creates a numbered series clinic, copies it to the next week, edits and cancels the copy, and residents see why', async ({ page }) => {
	// Create, copy, edit, cancel and the public page: more than the default 30 s on a busy 2-core machine.
	test.setTimeout(90_000);
	// A Saturday three weeks out: clear of the demo's own events.
	const saturday = addDays(thisWeek().nextMonday, 19);
	await signIn(page, 'organizer@yizhen.example');
	await page.goto('/console/events');
	await page.getByRole('link', { name: '新建义诊或讲座' }).click();

	await page.getByLabel('义诊', { exact: true }).check();
	await page.getByLabel('活动名称').fill('沙坪坝周末义诊：冬季慢病筛查');
	await page.getByLabel(/^地点/).selectOption({ label: '新桥社区卫生服务中心' });
	const series = page.getByLabel(/^系列/);
	await series.selectOption((await series.locator('option', { hasText: '沙坪坝周末义诊' }).getAttribute('value'))!);
	await page.getByLabel('日期', { exact: true }).fill(saturday);
	await page.getByLabel('开始时间').fill('08:30');
	await page.getByLabel('结束时间').fill('11:30');
	await page.getByLabel(/^名额/).fill('60');
	await page.getByLabel('量血压', { exact: true }).check();
	await page.getByLabel('测血糖', { exact: true }).check();
	await page.getByLabel('其他服务，用顿号分隔').fill('听力筛查、康复指导');
	await page.getByLabel('心内科', { exact: true }).check();
	await page.getByLabel('第 1 个岗位名称').fill('导诊');
	await page.getByLabel('第 1 个岗位需要人数').fill('3');
	await page.getByRole('button', { name: '创建活动' }).click();

	await expect(page.getByRole('status')).toHaveText('已创建。');
	const heading = page.getByRole('heading', { level: 1 });
	await expect(heading).toHaveText(/^沙坪坝周末义诊：冬季慢病筛查 · 沙坪坝周末义诊 第\d+期$/);
	const issue = Number((await heading.textContent())!.match(/第(\d+)期/)![1]);
	expect(issue).toBeGreaterThanOrEqual(443);
	await expect(page.getByText('导诊 0/3')).toBeVisible();
	const originalUrl = page.url();

	// Copy to the following week: the date field offers it already; the copy takes the next number.
	await expect(page.getByLabel('新日期')).toHaveValue(addDays(saturday, 7));
	await page.getByRole('button', { name: '复制', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText('已复制，这是新的活动。');
	await expect(heading).toHaveText(`沙坪坝周末义诊：冬季慢病筛查 · 沙坪坝周末义诊 第${issue + 1}期`);
	expect(page.url()).not.toBe(originalUrl);
	await expect(page.getByText('已报名 0 人，名额 60')).toBeVisible();
	await expect(page.getByText('导诊 0/3')).toBeVisible();
	await expect(page.getByLabel('测血糖', { exact: true })).toBeChecked();
	await expect(page.getByLabel('其他服务，用顿号分隔')).toHaveValue('听力筛查、康复指导');
	const copyId = new URL(page.url()).pathname.split('/').pop()!;

	// Edit a field of the copy.
	await page.getByLabel(/^名额/).fill('80');
	await page.getByRole('button', { name: '保存修改' }).click();
	await expect(page.getByRole('status')).toHaveText('已保存。');
	await expect(page.getByText('已报名 0 人，名额 80')).toBeVisible();
	await expect(page.getByText(/周晓梅：修改活动：名额/)).toBeVisible();

	// Cancel the copy with a reason.
	await page.getByLabel('取消原因（居民会看到）').fill('场地临时检修，本期改期另行通知');
	await page.getByRole('button', { name: '取消活动' }).click();
	await expect(page.getByRole('status')).toContainText('已取消这个活动');
	await expect(page.getByText(/周晓梅：取消活动：场地临时检修/)).toBeVisible();

	// The list shows both; the resident's page of the copy says it is cancelled and why.
	await page.goto(`/console/events?from=${saturday}`);
	await expect(page.getByRole('row', { name: new RegExp(`第${issue}期.*正常`) })).toBeVisible();
	await expect(page.getByRole('row', { name: new RegExp(`第${issue + 1}期.*已取消`) })).toBeVisible();
	await page.context().clearCookies();
	await page.goto(`/events/${copyId}`);
	await expect(page.getByRole('alert')).toHaveText('活动已取消：场地临时检修，本期改期另行通知');
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a clinic that ends before it starts is refused with the message at the end time, and what was typed stays', async ({ page }) => {
		await signIn(page, 'organizer@yizhen.example');
		await page.goto('/console/events/new');
		await page.getByLabel('活动名称').fill('周末义诊：时间写反了');
		await page.getByLabel(/^地点/).selectOption({ label: '新桥社区卫生服务中心' });
		await page.getByLabel('日期', { exact: true }).fill(addDays(thisWeek().nextMonday, 19));
		await page.getByLabel('开始时间').fill('11:30');
		await page.getByLabel('结束时间').fill('08:30');
		await page.getByLabel('中医推拿', { exact: true }).check();
		await page.getByLabel('第 2 个岗位名称').fill('登记');
		await page.getByLabel('第 2 个岗位需要人数').fill('2');
		const response = page.waitForResponse((r) => r.request().method() === 'POST');
		await page.getByRole('button', { name: '创建活动' }).click();
		expect((await response).status()).toBe(400);

		await expect(page.locator('#endTime-error')).toHaveText('结束时间应晚于开始时间');
		await expect(page.getByLabel('结束时间')).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByLabel('活动名称')).toHaveValue('周末义诊：时间写反了');
		await expect(page.getByLabel('中医推拿', { exact: true })).toBeChecked();
		await expect(page.getByLabel('第 1 个岗位名称')).toHaveValue('登记');
		// Both kinds' fields are on the page, under their headings.
		await expect(page.getByText('讲座内容')).toBeVisible();
	});
});
