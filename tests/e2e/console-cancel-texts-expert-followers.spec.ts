/**
 * 停诊提醒 (issue 18, point 3) on a 360 px phone without JavaScript: from 孙倩's public page to the
 * follow page, the phone and the consent, a 6-digit code read from the local SMS box (no SMS_PROVIDER
 * in the tests' server), the confirmation naming whom and until when; an organizer then cancels one of
 * her sittings in the next 14 days, the resident's phone gets the text with its stop link, the organizer
 * restores the sitting and the phone is told so, and the link stops the follow. It cancels a sitting of the shared demo database, so it is a console journey (run once,
 * in the desktop project, with JavaScript off and 360 px set here), and the expert is 孙倩, whom no other
 * journey looks at.
 */
import { expect, test } from '@playwright/test';
import { and, desc, eq } from 'drizzle-orm';
import { addDays, todayIn } from '../../src/lib/calendar-date';
import { experts, smsMessages } from '../../src/lib/server/db/schema';
import { listSittings } from '../../src/lib/server/schedule/sittings';
import { smsText } from '../../src/lib/server/sms/kinds';
import { listSmsBox, type SmsMessage } from '../../src/lib/server/sms/outbox';
import { saveThroughCoverageWarning, signIn } from './support/console';
import { withDemoDb } from './support/demo-db';
import { uniquePhone } from './support/resident';

test.use({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false });

/**
 * The newest text of `kind` to `phone`. A code is sent at any hour, so it is read from the local box once
 * the SMS worker (every 2 s) has put it there; a sitting's news may wait in the outbox for 08:00 (quiet
 * hours, 21:00–08:00 Beijing time, whenever this runs), so it is read as queued, sent or not.
 */
async function textTo(phone: string, kind: string): Promise<SmsMessage> {
	let found: SmsMessage | undefined;
	await expect
		.poll(
			async () => {
				found = await withDemoDb(async (db) =>
					kind === 'verification_code'
						? (await listSmsBox(db, { phone, limit: 10 })).find((t) => t.kind === kind)
						: db.select().from(smsMessages).where(and(eq(smsMessages.phone, phone), eq(smsMessages.kind, kind))).orderBy(desc(smsMessages.createdAt)).get()
				);
				return found !== undefined;
			},
			{ timeout: 20_000 }
		)
		.toBe(true);
	return found!;
}

const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(7)}`;

async function expertIdNamed(name: string): Promise<string> {
	return withDemoDb(async (db) => (await db.select({ id: experts.id }).from(experts).where(eq(experts.name, name)).get())!.id);
}

test('a resident follows an expert by phone, is texted when a sitting is cancelled, and stops by the link', async ({ page }) => {
	test.setTimeout(120_000);
	const phone = uniquePhone();

	const expertId = await expertIdNamed('孙倩');
	await page.goto(`/experts/${expertId}`);
	await page.getByRole('link', { name: '停诊提醒（短信）' }).click();
	await expect(page).toHaveURL(new RegExp(`/follow/expert/${expertId}$`));
	await expect(page.getByRole('heading', { level: 1 })).toContainText('孙倩医生 停诊提醒');
	await expect(page.getByText('最长 6 个月')).toBeVisible();

	// Without the consent ticked: refused at the box, nothing texted.
	await page.getByRole('textbox', { name: '手机号' }).fill(phone);
	await page.getByRole('button', { name: '获取验证码' }).click();
	await expect(page.getByText('请先勾选同意，才能开启停诊提醒。')).toBeVisible();
	await expect(page.getByRole('textbox', { name: '手机号' })).toHaveValue(phone);

	await page.getByRole('checkbox', { name: '我已阅读并同意以上说明' }).check();
	await page.getByRole('button', { name: '获取验证码' }).click();
	await expect(page.getByText(`验证码已发到 ${masked(phone)}，10 分钟内有效`)).toBeVisible();
	const code = (await textTo(phone, 'verification_code')).params.code!;
	await page.getByRole('textbox', { name: '短信验证码' }).fill(code);
	await page.getByRole('button', { name: '验证并开启提醒' }).click();

	await expect(page).toHaveURL(/\/f\/[a-z2-7]{16}\?started=1$/);
	await expect(page.getByText('停诊提醒已开启。')).toBeVisible();
	await expect(page.getByRole('heading', { level: 2 })).toContainText('孙倩医生');
	await expect(page.getByText(`手机号：${masked(phone)}`)).toBeVisible();
	await expect(page.getByText(/提醒到 \d{4}年\d+月\d+日/)).toBeVisible();
	const followUrl = new URL(page.url());

	// An organizer cancels 孙倩's next sitting within 14 days.
	const today = todayIn('Asia/Shanghai');
	const sitting = await withDemoDb(async (db) =>
		(await listSittings(db, { from: addDays(today, 1), to: addDays(today, 14), expertId })).sittings.find((s) => s.status === 'scheduled' && s.rosteredExpert.id === expertId)
	);
	expect(sitting, 'a sitting of 孙倩 in the next 14 days').toBeTruthy();
	await signIn(page, 'organizer@yizhen.example');
	await page.goto(`/console/sittings/${sitting!.id}`);
	await page.getByLabel('停诊原因（居民会看到）').fill('专家临时外出会诊');
	await saveThroughCoverageWarning(page, page.locator('form[action="?/cancel"]'), '停诊');
	await expect(page.getByRole('status')).toContainText('已保存：停诊');
	await page.context().clearCookies();

	const text = await textTo(phone, 'sitting_cancelled');
	const words = smsText('sitting_cancelled', text.params, followUrl.origin);
	expect(words).toContain('孙倩医生');
	expect(words).toContain('停诊');
	expect(words).toContain(`${followUrl.origin}/f/${text.params.token}`);

	// The organizer puts the sitting back: the resident told 请勿前往 is told it runs after all.
	await signIn(page, 'organizer@yizhen.example');
	await page.goto(`/console/sittings/${sitting!.id}`);
	await page.getByRole('button', { name: '恢复原安排' }).click();
	await expect(page.getByRole('status')).toContainText('已恢复原安排');
	await page.context().clearCookies();
	const restored = await textTo(phone, 'sitting_restored');
	expect(smsText('sitting_restored', restored.params, followUrl.origin)).toContain('孙倩医生');
	expect(smsText('sitting_restored', restored.params, followUrl.origin)).toContain('恢复');

	await page.goto(`/f/${text.params.token}`);
	await page.getByRole('button', { name: '停止提醒' }).click();
	await expect(page.getByText('已停止，以后不会再收到这条提醒的短信。')).toBeVisible();
	await page.goto(followUrl.pathname);
	await expect(page.getByText(/已于 .* 停止提醒/)).toBeVisible();
	await expect(page.getByRole('button', { name: '停止提醒' })).toHaveCount(0);

	// A made-up link is a 404 with the words that say so.
	const missing = await page.goto('/f/aaaaaaaaaaaaaaaa');
	expect(missing?.status()).toBe(404);
	await expect(page.getByText('这个链接无效或已过期')).toBeVisible();
});
