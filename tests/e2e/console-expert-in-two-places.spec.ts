import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { formatDay } from '../../src/lib/format/dates';
import { events } from '../../src/lib/server/db/schema';
import { signIn } from './support/console';
import { thisWeek, withDemoDb } from './support/demo-db';

// On a phone: organizers plan from one too. Console journeys run in the desktop project only (they
// share the demo database), so the narrow screen is set here.
test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

const LECTURE = '高血压的家庭自我管理';

test('the organizer previews Wednesday afternoons for 陈志明 and is told he gives a lecture at that hour', async ({ page }) => {
	const lecture = await withDemoDb((db) =>
		db.select({ date: events.date, startTime: events.startTime, endTime: events.endTime }).from(events).where(eq(events.title, LECTURE)).get()
	);
	if (!lecture) throw new Error(`demo data has no lecture titled ${LECTURE}`);

	await signIn(page, 'organizer@yizhen.example');
	await page.goto('/console/rotations/new');
	await page.getByLabel(/^专家/).selectOption({ label: '陈志明 · 主任医师 · 心内科 · 区人民医院' });
	await page.getByLabel('坐诊地点').selectOption({ label: '小龙坎社区卫生服务中心' });
	await page.getByLabel(/^科室/).selectOption({ label: '心内科' });
	await page.getByLabel('重复方式').selectOption({ label: '每周' });
	await page.getByLabel('周三').check();
	await page.getByLabel('开始时间').fill('14:00');
	await page.getByLabel('结束时间').fill('17:00');
	await page.getByLabel('开始日期').fill(thisWeek().monday);
	await page.getByRole('button', { name: '预览接下来的班次' }).click();

	await expect(page.getByRole('heading', { name: /预览：每周三，接下来的 8 个班次/ })).toBeVisible();
	const day = formatDay(lecture.date);
	// A warning naming both: the sitting that would be planned and the lecture it runs into.
	const clash = page.locator('ul.conflicts li', { hasText: LECTURE });
	await expect(clash).toBeVisible();
	await expect(clash).toContainText(`提醒：陈志明 时间冲突：${day} 14:00–17:00 在小龙坎社区卫生服务中心坐诊`);
	await expect(clash).toContainText(`${day} ${lecture.startTime}–${lecture.endTime} 在新桥社区卫生服务中心主讲讲座“${LECTURE}”`);
	await expect(clash).not.toHaveClass(/blocking/);
	await expect(clash).not.toContainText(lecture.date);

	// The message fits the phone: no sideways scrolling.
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow).toBeLessThanOrEqual(0);
});
