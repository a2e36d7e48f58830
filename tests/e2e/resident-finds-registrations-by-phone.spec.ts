/**
 * A resident who lost the manage link (issue 18, point 4): from the event page's 找不到报名链接 link to
 * 查找我的报名, the phone number, a 6-digit code read from the local SMS box (no SMS_PROVIDER in the
 * tests' server, so the worker puts texts there, as an admin sees at /console/sms), the list, and the
 * registration's manage page under a new link; the old link then answers 404 with the way back here.
 * Real forms and 303s, so it runs as it is in the no-js project too.
 */
import { expect, test, type Page } from '@playwright/test';
import { addDays } from '../../src/lib/calendar-date';
import { createEvent } from '../../src/lib/server/events/events';
import { listSmsBox } from '../../src/lib/server/sms/outbox';
import { siteIdNamed, thisWeek, withDemoDb } from './support/demo-db';
import { uniquePhone } from './support/resident';

async function clinicForThisRun(label: string): Promise<{ id: string; title: string }> {
	const siteId = await siteIdNamed('新桥社区卫生服务中心');
	const title = `社区义诊：量血压（找回报名 ${label}-${Date.now()}）`;
	const id = await withDemoDb((db) =>
		createEvent(db, { userId: null, name: '测试' }, {
			kind: 'free_clinic',
			siteId,
			title,
			date: addDays(thisWeek().nextMonday, 3),
			startTime: '08:30',
			endTime: '11:00',
			capacity: null,
			services: ['量血压']
		})
	);
	return { id, title };
}

/** The newest code texted to `phone`, once the SMS worker (every 2 s) has put it in the local box. */
async function codeFromSmsBox(phone: string): Promise<string> {
	let code = '';
	await expect
		.poll(
			async () => {
				const [text] = await withDemoDb((db) => listSmsBox(db, { phone, limit: 1 }));
				code = text?.kind === 'verification_code' ? (text.params.code ?? '') : '';
				return code !== '';
			},
			{ timeout: 20_000 }
		)
		.toBe(true);
	return code;
}

const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(7)}`;

async function askForCode(page: Page, phone: string) {
	await page.getByRole('textbox', { name: '手机号' }).fill(phone);
	await page.getByRole('button', { name: '获取验证码' }).click();
	await expect(page.getByText(`验证码已发到 ${masked(phone)}，10 分钟内有效`)).toBeVisible();
}

test('a resident who lost the manage link finds the registration by phone and a texted code, and manages it', async ({ page }, testInfo) => {
	test.setTimeout(90_000);
	const event = await clinicForThisRun(testInfo.project.name);
	const phone = uniquePhone();

	await page.goto(`/events/${event.id}`);
	await page.getByLabel('姓名').fill('刘桂英');
	await page.getByLabel(/手机号/).fill(phone);
	await page.getByLabel('年龄段').selectOption({ label: '70–79 岁' });
	await page.getByRole('checkbox').check();
	await page.getByRole('button', { name: '提交报名' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '报名成功' })).toBeVisible();
	const oldLink = page.url();
	const checkInCode = (await page.locator('.code').textContent())!.trim();

	// The link is lost. Registering again says what to do, and the event page links to the way back.
	await page.goto(`/events/${event.id}`);
	await page.getByLabel('姓名').fill('刘桂英');
	await page.getByLabel(/手机号/).fill(phone);
	await page.getByLabel('年龄段').selectOption({ label: '70–79 岁' });
	await page.getByRole('checkbox').check();
	await page.getByRole('button', { name: '提交报名' }).click();
	await expect(page.getByText('这个手机号已经报名了这个活动。找不到报名链接？')).toBeVisible();
	await page.getByRole('link', { name: '找不到报名链接？用手机号查找我的报名' }).click();
	await expect(page).toHaveURL(/\/r\/find$/);
	await expect(page.getByRole('heading', { level: 1, name: '查找我的报名' })).toBeVisible();

	// A malformed number is explained at its field and texts nothing.
	await page.getByRole('textbox', { name: '手机号' }).fill('138123');
	await page.getByRole('button', { name: '获取验证码' }).click();
	await expect(page.getByText('手机号格式不对，请填写 11 位手机号')).toBeVisible();
	await expect(page.getByRole('textbox', { name: '手机号' })).toHaveValue('138123');

	await askForCode(page, phone);
	const code = await codeFromSmsBox(phone);
	expect(code).toMatch(/^\d{6}$/);

	// A wrong code costs one of five tries and says so.
	const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
	await page.getByRole('textbox', { name: '短信验证码' }).fill(wrong);
	await page.getByRole('button', { name: '查看我的报名' }).click();
	await expect(page.getByText('验证码不对，还可以再试 4 次。')).toBeVisible();

	await page.getByRole('textbox', { name: '短信验证码' }).fill(code);
	await page.getByRole('button', { name: '查看我的报名' }).click();
	await expect(page.getByRole('heading', { level: 2, name: `手机号 ${masked(phone)} 的报名` })).toBeVisible();
	await expect(page.getByText(phone)).toHaveCount(0);
	const item = page.getByRole('listitem').filter({ hasText: event.title });
	await expect(item).toContainText('已报名');
	await expect(page.getByText('之前短信或邮件里的链接将失效')).toBeVisible();

	await item.getByRole('button', { name: '查看或取消' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '报名成功' })).toBeVisible();
	await expect(page.locator('.code')).toHaveText(checkInCode);
	const newLink = page.url();
	expect(newLink).toMatch(/\/r\/[a-z2-7]+$/);
	expect(newLink).not.toBe(oldLink);

	// The old link is gone, and its 404 points back to the find page.
	const gone = await page.goto(oldLink);
	expect(gone?.status()).toBe(404);
	await expect(page.getByRole('link', { name: '找不到报名链接？用手机号查找我的报名' })).toBeVisible();

	// The list stays for the session; 退出 ends it, and the page asks for a phone again.
	await page.goto('/r/find');
	await expect(page.getByRole('listitem').filter({ hasText: event.title })).toBeVisible();
	await page.getByRole('button', { name: '退出' }).click();
	await expect(page.getByRole('button', { name: '获取验证码' })).toBeVisible();
	await expect(page.getByText(event.title)).toHaveCount(0);
});

test('a second code for the same phone within the minute is refused with how long to wait, at the phone field', async ({ page }) => {
	test.setTimeout(60_000);
	const phone = uniquePhone();
	await page.goto('/r/find');
	await askForCode(page, phone);
	await codeFromSmsBox(phone);
	await page.getByRole('button', { name: '没收到或号码填错了？重新获取' }).click();
	await page.getByRole('textbox', { name: '手机号' }).fill(phone);
	await page.getByRole('button', { name: '获取验证码' }).click();
	await expect(page.getByText(/刚给这个号码发过验证码，请 \d+ 秒后再重新获取。/)).toBeVisible();
	await expect(page.getByRole('textbox', { name: '手机号' })).toHaveValue(phone);
	await expect(page.getByRole('textbox', { name: '短信验证码' })).toHaveCount(0);
});
