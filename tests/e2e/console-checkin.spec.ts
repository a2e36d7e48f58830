/**
 * The door on the day of a free clinic, as a volunteer works it on a phone: by code, by the last four
 * digits, a walk-in, a second scan that changes nothing, a tampered code — and a stretch without
 * signal, where check-ins wait on the phone and are counted once when it comes back.
 */
import { expect, test, type Page } from '@playwright/test';
import { todayIn } from '../../src/lib/calendar-date';
import { createEvent } from '../../src/lib/server/events/events';
import { registerForEvent } from '../../src/lib/server/events/registration';
import { signIn } from './support/console';
import { siteIdNamed, withDemoDb } from './support/demo-db';

const phone = (n: number) => `134${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}${String(n).padStart(4, '0')}`;

/** A clinic today at 新桥 (under 区人民医院, where the demo volunteer serves) with three residents signed up. */
async function clinicToday(label: string) {
	const siteId = await siteIdNamed('新桥社区卫生服务中心');
	const today = todayIn('Asia/Shanghai');
	return withDemoDb(async (db) => {
		const eventId = await createEvent(db, { userId: null, name: '测试' }, {
			kind: 'free_clinic',
			siteId,
			title: `今日义诊（${label}-${Date.now()}）`,
			date: today,
			startTime: '00:00',
			endTime: '23:59',
			capacity: 10
		});
		const people = [];
		for (const [i, name] of ['王秀兰', '李建国', '张桂英'].entries()) {
			const p = phone(i + 1);
			const r = await registerForEvent(db, eventId, { name, phone: p, ageBand: '60_69', consent: true }, today, null);
			people.push({ name, phone: p, code: r.checkInCode });
		}
		return { eventId, people };
	});
}

const checkedIn = (page: Page) => page.getByTestId('checked-in');

test('a volunteer checks in by code and by phone digits, adds a walk-in, and an offline check-in is counted once', async ({ page, context }) => {
	// Many steps on one page; the default 30 s is for one journey step on an idle machine.
	test.setTimeout(90_000);
	const { eventId, people } = await clinicToday('js');
	await signIn(page, 'volunteer@yizhen.example');
	await page.goto(`/console/checkin/${eventId}`);
	await expect(checkedIn(page)).toHaveText('0');
	// The desk has started (a code typed before that is reset as the page starts).
	await expect(page.getByRole('status').filter({ hasText: '已全部上传' })).toBeVisible();

	const code = page.getByLabel('居民出示的 6 位签到码');
	await code.fill(people[0]!.code.toLowerCase());
	await page.getByRole('button', { name: '签到', exact: true }).click();
	await expect(page.getByText('王*兰 签到成功。')).toBeVisible();
	await expect(checkedIn(page)).toHaveText('1');

	await code.fill(people[0]!.code);
	await page.getByRole('button', { name: '签到', exact: true }).click();
	await expect(page.getByText(/王\*兰 已于 \d\d:\d\d 签到（王芳），不用重复签到。/)).toBeVisible();
	await code.fill('ZZZZZZ');
	await page.getByRole('button', { name: '签到', exact: true }).click();
	await expect(page.getByText('没有找到签到码 ZZZZZZ')).toBeVisible();
	await expect(checkedIn(page)).toHaveText('1');

	await page.getByLabel('手机号后 4 位').fill(people[1]!.phone.slice(7));
	await page.getByRole('button', { name: '查找' }).click();
	await page.getByRole('button', { name: '签到 李*国' }).click();
	await expect(page.getByText('李*国 签到成功。')).toBeVisible();
	await expect(checkedIn(page)).toHaveText('2');

	await page.getByText('现场登记', { exact: true }).click();
	await page.getByLabel('姓名').fill('赵大爷');
	await page.getByLabel('年龄段').selectOption({ label: '80 岁及以上' });
	await page.getByLabel(/已告诉居民/).check();
	await page.getByRole('button', { name: '登记并签到' }).click();
	await expect(page.getByText('现场登记：赵*爷 签到成功。')).toBeVisible();
	await expect(checkedIn(page)).toHaveText('3');

	// The door page is kept on the phone for when there is no signal.
	await expect
		.poll(() => page.evaluate(async () => Boolean(await caches.match(location.origin + location.pathname))), { timeout: 15_000 })
		.toBe(true);

	// The signal drops: the check-in waits on the phone.
	await context.setOffline(true);
	await code.fill(people[2]!.code);
	await page.getByRole('button', { name: '签到', exact: true }).click();
	await expect(page.getByText('没有网络：签到先存在本机')).toBeVisible();
	await expect(page.getByText(`待上传：${people[2]!.code}`)).toBeVisible();
	// The phone's browser drops the tab while it is still offline: the page opens again, queue and all.
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: /^签到：今日义诊/ })).toBeVisible();
	await expect(page.getByText(`待上传：${people[2]!.code}`)).toBeVisible();
	// The signal comes back: sent once, counted once.
	await context.setOffline(false);
	// A send refused on the way (a busy CI server answers 503) is tried again every two seconds.
	await expect(page.getByText('张*英 签到成功。')).toBeVisible({ timeout: 15_000 });
	await expect(page.getByText('已全部上传')).toBeVisible();
	await expect(checkedIn(page)).toHaveText('4');
	await page.reload();
	await expect(checkedIn(page)).toHaveText('4');
	await expect(page.getByText(/待上传/)).toHaveCount(0);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the QR link opens with the code filled in, one tap checks in, and the form re-sent counts once', async ({ page }) => {
		const { eventId, people } = await clinicToday('nojs');
		await signIn(page, 'volunteer@yizhen.example');
		await page.goto(`/console/checkin/${eventId}?code=${people[0]!.code}`);
		await expect(page.getByLabel('居民出示的 6 位签到码')).toHaveValue(people[0]!.code);
		await page.getByRole('button', { name: '签到', exact: true }).click();
		await expect(page.getByRole('status').filter({ hasText: '王*兰 签到成功。' })).toBeVisible();
		await expect(checkedIn(page)).toHaveText('1');
		// The browser's back button and the same form sent again: the operation id is the same.
		await page.goBack();
		await page.getByRole('button', { name: '签到', exact: true }).click();
		await expect(checkedIn(page)).toHaveText('1');
	});

	test('a walk-in without a name is refused at the name field, and what was typed stays', async ({ page }) => {
		const { eventId } = await clinicToday('nojs-walkin');
		await signIn(page, 'volunteer@yizhen.example');
		await page.goto(`/console/checkin/${eventId}`);
		await page.getByText('现场登记', { exact: true }).click();
		// The browser would stop an empty required field; a name of spaces gets past it to the server.
		await page.getByLabel('姓名').fill('   ');
		await page.getByLabel('手机号（可不填）').fill('138123');
		await page.getByLabel('年龄段').selectOption({ label: '70–79 岁' });
		await page.getByLabel(/已告诉居民/).check();
		await page.getByRole('button', { name: '登记并签到' }).click();
		await expect(page.getByText('请填写姓名')).toBeVisible();
		await expect(page.getByLabel('手机号（可不填）')).toHaveValue('138123');
		await expect(checkedIn(page)).toHaveText('0');
	});
});

test('a volunteer of another hospital cannot open this door', async ({ page }) => {
	const { eventId } = await clinicToday('scope');
	await signIn(page, 'organizer.cjq@yizhen.example');
	expect((await page.goto(`/console/checkin/${eventId}`))!.status()).toBe(403);
});
