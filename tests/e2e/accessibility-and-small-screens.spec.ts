import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { departmentIdNamed, siteIdNamed, sittingsThisWeek, thisWeek } from './support/demo-db';

async function publicPages() {
	const { nextMonday } = thisWeek();
	const centerId = await siteIdNamed('新桥社区卫生服务中心');
	const cardiology = await departmentIdNamed('心内科');
	const sitting = (await sittingsThisWeek()).find((s) => s.status === 'scheduled');
	return [
		'/',
		`/?center=${centerId}`,
		'/centers',
		`/centers/${centerId}`,
		`/find?department=${cardiology}&from=${nextMonday}`,
		'/find',
		`/experts/${sitting!.expertId}`,
		'/centers/no-such-center'
	];
}

test('axe finds no accessibility violations on the public pages', async ({ page }) => {
	for (const path of await publicPages()) {
		await page.goto(path);
		const results = await new AxeBuilder({ page }).analyze();
		expect(results.violations.map((v) => `${path}: ${v.id} ${v.help}`)).toEqual([]);
	}
});

test('no public page scrolls sideways on a 360 px phone', async ({ page }) => {
	await page.setViewportSize({ width: 360, height: 740 });
	for (const path of await publicPages()) {
		await page.goto(path);
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow, `${path} is wider than the screen`).toBeLessThanOrEqual(0);
	}
});
