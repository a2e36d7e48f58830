import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { departmentIdNamed, eventIdTitled, siteIdNamed, sittingsThisWeek, thisWeek } from './support/demo-db';

// axe walks the whole page; on a busy two-core CI machine that alone can take 20 s.
test.describe.configure({ timeout: 60_000 });

/** Each public page, its URL found from the demo data the server is using. */
const PUBLIC_PAGES: Record<string, () => Promise<string>> = {
	home: async () => '/',
	'home with a center chosen': async () => `/?center=${await siteIdNamed('新桥社区卫生服务中心')}`,
	'list of centers': async () => '/centers',
	'center week': async () => `/centers/${await siteIdNamed('新桥社区卫生服务中心')}`,
	'find, empty': async () => '/find',
	'find, cardiology next week': async () =>
		`/find?department=${await departmentIdNamed('心内科')}&from=${thisWeek().nextMonday}`,
	expert: async () => `/experts/${(await sittingsThisWeek()).find((s) => s.status === 'scheduled')!.expertId}`,
	'not found': async () => '/centers/no-such-center',
	events: async () => '/events',
	'one event': async () => `/events/${await eventIdTitled('沙坪坝周末义诊：心血管和慢病咨询')}`,
	'subscribe to a calendar': async () => `/subscribe?feed=${encodeURIComponent(`/feeds/centers/${await siteIdNamed('新桥社区卫生服务中心')}.ics`)}`
};

for (const [name, path] of Object.entries(PUBLIC_PAGES)) {
	test(`axe finds no accessibility violations: ${name}`, async ({ page }) => {
		const url = await path();
		await page.goto(url);
		const results = await new AxeBuilder({ page }).analyze();
		expect(results.violations.map((v) => `${url}: ${v.id} ${v.help} (${v.nodes.length})`)).toEqual([]);
	});

	test(`does not scroll sideways on a 360 px phone: ${name}`, async ({ page }) => {
		const url = await path();
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(url);
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow, `${url} is wider than the screen`).toBeLessThanOrEqual(0);
	});
}
