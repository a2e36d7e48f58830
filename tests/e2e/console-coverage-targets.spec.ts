import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { and, eq } from 'drizzle-orm';
import type { CoverageTargetKind } from '../../src/lib/server/coverage/shortfalls';
import { coverageTargets } from '../../src/lib/server/db/schema';
import { demoId } from '../../src/lib/server/seed/seed-demo';
import { signIn } from './support/console';
import { withDemoDb } from './support/demo-db';

const RM = demoId('org:rm');
const NEW_RULE = '石井坡社区卫生服务中心心内科每月坐诊不少于 4 个半天';
const CHANGED_RULE = '石井坡社区卫生服务中心心内科每月坐诊不少于 6 个半天';

/** 区人民医院's targets, or those of one kind: journeys running side by side add targets of other kinds. */
const targetsOfRm = (kind?: CoverageTargetKind) =>
	withDemoDb(
		async (db) =>
			(await db.select({ id: coverageTargets.id }).from(coverageTargets).where(and(eq(coverageTargets.organizationId, RM), kind ? eq(coverageTargets.kind, kind) : undefined)))
				.length
	);
const addForm = (page: Page) => page.getByRole('region', { name: '新增考核目标' }).locator('form');
const targetList = (page: Page) => page.getByRole('region', { name: /^已设的目标/ });

async function expectNoSidewaysScroll(page: Page) {
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(width, `${page.url()} is wider than the screen`).toBeLessThanOrEqual(360);
}

test('the organizer sees a shortfall ahead, is refused 8 days a week at the field, and adds, edits and deletes a target', async ({ page }) => {
	test.setTimeout(90_000);
	await signIn(page, 'organizer@yizhen.example');

	// The demo's targets fall short somewhere in the next 4 weeks: the home says where, in words.
	await page.goto('/console');
	const ahead = page.getByRole('region', { name: /^未来 4 周可能不达标（\d+）$/ });
	await expect(ahead.getByRole('listitem').first()).toContainText(/社区卫生服务中心 · .+：本周.+坐诊 \d+ 天，目标 \d+ 天/);
	await ahead.getByRole('link').click();
	await expect(page).toHaveURL(/\/console\/coverage\?org=/);

	// Also from the navigation.
	await page.goto('/console');
	await page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '考核目标', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: '考核目标' })).toBeVisible();
	await expect(targetList(page).getByRole('listitem')).toContainText(['每个中心每周专科坐诊不少于 2 天', '每个中心每周副高级以上专家坐诊不少于 1 天']);
	const before = await targetsOfRm();

	// 8 days a week cannot be met: refused at 目标数, what was typed still there, nothing saved.
	await addForm(page).locator('[name=kind]').selectOption({ label: '中心每周专科坐诊天数' });
	await addForm(page).locator('[name=minimum]').fill('8');
	await addForm(page).locator('[name=note]').fill('试一试');
	await addForm(page).getByRole('button', { name: '新增目标' }).click();
	await expect(page.locator('#coverage-minimum-error')).toHaveText('一周只有 7 天，每周坐诊不能要求 8 天');
	await expect(addForm(page).locator('[name=minimum]')).toHaveAttribute('aria-invalid', 'true');
	await expect(addForm(page).locator('[name=minimum]')).toHaveValue('8');
	await expect(addForm(page).locator('[name=note]')).toHaveValue('试一试');
	expect(await targetsOfRm()).toBe(before);
	// Without use:enhance the refusal is a 400, the page drawn again with the message at the field.
	const refused = await page.request.post(`/console/coverage?org=${RM}`, {
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
		form: { organizationId: RM, kind: 'site_days_per_week', minimum: '8', holidayRule: 'pro_rata' },
		maxRedirects: 0
	});
	expect(refused.status()).toBe(400);
	expect(await refused.text()).toContain('一周只有 7 天');
	expect(await targetsOfRm()).toBe(before);

	// A department's half-days a month at one center.
	await addForm(page).locator('[name=kind]').selectOption({ label: '某中心某科室每月坐诊半天数' });
	await expect(addForm(page).locator('[name=expertId]')).toBeHidden();
	await addForm(page).locator('[name=siteId]').selectOption({ label: '石井坡社区卫生服务中心' });
	await addForm(page).locator('[name=departmentId]').selectOption({ label: '心内科' });
	await addForm(page).locator('[name=minimum]').fill('4');
	await addForm(page).getByLabel('有法定节假日的周或月不考核').check();
	await addForm(page).locator('[name=note]').fill('e2e：心内科每月到石井坡');
	await addForm(page).getByRole('button', { name: '新增目标' }).click();
	await expect(page.getByRole('status')).toHaveText('已新增考核目标。');
	const added = targetList(page).getByRole('listitem').filter({ hasText: NEW_RULE });
	await expect(added).toContainText('有法定节假日的周或月不考核');
	await expect(added).toContainText('e2e：心内科每月到石井坡');
	expect(await targetsOfRm()).toBe(before + 1);
	await new AxeBuilder({ page }).analyze().then((r) => expect(r.violations.map((v) => `${v.id} ${v.help}`)).toEqual([]));

	// Edit it: 6 half-days.
	await added.getByRole('link', { name: '修改' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '修改考核目标' })).toBeVisible();
	await expect(page.locator('[name=minimum]')).toHaveValue('4');
	await page.locator('[name=minimum]').fill('0');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.locator('#coverage-minimum-error')).toHaveText('目标至少为 1');
	await page.locator('[name=minimum]').fill('6');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('status')).toHaveText('已保存修改。');
	await expect(targetList(page).getByRole('listitem').filter({ hasText: CHANGED_RULE })).toHaveCount(1);
	await expect(targetList(page).getByRole('listitem').filter({ hasText: NEW_RULE })).toHaveCount(0);

	// Delete it: asked first, on a page of its own.
	await targetList(page).getByRole('listitem').filter({ hasText: CHANGED_RULE }).getByRole('link', { name: '删除' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '删除这条考核目标？' })).toBeVisible();
	await expect(page.getByText(CHANGED_RULE)).toBeVisible();
	expect(await targetsOfRm()).toBe(before + 1);
	await page.getByRole('button', { name: '确定删除' }).click();
	await expect(page.getByRole('status')).toHaveText('已删除考核目标。');
	await expect(targetList(page).getByRole('listitem').filter({ hasText: CHANGED_RULE })).toHaveCount(0);
	expect(await targetsOfRm()).toBe(before);
});

