import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { memberships, organizations, users } from '../../src/lib/server/db/schema';
import { newId } from '../../src/lib/server/ids';
import { signIn } from './support/console';
import { eventIdTitled, withDemoDb } from './support/demo-db';

const CLINIC = '沙坪坝周末义诊：心血管和慢病咨询';
const LECTURE = '高血压的家庭自我管理';

/**
 * The demo has one volunteer account; the organizer needs a second person to assign. Only an
 * organizer picks them from a list, so they need no password.
 */
async function addVolunteerOfPeoplesHospital(name: string): Promise<void> {
	await withDemoDb(async (db) => {
		const org = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, '重庆市沙坪坝区人民医院')).get();
		if (!org) throw new Error('demo data has no 区人民医院');
		const id = newId();
		await db.insert(users).values({ id, email: `${id}@e2e.yizhen.example`, name });
		await db.insert(memberships).values({ id: newId(), userId: id, role: 'volunteer', organizationId: org.id });
	});
}

const role = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

test('a volunteer changes to 测血压, the organizer staffs the role, and a role filled meanwhile refuses', async ({ page, browser }) => {
	// Two people in two browsers and a dozen pages: on a busy CI machine 30 s was not always enough.
	test.setTimeout(60_000);
	const name = `赵敏${newId(3)}`;
	await addVolunteerOfPeoplesHospital(name);
	const clinicId = await eventIdTitled(CLINIC);
	const lectureId = await eventIdTitled(LECTURE);

	// 王芳 guides residents at Saturday's clinic; one role per event, so she leaves it for 测血压.
	await signIn(page, 'volunteer@yizhen.example');
	await page.goto('/console/shifts');
	const mine = page.locator('section', { has: page.getByRole('heading', { name: '我的岗位' }) });
	await expect(mine.locator('li', { hasText: CLINIC })).toContainText('岗位：导诊');
	await mine.getByRole('button', { name: '退出「导诊」' }).click();
	await expect(page.getByRole('status')).toContainText('已退出：导诊');
	await page.getByRole('button', { name: `报名 ${CLINIC} 的「测血压」` }).click();
	await expect(page.getByRole('status')).toContainText('已报名：测血压');
	const shift = mine.locator('li', { hasText: CLINIC });
	await expect(shift).toContainText('岗位：测血压');
	await expect(shift).toContainText(/\d+月\d+日 周六 上午/);
	await expect(shift.getByRole('link', { name: '到场签到' })).toHaveAttribute('href', `/console/checkin/${clinicId}`);

	// The organizer sees her in the role, adds the new volunteer, and takes them out again.
	const organizerContext = await browser.newContext();
	const organizer = await organizerContext.newPage();
	await signIn(organizer, 'organizer@yizhen.example');
	await organizer.goto(`/console/events/${clinicId}/volunteers`);
	const bp = role(organizer, '测血压');
	await expect(bp).toContainText('已安排 1/3');
	await expect(bp.getByRole('listitem').filter({ hasText: '王芳' })).toHaveCount(1);
	await bp.getByLabel('安排志愿者到「测血压」').selectOption({ label: name });
	await bp.getByRole('button', { name: '安排' }).click();
	await expect(organizer.getByRole('status').first()).toContainText(`已安排：${name} · 测血压`);
	await expect(role(organizer, '测血压')).toContainText('已安排 2/3');
	await role(organizer, '测血压').getByRole('button', { name: `把 ${name} 移出「测血压」` }).click();
	await expect(organizer.getByRole('status').first()).toContainText(`已移出：${name} · 测血压`);
	await expect(role(organizer, '测血压')).toContainText('已安排 1/3');
	await expect(role(organizer, '测血压').getByRole('listitem').filter({ hasText: name })).toHaveCount(0);

	// 王芳 is looking at the lecture's one 签到 place while the organizer gives it to someone else.
	await page.goto('/console/shifts');
	const signIn签到 = page.getByRole('button', { name: `报名 ${LECTURE} 的「签到」` });
	await expect(signIn签到).toBeVisible();
	await organizer.goto(`/console/events/${lectureId}/volunteers`);
	await role(organizer, '签到').getByLabel('安排志愿者到「签到」').selectOption({ label: name });
	await role(organizer, '签到').getByRole('button', { name: '安排' }).click();
	await expect(role(organizer, '签到')).toContainText('已安排 1/1');
	await signIn签到.click();
	await expect(page.getByRole('alert')).toContainText('「签到」已经满员（1/1）');
	await expect(page.getByRole('status')).toHaveCount(0);

	// The attendance page labels each number.
	await organizer.goto(`/console/events/${clinicId}/attendance`);
	for (const label of ['已报名', '已签到', '现场加入', '待签到', '候补中', '受益人次']) await expect(organizer.getByText(label, { exact: true })).toBeVisible();
	await organizerContext.close();
});

test('the expert records 诊疗人次 for a sitting that has taken place', async ({ page }) => {
	await signIn(page, 'expert@yizhen.example');
	await page.goto('/console/me');
	const recent = page.getByRole('region', { name: '登记诊疗人次（近两周）' });
	const latest = recent.getByRole('listitem').first();
	const when = (await latest.locator('strong').textContent())!;
	await latest.getByRole('spinbutton').fill('17');
	await latest.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('status')).toContainText(`已保存：诊疗人次 ${when}`);
	await expect(page.getByRole('status')).toContainText('李康宁：17');
	const saved = page.getByRole('region', { name: '登记诊疗人次（近两周）' }).getByRole('listitem').first();
	await expect(saved).toContainText('已登记 17 人次（李康宁');
	await expect(saved.getByRole('spinbutton')).toHaveValue('17');
});

// One test per page, as in console-accessibility: a slow axe run cannot time out the others.
const AXE_PAGES: [who: string, name: string, path: () => Promise<string>][] = [
	['volunteer@yizhen.example', 'shifts (volunteer)', async () => '/console/shifts'],
	['organizer@yizhen.example', 'shifts (organizer)', async () => '/console/shifts'],
	['organizer@yizhen.example', 'event volunteers', async () => `/console/events/${await eventIdTitled(CLINIC)}/volunteers`],
	['organizer@yizhen.example', 'event attendance', async () => `/console/events/${await eventIdTitled(CLINIC)}/attendance`],
	['expert@yizhen.example', "expert's sittings and 诊疗人次", async () => '/console/me']
];
for (const [who, name, path] of AXE_PAGES) {
	test(`axe finds no accessibility violations: ${name}`, async ({ page }) => {
		test.setTimeout(60_000);
		const url = await path();
		await signIn(page, who);
		await page.goto(url);
		const results = await new AxeBuilder({ page }).analyze();
		expect(results.violations.map((v) => `${url}: ${v.id} ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
	});
}
