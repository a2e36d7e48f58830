import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { signIn } from './support/console';

const QUESTIONNAIRE = '社区居民健康素养小测验';

test('an organizer drafts the next version of a questionnaire, edits and adds items, publishes it, and the published version refuses edits', async ({ page, baseURL }) => {
	// Sign-in (Argon2id), a 25-item editor page and an axe run: slow on the busy 2-core machine.
	test.setTimeout(180_000);
	await signIn(page, 'admin@yizhen.example');
	await page.goto('/console/surveys');
	await page.getByRole('link', { name: /编辑问卷/ }).click();
	await page.getByRole('link', { name: QUESTIONNAIRE }).click();
	await expect(page.getByRole('heading', { level: 1, name: QUESTIONNAIRE })).toBeVisible();

	// A new draft copies the latest published version's items.
	await page.getByRole('button', { name: /^新建第 \d+ 版草稿$/ }).click();
	await expect(page.getByRole('heading', { level: 1, name: /（第 \d+ 版）$/ })).toBeVisible();
	await expect(page.getByText('草稿：可以修改')).toBeVisible();
	const draftUrl = page.url();
	const results = await new AxeBuilder({ page }).analyze();
	expect(results.violations.map((v) => `${v.id} ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);

	// Edit the first item's wording.
	const first = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^第 1 题/ }) });
	const prompt = '健康包括身体健康、心理健康和良好的社会适应能力。';
	await first.getByLabel('题目', { exact: true }).fill(prompt);
	await first.getByRole('button', { name: '保存第 1 题' }).click();
	await expect(page.getByRole('status')).toHaveText('已保存这道题。');
	await page.reload();
	await expect(page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^第 1 题/ }) }).getByLabel('题目', { exact: true })).toHaveValue(prompt);

	// A single-choice item with two right answers is refused at the field; with one it is added.
	const add = page.getByRole('region', { name: '添加一道题' });
	await add.getByLabel('题型').selectOption({ label: '单选题' });
	await add.getByLabel('题目', { exact: true }).fill('发现有人触电，第一步应该怎么做？');
	await add.getByLabel('选项 A', { exact: true }).fill('立即用手把人拉开');
	await add.getByLabel('选项 B', { exact: true }).fill('先切断电源');
	await add.getByLabel('选项 C', { exact: true }).fill('往人身上泼水');
	await add.getByLabel('选项 A 是正确答案').check();
	await add.getByLabel('选项 B 是正确答案').check();
	await add.getByLabel(/^所属方面/).selectOption('基本技能');
	await add.getByLabel(/^健康问题类别/).selectOption('安全与急救');
	await add.getByRole('button', { name: '添加到最后' }).click();
	await expect(add.getByText('单选题要有且只有一个正确答案')).toBeVisible();
	await expect(add.getByLabel('选项 B', { exact: true })).toHaveValue('先切断电源');
	await add.getByLabel('选项 A 是正确答案').uncheck();
	await add.getByRole('button', { name: '添加到最后' }).click();
	await expect(page.getByRole('status')).toHaveText('已添加新题。');
	await expect(page.getByRole('heading', { name: /^第 \d+ 题 · 单选题$/ }).last()).toBeVisible();

	// Publish: the page turns read-only.
	await page.getByRole('button', { name: /^发布第 \d+ 版$/ }).click();
	await expect(page.getByRole('status')).toHaveText(/^已发布/);
	await page.reload();
	await expect(page.getByText(/^已发布（/)).toBeVisible();
	await expect(page.getByRole('button', { name: /^保存第/ })).toHaveCount(0);
	await expect(page.getByText(prompt)).toBeVisible();
	await expect(page.getByText('发现有人触电，第一步应该怎么做？')).toBeVisible();

	// A hand-made POST against the published version is refused with the reason, and nothing changes.
	const response = await page.request.post(`${draftUrl}?/heading`, {
		form: { which: 'heading', title: '偷改的名称', intro: '' },
		// As a browser without JavaScript sends it (with JSON, SvelteKit reports the failure inside a 200).
		headers: { origin: baseURL!, accept: 'text/html' }
	});
	expect(response.status()).toBe(409);
	expect(await response.text()).toContain('这个版本已经发布，不能再修改');
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: /偷改/ })).toHaveCount(0);
	await expect(page.getByRole('heading', { level: 1, name: new RegExp(`^${QUESTIONNAIRE}`) })).toBeVisible();
});
