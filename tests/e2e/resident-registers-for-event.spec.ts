import { expect, test } from '@playwright/test';

/** A phone number no other run has used, so the journey can run in every project against one database. */
function uniquePhone(): string {
	return `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

test('a resident registers for the weekend free clinic and gets a check-in code and a private link', async ({ page }) => {
	await page.goto('/events');
	await expect(page.getByRole('heading', { level: 1, name: '义诊和健康讲座' })).toBeVisible();
	await page.getByRole('link', { name: /沙坪坝周末义诊：心血管和慢病咨询/ }).click();
	await expect(page.getByText('义诊 · 第441期')).toBeVisible();
	await expect(page.getByText(/还剩 \d+ 个名额/)).toBeVisible();
	// How to get there: the center's own directions and a map link the resident can tap.
	await expect(page.getByText('轨道交通 1 号线磁器口站 2 号出口')).toBeVisible();
	await expect(page.getByRole('link', { name: '在高德地图上查看' })).toHaveAttribute('href', /^https:\/\/uri\.amap\.com\/marker\?/);

	// Mistakes first: a short phone number and no consent, each explained at its field, input kept.
	await page.getByLabel('姓名').fill('王秀兰');
	await page.getByLabel(/手机号/).fill('138123');
	await page.getByLabel('年龄段').selectOption({ label: '60–69 岁' });
	await page.getByRole('button', { name: '提交报名' }).click();
	await expect(page.getByText('请填写 11 位手机号')).toBeVisible();
	await expect(page.getByLabel('姓名')).toHaveValue('王秀兰');

	const phone = uniquePhone();
	await page.getByLabel(/手机号/).fill(phone);
	await page.getByRole('button', { name: '提交报名' }).click();
	await expect(page.getByText('请阅读并同意信息使用说明后再报名')).toBeVisible();
	await page.getByRole('checkbox').check();
	await page.getByRole('button', { name: '提交报名' }).click();

	await expect(page.getByRole('heading', { level: 1, name: '报名成功' })).toBeVisible();
	const code = (await page.locator('.code').textContent())!.trim();
	expect(code).toMatch(/^[A-Z0-9]{6}$/);
	await expect(page.getByRole('img', { name: '签到二维码' })).toBeVisible();
	const manageUrl = page.url();

	// Asked once before anything changes (issue 16): the first tap only opens the question.
	await page.getByRole('button', { name: '取消报名' }).click();
	await expect(page.getByRole('heading', { level: 2, name: '确定要取消报名吗？' })).toBeVisible();
	await page.getByRole('button', { name: '确认取消' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '您的报名已取消。' })).toBeVisible();
	await page.goto(manageUrl);
	await expect(page.getByRole('button', { name: '取消报名' })).toHaveCount(0);
});

test('a cancelled lecture stays listed and says why; a tampered manage link is a clear 404', async ({ page }) => {
	await page.goto('/events?kind=lecture');
	const item = page.getByRole('listitem').filter({ hasText: '冬季呼吸道疾病预防' });
	await expect(item).toContainText('已取消');
	await expect(item).toContainText('主讲专家临时外出');
	const response = await page.goto('/r/not-a-real-token');
	expect(response?.status()).toBe(404);
	await expect(page.getByText('这个报名链接无效')).toBeVisible();
});

test('a phone that keeps trying is told to wait, at the phone field', async ({ page }) => {
	// Six registrations in a row: more than one step's worth of the default 30 s on a loaded machine.
	test.setTimeout(90_000);
	const phone = uniquePhone();
	const attempt = async () => {
		await page.goto('/events');
		await page.getByRole('link', { name: /沙坪坝周末义诊：心血管和慢病咨询/ }).click();
		await page.getByLabel('姓名').fill('李桂英');
		await page.getByLabel(/手机号/).fill(phone);
		await page.getByLabel('年龄段').selectOption({ label: '70–79 岁' });
		await page.getByRole('checkbox').check();
		await page.getByRole('button', { name: '提交报名' }).click();
	};
	await attempt();
	await expect(page.getByRole('heading', { level: 1, name: '报名成功' })).toBeVisible();
	// Four more tries with the same number: each says it is already registered (and each counts).
	for (let i = 0; i < 4; i++) {
		await attempt();
		await expect(page.getByText('这个手机号已经报名了这个活动')).toBeVisible();
	}
	await attempt();
	await expect(page.getByText('这个手机号报名太频繁了，请 10 分钟后再试。')).toBeVisible();
	await expect(page.getByLabel(/手机号/)).toHaveValue(phone);
});

test.describe('on a 360 px phone with JavaScript off', () => {
	test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 740 }, isMobile: true });

	test('a resident registers and gets a code and a QR code, with nothing wider than the screen', async ({ page }) => {
		await page.goto('/events');
		await page.getByRole('link', { name: /沙坪坝周末义诊：心血管和慢病咨询/ }).click();
		await page.getByLabel('姓名').fill('陈玉兰');
		await page.getByLabel(/手机号/).fill(uniquePhone());
		await page.getByLabel('年龄段').selectOption({ label: '70–79 岁' });
		await page.getByRole('checkbox').check();
		await page.getByRole('button', { name: '提交报名' }).click();
		await expect(page.getByRole('heading', { level: 1, name: '报名成功' })).toBeVisible();
		await expect(page.locator('.code')).toHaveText(/^[A-Z0-9]{6}$/);
		await expect(page.getByRole('img', { name: '签到二维码' })).toBeVisible();
		// Measured through the browser's layout, not page scripts (there are none here).
		for (const part of ['h1', '.code-card', '.qr', 'form']) {
			const box = (await page.locator(part).first().boundingBox())!;
			expect(box.x + box.width, part).toBeLessThanOrEqual(360);
		}
	});
});

test('residents narrow the list to events from a chosen day, and a malformed day is a clear 400', async ({ page }) => {
	await page.goto('/events');
	await expect(page.getByRole('link', { name: /沙坪坝周末义诊：心血管和慢病咨询/ })).toBeVisible();
	// Three weeks on, this week's clinic is no longer listed; the 防跌倒 lecture's week may be.
	const later = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
	await page.goto(`/events?from=${later}`);
	await expect(page.getByRole('link', { name: /沙坪坝周末义诊：心血管和慢病咨询/ })).toHaveCount(0);
	await expect(page.getByLabel('从哪天起（可不选）')).toHaveValue(later);
	const bad = await page.goto('/events?from=2026-13-45');
	expect(bad!.status()).toBe(400);
	await expect(page.getByText('日期格式不对')).toBeVisible();
});
