import { expect, test } from '@playwright/test';
import { addDays } from '../../src/lib/calendar-date';
import { saveThroughCoverageWarning, signIn } from './support/console';
import { siteIdNamed, thisWeek, withDemoDb } from './support/demo-db';
import { listSittings } from '../../src/lib/server/schedule/sittings';

test('an organizer creates a rotation and a resident sees it on the center page', async ({ page }) => {
	const { nextMonday } = thisWeek();
	await signIn(page, 'organizer@yizhen.example');
	await page.goto('/console/rotations/new');
	await page.getByLabel(/^专家/).selectOption({ label: '杨帆 · 住院医师 · 心内科 · 区人民医院' });
	await page.getByLabel('坐诊地点').selectOption({ label: '新桥社区卫生服务中心' });
	await page.getByLabel(/^科室/).selectOption({ label: '心内科' });
	await page.getByLabel('重复方式').selectOption({ label: '每周' });
	await page.getByLabel('周六').check();
	await page.getByLabel('开始时间').fill('09:00');
	await page.getByLabel('结束时间').fill('11:30');
	await page.getByLabel('开始日期').fill(nextMonday);

	await page.getByRole('button', { name: '预览接下来的班次' }).click();
	await expect(page.getByRole('heading', { name: /预览：每周六，接下来的 8 个班次/ })).toBeVisible();
	await expect(page.getByText('没有冲突。')).toBeVisible();

	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByText('已保存。')).toBeVisible();
	await expect(page.getByText(/新建坐诊安排：杨帆 每周六/)).toBeVisible();

	await page.context().clearCookies();
	await page.goto(`/centers/${await siteIdNamed('新桥社区卫生服务中心')}?week=${nextMonday}`);
	const saturday = page.locator(`li.day[data-date="${addDays(nextMonday, 5)}"]`);
	await expect(saturday.locator('li.sitting', { hasText: '杨帆' })).toContainText('09:00');
});

test('a rotation that double-books an expert is refused with the clash named, and the form keeps what was typed', async ({ page }) => {
	const { nextMonday } = thisWeek();
	await signIn(page, 'organizer@yizhen.example');
	await page.goto('/console/rotations/new');
	// 陈志明 already sits at 天星桥 every Monday morning.
	await page.getByLabel(/^专家/).selectOption({ label: '陈志明 · 主任医师 · 心内科 · 区人民医院' });
	await page.getByLabel('坐诊地点').selectOption({ label: '小龙坎社区卫生服务中心' });
	await page.getByLabel(/^科室/).selectOption({ label: '心内科' });
	await page.getByLabel('周一').check();
	await page.getByLabel('开始日期').fill(nextMonday);
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('alert')).toContainText('无法保存');
	await expect(page.getByRole('alert')).toContainText('陈志明 同一时间安排在');
	await expect(page.getByLabel('周一')).toBeChecked();
	await expect(page.getByLabel('坐诊地点')).toHaveValue(await siteIdNamed('小龙坎社区卫生服务中心'));
});

test('an organizer cancels a sitting and the public page marks it cancelled with the reason', async ({ page }) => {
	const { nextMonday } = thisWeek();
	const siteId = await siteIdNamed('磁器口社区卫生服务中心');
	const sitting = await withDemoDb(async (db) =>
		(await listSittings(db, { from: nextMonday, to: addDays(nextMonday, 6), siteIds: [siteId] })).sittings.find((s) => s.status === 'scheduled')
	);
	await signIn(page, 'organizer@yizhen.example');
	await page.goto(`/console/sittings/${sitting!.id}`);
	await page.getByLabel('停诊原因（居民会看到）').fill('专家临时参加义诊活动');
	await saveThroughCoverageWarning(page, page.locator('form[action="?/cancel"]'), '停诊');
	await expect(page.getByRole('status')).toContainText('已保存：停诊');
	await expect(page.getByText(/周晓梅：停诊/)).toBeVisible();

	await page.context().clearCookies();
	await page.goto(`/centers/${siteId}?week=${nextMonday}`);
	const item = page.locator(`li.sitting[data-status="cancelled"]`, { hasText: sitting!.expert.name });
	await expect(item).toContainText('停诊');
	await expect(item).toContainText('专家临时参加义诊活动');
});

test('an expert requests leave and the organizer resolves it with a substitute', async ({ page }) => {
	const { monday } = thisWeek();
	// Three weeks ahead: clear of the demo's own changes this week and next.
	const from = addDays(monday, 21);
	const to = addDays(from, 4);
	await signIn(page, 'expert@yizhen.example');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('我的坐诊：李康宁');
	await page.getByLabel('开始日期').fill(from);
	await page.getByLabel('结束日期').fill(to);
	await page.getByLabel('原因（可不填）').fill('外出学术交流');
	await page.getByRole('button', { name: '提交请假申请' }).click();
	await expect(page.getByRole('status')).toContainText('请假申请已提交');
	await expect(page.getByText(/等待组织者处理 · 外出学术交流/)).toBeVisible();

	await signIn(page, 'organizer@yizhen.example');
	await page.goto('/console/plan');
	await page.getByRole('link', { name: /李康宁 申请请假/ }).click();
	const rows = page.getByRole('row').filter({ has: page.getByRole('combobox') });
	await expect(rows).toHaveCount(2); // Tuesday and Thursday
	await rows.nth(0).getByRole('combobox').selectOption({ label: '周敏 · 主治医师 · 康复科 · 区中医院' });
	await rows.nth(1).getByRole('combobox').selectOption({ label: '停诊' });
	await page.getByRole('button', { name: '批准并保存安排' }).click();
	// 李康宁 is 新桥's only 副高 in the week: the desk names the target before saving anything, and keeps the choices.
	await expect(page.getByText(/这样改会让考核目标不达标：新桥社区卫生服务中心 .+：本周副高坐诊 0 天，目标 1 天/)).toBeVisible();
	await expect(rows.nth(1).getByRole('combobox')).toHaveValue('cancel');
	await page.getByLabel('仍然保存').check();
	await page.getByRole('button', { name: '批准并保存安排' }).click();
	await expect(page.getByText('已处理。')).toBeVisible();
	await expect(page.getByText(/状态：已批准/)).toBeVisible();

	await page.context().clearCookies();
	await page.goto(`/centers/${await siteIdNamed('新桥社区卫生服务中心')}?week=${from}`);
	const tuesday = page.locator(`li.day[data-date="${addDays(from, 1)}"] li.sitting`, { hasText: '康复科' });
	await expect(tuesday).toContainText('周敏');
	await expect(tuesday).toContainText('替 李康宁 坐诊');
	const thursday = page.locator(`li.day[data-date="${addDays(from, 3)}"] li.sitting`, { hasText: '康复科' });
	await expect(thursday).toContainText('停诊');
});