test('the planning grid shows the shortfalls ahead and links to the targets', async ({ page }) => {
	await signIn(page, 'organizer@yizhen.example');
	await page.goto('/console/plan');
	const ahead = page.getByRole('region', { name: /^未来 4 周可能不达标（\d+）$/ });
	await expect(ahead.getByRole('listitem').first()).toContainText(/目标 \d+/);
	await expect(ahead.getByRole('link')).toHaveAttribute('href', `/console/coverage?org=${RM}`);
});

test('an organization without targets is invited to set some', async ({ page }) => {
	await signIn(page, 'organizer.cjq@yizhen.example');
	await page.goto('/console');
	const ahead = page.getByRole('region', { name: '考核目标 · 未来 4 周' });
	await expect(ahead).toContainText('还没有设置考核目标');
	await expect(ahead.getByRole('link', { name: '设置考核目标' })).toHaveAttribute('href', /^\/console\/coverage\?org=/);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('every field is there, with the kind that uses it, and a refusal comes back at its field', async ({ page }) => {
		await signIn(page, 'organizer@yizhen.example');
		await page.goto('/console/coverage');
		await expect(addForm(page).locator('[name=expertId]')).toBeVisible();
		await expect(addForm(page)).toContainText('只用于“某专家每月下派坐诊次数”');
		const before = await targetsOfRm('expert_sittings_per_month');
		await addForm(page).locator('[name=kind]').selectOption({ label: '某专家每月下派坐诊次数' });
		await addForm(page).locator('[name=minimum]').fill('4');
		await addForm(page).getByRole('button', { name: '新增目标' }).click();
		await expect(page.locator('#coverage-expertId-error')).toHaveText('请选择专家');
		await expect(addForm(page).locator('[name=kind]')).toHaveValue('expert_sittings_per_month');
		await expect(addForm(page).locator('[name=minimum]')).toHaveValue('4');
		expect(await targetsOfRm('expert_sittings_per_month')).toBe(before);
	});
});

test.describe('on a 360 px phone', () => {
	test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

	test('the targets page, a target and the home with its shortfalls fit the screen', async ({ page }) => {
		await signIn(page, 'organizer@yizhen.example');
		for (const path of ['/console', '/console/coverage', `/console/coverage/${demoId('coverage:rm-senior-days')}`, `/console/coverage/${demoId('coverage:rm-senior-days')}?confirm=delete`]) {
			await page.goto(path);
			await expectNoSidewaysScroll(page);
		}
	});
});
