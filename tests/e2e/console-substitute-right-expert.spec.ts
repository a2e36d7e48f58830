import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { addDays, mondayOf } from '../../src/lib/calendar-date';
import { experts } from '../../src/lib/server/db/schema';
import { listSittings } from '../../src/lib/server/schedule/sittings';
import { demoId } from '../../src/lib/server/seed/seed-demo';
import { passCoverageWarning, signIn } from './support/console';
import { thisWeek, withDemoDb } from './support/demo-db';

// Organizers arrange cover from a phone too. Console journeys run in the desktop project only (they
// share the demo database), so the narrow screen is set here.
test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

const CHEN_PHONE = '023-65210001';

test('the organizer sees 康复科 colleagues first, is warned before a cardiologist, and is told who heard of it', async ({ page }) => {
	test.setTimeout(90_000);
	const likangning = demoId('expert:likangning');
	const chen = demoId('expert:chenzhiming');
	// Seven weeks out, where no other journey looks. 陈志明 has no account: the organizer must call him.
	const sitting = await withDemoDb(async (db) => {
		await db.update(experts).set({ contactPhone: CHEN_PHONE, contactEmail: null }).where(eq(experts.id, chen));
		const from = addDays(thisWeek().monday, 49);
		const { sittings } = await listSittings(db, { from, to: addDays(from, 6), expertId: likangning });
		const found = sittings.find((s) => s.status === 'scheduled' && !s.substituted && s.department.name === '康复科');
		if (!found) throw new Error('demo data has no 康复科 sitting of 李康宁 seven weeks out');
		return found;
	});

	await signIn(page, 'organizer@yizhen.example');
	await page.goto(`/console/sittings/${sitting.id}`);

	// 康复科 first, each colleague with whether they are free at that hour.
	const select = page.getByLabel('替诊专家');
	const first = select.locator('optgroup').first();
	await expect(first).toHaveAttribute('label', '康复科（本科室）');
	const colleagues = await first.locator('option').allTextContents();
	expect(colleagues.length).toBeGreaterThan(0);
	for (const option of colleagues) expect(option).toMatch(/当天这个时间有空|同一时间在.+坐诊|当天请假/);
	expect(colleagues.some((o) => o.startsWith('周敏 · 主治医师'))).toBe(true);
	expect(colleagues.some((o) => o.includes('李康宁'))).toBe(false);
	await expect(select.locator('optgroup[label="心内科"] option', { hasText: '陈志明' })).toHaveCount(1);

	// A cardiologist: the server answers with a warning first, saving nothing.
	await select.selectOption(chen);
	await page.getByRole('button', { name: '保存替诊' }).click();
	const warning = page.locator('form.confirm');
	await expect(warning).toContainText('替诊专家不是本科室的');
	await expect(warning).toContainText('由 陈志明（心内科 主任医师）替诊');
	await page.getByRole('button', { name: '确认替诊' }).click();
	// A cardiologist takes a 康复科 half-day away from 新桥: whether that month then falls short of its
	// target depends on the month seven weeks out.
	await passCoverageWarning(page, page.locator('form[action="?/substitute"]:not(.confirm)'), '保存替诊');

	await expect(page.getByRole('status').filter({ hasText: '已保存' })).toContainText('陈志明');
	const told = page.getByRole('region', { name: '通知情况' });
	await expect(told).toContainText('已发邮件通知');
	await expect(told).toContainText('李康宁 副主任医师（expert@yizhen.example）');
	await expect(told).toContainText('以下专家没能通知到，请电话告知');
	await expect(told.getByRole('link', { name: `电话 ${CHEN_PHONE}` })).toHaveAttribute('href', `tel:${CHEN_PHONE}`);
	expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

	// Residents see the substitute's own department, not the one the sitting was planned for.
	await page.goto(`/centers/${sitting.siteId}?week=${mondayOf(sitting.date)}`);
	const card = page.locator(`li.day[data-date="${sitting.date}"] li.sitting`, { hasText: '陈志明' });
	await expect(card.locator('.dept')).toHaveText('心内科');
	await expect(card).toContainText('替 李康宁 坐诊');
	await expect(card).toContainText('原为康复科坐诊，本次由心内科专家替诊');
});
