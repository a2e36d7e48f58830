import { expect, test } from '@playwright/test';
import { and, eq, ne } from 'drizzle-orm';
import { addDays } from '../../src/lib/calendar-date';
import { experts, memberships, users } from '../../src/lib/server/db/schema';
import { newId } from '../../src/lib/server/ids';
import { listSittings } from '../../src/lib/server/schedule/sittings';
import { demoId } from '../../src/lib/server/seed/seed-demo';
import { saveThroughCoverageWarning, signIn } from './support/console';
import { thisWeek, withDemoDb } from './support/demo-db';

test('an organizer hands a sitting to a substitute, and the mailbox shows a message to each expert', async ({ page }) => {
	test.setTimeout(90_000);
	const expertId = demoId('expert:likangning');
	const substituteEmail = `sub-${Date.now()}@yizhen.example`;
	// Six weeks out, where no other journey looks; the substitute gets an account so mail can reach them.
	const { sittingId, substituteId } = await withDemoDb(async (db) => {
		const from = addDays(thisWeek().monday, 42);
		const { sittings } = await listSittings(db, { from, to: addDays(from, 6), expertId });
		const sitting = sittings.find((s) => s.status === 'scheduled' && !s.substituted)!;
		const me = (await db.select().from(experts).where(eq(experts.id, expertId)).get())!;
		const colleague = (await db.select().from(experts).where(and(eq(experts.departmentId, me.departmentId), ne(experts.id, expertId), eq(experts.active, true))).get())!;
		const userId = newId();
		await db.insert(users).values({ id: userId, email: substituteEmail, name: colleague.name });
		await db.insert(memberships).values({ id: newId(), userId, role: 'expert', expertId: colleague.id });
		return { sittingId: sitting.id, substituteId: colleague.id };
	});

	await signIn(page, 'organizer@yizhen.example');
	await page.goto(`/console/sittings/${sittingId}`);
	await page.getByLabel('替诊专家').selectOption(substituteId);
	await saveThroughCoverageWarning(page, page.locator('form[action="?/substitute"]:not(.confirm)'), '保存替诊');
	await expect(page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();

	await signIn(page, 'admin@yizhen.example');
	await expect(async () => {
		await page.goto('/console/mailbox');
		await expect(page.getByText(new RegExp(`^替诊安排：.+ → .*${substituteEmail.replace('.', '\\.')}`))).toBeVisible({ timeout: 1000 });
		await expect(page.getByText(/^您的坐诊已安排替诊：.+ → .*expert@yizhen\.example/).first()).toBeVisible({ timeout: 1000 });
	}).toPass({ timeout: 20_000 });
	const released = page.locator('details', { hasText: '您的坐诊已安排替诊' }).first();
	await released.locator('summary').click();
	await expect(released.locator('pre')).toContainText('这个时间不用前往');
});
